package com.clientele.report;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.reports.CustomerCard;
import com.clientele.reports.CustomerValueAhead;
import com.clientele.reports.MonthlyGold;
import com.clientele.runtime.Warehouse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads what a month's reports print from the gold snapshot of the month's as-of date (and, for the archive
 * cards, the silver detail of the key and A-grade customers). The lifetime values come from
 * gold.customer_lifetime_value and gold.clv_model of the same snapshot; a snapshot without them (models not
 * fitted, or built before they existed) gives empty lists and no predictions. Everything it returns is plain
 * data; personal data is decrypted only when a protector is given.
 */
public final class MonthlyReportReader {

  static final List<String> SERVICE_TYPES = List.of("complaint", "service_ticket");
  static final List<String> FEEDBACK_TYPES = List.of("feedback", "survey", "suggestion");

  private final Warehouse warehouse;

  public MonthlyReportReader(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** The latest gold as_of_date within the month; empty when the month has no gold snapshot. */
  public Optional<LocalDate> asOfDate(YearMonth month) {
    Row row = warehouse.read(TableCatalog.CUSTOMER_PROFILE)
        .where(col("as_of_date").between(java.sql.Date.valueOf(month.atDay(1)), java.sql.Date.valueOf(month.atEndOfMonth())))
        .agg(max("as_of_date")).first();
    return row.isNullAt(0) ? Optional.empty() : Optional.of(((java.sql.Date) row.get(0)).toLocalDate());
  }

  private Dataset<Row> snapshot(com.clientele.catalog.Table table, LocalDate asOf) {
    return warehouse.read(table).where(col("as_of_date").equalTo(java.sql.Date.valueOf(asOf)));
  }

  public MonthlyGold monthlyGold(LocalDate asOf) {
    Dataset<Row> profile = snapshot(TableCatalog.CUSTOMER_PROFILE, asOf);
    var loyalty = GoldRows.collect(snapshot(TableCatalog.LOYALTY_METRICS, asOf)
        .where(col("breakdown").equalTo("all")).orderBy("month_start"));
    var bucket = GoldRows.collect(snapshot(TableCatalog.LEAKY_BUCKET, asOf).orderBy("month_start"));
    var cohorts = GoldRows.collect(snapshot(TableCatalog.CHURN_COHORTS, asOf)
        .orderBy("acquisition_month", "months_since_acquisition"));
    var referral = GoldRows.collect(snapshot(TableCatalog.REFERRAL_METRICS, asOf).orderBy("month_start"));
    Dataset<Row> values = lifetimeValues(asOf);
    var atRisk = GoldRows.collect(snapshot(TableCatalog.AT_RISK_CUSTOMERS, asOf)
        .join(values.select("customer_key", "clv", "p_alive", "value_at_risk"), new String[] {"customer_key"}, "left")
        .orderBy("priority"));
    // What the PDFs print is computed by the build (the report marts); here it is only read.
    var segments = GoldRows.collect(snapshot(TableCatalog.REPORT_SEGMENT_MIX, asOf).orderBy("scheme", "segment"));
    var pareto = GoldRows.collect(snapshot(TableCatalog.REPORT_PARETO, asOf).orderBy("customer_percent"));
    var kpis = GoldRows.collect(snapshot(TableCatalog.REPORT_KPIS, asOf)
        .where(col("month_start").equalTo(java.sql.Date.valueOf(asOf.withDayOfMonth(1)))).orderBy("kpi"));
    Set<String> named = new HashSet<>();
    for (Map<String, Object> r : referral) {
      Object top = r.get("top_referrers");
      if (top instanceof String s && !s.isBlank()) {
        for (String part : s.split(",\\s*")) {
          named.add(part.split(":")[0]);
        }
      }
    }
    var models = GoldRows.collect(snapshot(TableCatalog.CLV_MODEL, asOf)
        .select("model", "status", "customers", "horizon_months", "monthly_discount_rate").orderBy("model"));
    var valueTotals = GoldRows.collect(profile.select("customer_key", "value_position", "vip_tier")
        .join(values.select("customer_key", "clv", "value_at_risk"), "customer_key")
        .groupBy("value_position", "vip_tier")
        .agg(count(lit(1)).as("customers"), sum("clv").as("clv"), sum("value_at_risk").as("value_at_risk")));
    return new MonthlyGold(asOf, loyalty, bucket, cohorts, referral, atRisk, segments, pareto, kpis,
        maskedNames(profile, named), models, valueTotals, GoldRows.collect(valueWatchList(profile, values)),
        credit(asOf), care(asOf));
  }

  /** The care plan of the snapshot per action type; empty for a snapshot built before it existed. */
  private MonthlyGold.Care care(LocalDate asOf) {
    Dataset<Row> plan = snapshot(TableCatalog.CARE_ACTIONS, asOf);
    java.sql.Date day = java.sql.Date.valueOf(asOf);
    var byType = GoldRows.collect(plan.groupBy("action_type")
        .agg(first("channel").as("channel"), count(lit(1)).as("actions"), countDistinct("customer_key").as("customers"),
            count(when(col("priority").equalTo("high"), lit(1))).as("high_priority"), min("due_date").as("first_due"),
            max("due_date").as("last_due"), count(when(col("due_date").lt(day), lit(1))).as("overdue"))
        .orderBy("action_type"));
    long customers = plan.select("customer_key").distinct().count();
    return new MonthlyGold.Care(byType, customers);
  }

  /** The credit tables of the snapshot; empty lists for a snapshot built before they existed. */
  private MonthlyGold.Credit credit(LocalDate asOf) {
    var ageing = GoldRows.collect(snapshot(TableCatalog.CREDIT_AGEING, asOf).orderBy("month_start"));
    var grades = GoldRows.collect(snapshot(TableCatalog.CUSTOMER_CREDIT, asOf).groupBy("credit_grade")
        .agg(count(lit(1)).as("customers"), sum("open_receivable").as("open_receivable"),
            sum("overdue_amount").as("overdue_amount"))
        .orderBy("credit_grade"));
    var followUp = GoldRows.collect(snapshot(TableCatalog.CREDIT_FOLLOW_UP, asOf).orderBy("priority"));
    return new MonthlyGold.Credit(ageing, grades, followUp);
  }

  /** The snapshot's customers with a lifetime-value prediction (none when the models were not fitted). */
  private Dataset<Row> lifetimeValues(LocalDate asOf) {
    return snapshot(TableCatalog.CUSTOMER_LIFETIME_VALUE, asOf).where(col("clv").isNotNull());
  }

  /**
   * The executive summary's "high lifetime value, likely lapsing" list ({@link CustomerValueAhead}): customers
   * in CLV deciles 1 to WATCH_TOP_DECILES whose P(alive) is below WATCH_P_ALIVE_BELOW, the WATCH_ROWS largest
   * by value at risk (CLV × (1 − P(alive))), ties by customer_key; named by their masked names.
   */
  static Dataset<Row> valueWatchList(Dataset<Row> profile, Dataset<Row> lifetimeValues) {
    return lifetimeValues
        .where(col("clv_decile").leq(CustomerValueAhead.WATCH_TOP_DECILES)
            .and(col("p_alive").lt(CustomerValueAhead.WATCH_P_ALIVE_BELOW)))
        .join(profile.select("customer_key", "display_name_masked", "value_position", "vip_tier"), "customer_key")
        .select("customer_key", "display_name_masked", "value_position", "vip_tier", "clv_decile", "clv", "p_alive",
            "expected_purchases_365d", "value_at_risk")
        .orderBy(col("value_at_risk").desc(), col("customer_key"))
        .limit(CustomerValueAhead.WATCH_ROWS);
  }

  /** The months the snapshot's CLV adds up (gold.clv_model.horizon_months); null without models. */
  private Integer horizonMonths(LocalDate asOf) {
    Row row = snapshot(TableCatalog.CLV_MODEL, asOf).agg(max("horizon_months")).first();
    return row.isNullAt(0) ? null : row.getInt(0);
  }

  private Map<String, String> maskedNames(Dataset<Row> profile, Set<String> keys) {
    Map<String, String> names = new HashMap<>();
    if (keys.isEmpty()) {
      return names;
    }
    for (Row r : profile.where(col("customer_key").isin(keys.toArray())).select("customer_key", "display_name_masked")
        .collectAsList()) {
      names.put(r.getString(0), r.getString(1));
    }
    return names;
  }

  /**
   * One card per key or A-grade customer, largest trailing-year revenue first. With a protector, the
   * current real name and contact data are decrypted from silver.customer_pii.
   */
  public List<CustomerCard> customerCards(LocalDate asOf, Optional<PersonalDataProtector> personal) {
    Dataset<Row> profile = snapshot(TableCatalog.CUSTOMER_PROFILE, asOf);
    List<Map<String, Object>> profiles = GoldRows.collect(profile
        .where(col("value_position").equalTo("key").or(col("abc_grade").equalTo("A")))
        .orderBy(col("amount_12m").desc_nulls_last(), col("customer_key")));
    if (profiles.isEmpty()) {
      return List.of();
    }
    Dataset<Row> keys = profile.where(col("value_position").equalTo("key").or(col("abc_grade").equalTo("A")))
        .select(col("customer_key").as("_key")).cache();
    java.sql.Date asOfDate = java.sql.Date.valueOf(asOf);
    Column onKey = col("customer_key").equalTo(col("_key"));

    Map<String, List<Map<String, Object>>> history = byKey(GoldRows.collect(
        warehouse.read(TableCatalog.CUSTOMER_STATE).join(keys, onKey)
            .select(col("customer_key"), explode(arrays_zip(col("activity_dates"), col("sales_cents"),
                col("refund_cents"))).as("_day"))
            .where(col("_day.activity_dates").leq(asOfDate))
            .groupBy(col("customer_key"), trunc(col("_day.activity_dates"), "month").as("month_start"))
            .agg(sum(col("_day.sales_cents").plus(col("_day.refund_cents"))).as("_cents"))
            .select(col("customer_key"), col("month_start"),
                col("_cents").cast("decimal(20,0)").divide(100).cast("decimal(18,2)").as("revenue"))
            .orderBy("month_start")), "customer_key");
    Dataset<Row> interactions = warehouse.read(TableCatalog.INTERACTIONS).join(keys, onKey)
        .where(to_date(col("received_at")).leq(asOfDate));
    Map<String, List<Map<String, Object>>> service = byKey(GoldRows.collect(interactions
        .where(col("interaction_type").isin(SERVICE_TYPES.toArray()))
        .select("customer_key", "received_at", "first_response_at", "resolved_at", "interaction_type", "category",
            "resolution")
        .orderBy(col("received_at").desc())), "customer_key");
    Map<String, List<Map<String, Object>>> feedback = byKey(GoldRows.collect(interactions
        .where(col("interaction_type").isin(FEEDBACK_TYPES.toArray()).or(col("satisfaction").isNotNull()))
        .select("customer_key", "received_at", "interaction_type", "satisfaction", "summary")
        .orderBy(col("received_at").desc())), "customer_key");
    Dataset<Row> referred = profile.select(col("customer_key").as("_referred"),
        col("display_name_masked").as("referred_name"), col("first_purchase_date").isNotNull().as("has_purchased"));
    Map<String, List<Map<String, Object>>> referrals = byKey(GoldRows.collect(
        warehouse.read(TableCatalog.REFERRALS).join(keys, col("referrer_customer_key").equalTo(col("_key")))
            .where(col("referral_date").leq(asOfDate))
            .join(referred, col("referred_customer_key").equalTo(col("_referred")), "left")
            .select(col("referrer_customer_key").as("customer_key"), col("referral_date"), col("referred_name"),
                coalesce(col("has_purchased"), lit(false)).as("has_purchased"), col("reward_amount"))
            .orderBy(col("referral_date").desc())), "customer_key");
    Set<String> referrers = new HashSet<>();
    profiles.forEach(p -> {
      if (p.get("referred_by_customer_key") != null) {
        referrers.add((String) p.get("referred_by_customer_key"));
      }
    });
    Map<String, String> referrerNames = maskedNames(profile, referrers);
    Integer horizon = horizonMonths(asOf);
    Map<String, Map<String, Object>> values = new HashMap<>();
    for (Map<String, Object> v : GoldRows.collect(lifetimeValues(asOf).join(keys, onKey)
        .select("customer_key", "p_alive", "expected_purchases_90d", "expected_purchases_365d", "clv", "value_at_risk",
            "clv_decile"))) {
      v.put("horizon_months", horizon);
      values.put((String) v.get("customer_key"), v);
    }
    Map<String, CustomerCard.PersonalData> people = personal.map(p -> personalData(keys, p)).orElse(Map.of());
    keys.unpersist();

    List<CustomerCard> cards = new ArrayList<>();
    for (Map<String, Object> p : profiles) {
      String key = (String) p.get("customer_key");
      cards.add(new CustomerCard(p, history.getOrDefault(key, List.of()), service.getOrDefault(key, List.of()),
          feedback.getOrDefault(key, List.of()), referrals.getOrDefault(key, List.of()),
          referrerNames.get((String) p.get("referred_by_customer_key")), people.get(key), values.get(key)));
    }
    return cards;
  }

  /** The current personal data of the given customers, decrypted (the restricted table; only on request). */
  private Map<String, CustomerCard.PersonalData> personalData(Dataset<Row> keys, PersonalDataProtector protector) {
    Map<String, CustomerCard.PersonalData> out = new HashMap<>();
    if (!warehouse.exists(TableCatalog.CUSTOMER_PII)) {
      return out;
    }
    for (Row r : warehouse.read(TableCatalog.CUSTOMER_PII).where(col("is_current"))
        .join(keys, col("customer_key").equalTo(col("_key")))
        .select("customer_key", "encrypted_name", "encrypted_phone", "encrypted_email", "encrypted_address")
        .collectAsList()) {
      out.put(r.getString(0), new CustomerCard.PersonalData(protector.decrypt("name", r.getString(1)),
          protector.decrypt("phone", r.getString(2)), protector.decrypt("email", r.getString(3)),
          protector.decrypt("address", r.getString(4))));
    }
    return out;
  }

  private static Map<String, List<Map<String, Object>>> byKey(List<Map<String, Object>> rows, String column) {
    Map<String, List<Map<String, Object>>> out = new HashMap<>();
    for (Map<String, Object> r : rows) {
      out.computeIfAbsent((String) r.get(column), k -> new ArrayList<>()).add(r);
    }
    return out;
  }
}
