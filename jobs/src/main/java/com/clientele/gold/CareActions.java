package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * gold.care_actions — the care calendar (客户关怀) of an as-of date D: the actions due in the horizon
 * [D, D + care.horizon-days], planned rather than remembered by chance. Settings:
 * {@code clientele.analytics.care}; definitions in docs/metrics.md, "Care".
 *
 * <p>Customers are those of gold.customer_profile at D. The groups an action type (or a holiday) is
 * for: {@code customers} (bought by D), {@code current} (trading stage current), {@code key} (value
 * position key), {@code vip} (a VIP tier), {@code a_grade} (grade A) — at D. The actions:
 * <ul>
 *   <li><b>birthday</b> / <b>founding_day</b>: the customer's birth_month_day / founding_month_day
 *       (from silver.customers; the full date stays in the restricted table) in any year from D's to
 *       that of D + horizon, within the horizon; 02-29 falls on 02-28 in other years. Occasion: the date.</li>
 *   <li><b>holiday</b>: each configured holiday with a date within the horizon (its month-day in those
 *       years, or one of its listed dates), for the customers in its groups.
 *       Occasion: key:date.</li>
 *   <li><b>purchase_anniversary</b>: the n-th anniversary (n ≥ 1) of the first purchase within the
 *       horizon. Occasion: the date.</li>
 *   <li><b>key_no_contact</b>: a current customer (lifecycle active or won_back — the lapsing ones
 *       are win-back's) of its groups without contact — the later of the last transaction line and the
 *       last interaction received, by D — for key-no-contact.days: due on last contact + days, listed
 *       while that is on or before D + horizon (an overdue action stays until the customer is
 *       contacted). Occasion: the last contact date.</li>
 *   <li><b>win_back</b>: every customer of gold.at_risk_customers (valuable and at risk or recently
 *       churned), due on last purchase + active-window-days (the day the inactivity rule flags them).
 *       Occasion: the last purchase date.</li>
 *   <li><b>complaint_follow_up</b>: a complaint resolved by the end of D, due complaint-follow-up.days
 *       after its resolution day, when that is within the horizon. Occasion: the interaction id.</li>
 *   <li><b>vip_upgrade</b>: a customer who reached their VIP tier at D within the last
 *       vip-upgrade.within-days days ({@link CareCalendar}), due on the day reached. Occasion:
 *       tier:date.</li>
 * </ul>
 * Each row carries the action type's configured priority and channel, a message template key
 * ({@code care.<action_type>}; holidays {@code care.holiday.<key>}, falling back to
 * {@code care.holiday}) and the reason in words. action_id — a hash of customer, type and occasion —
 * names the same action on every day's plan, so a tool importing the plans daily can de-duplicate.
 */
public final class CareActions {

  private CareActions() {}

  public static final String BIRTHDAY = "birthday";
  public static final String FOUNDING_DAY = "founding_day";
  public static final String HOLIDAY = "holiday";
  public static final String PURCHASE_ANNIVERSARY = "purchase_anniversary";
  public static final String KEY_NO_CONTACT = "key_no_contact";
  public static final String WIN_BACK = "win_back";
  public static final String COMPLAINT_FOLLOW_UP = "complaint_follow_up";
  public static final String VIP_UPGRADE = "vip_upgrade";

  /** The columns of the classified customer facts the plan reads ({@link #inputs}). */
  static final List<String> INPUTS = List.of("customer_key", "display_name_masked", "nature", "first_purchase_date",
      "last_contact_date", "trading_stage", "value_position", "vip_tier", "abc_grade", "lifecycle_stage",
      "birth_month_day", "founding_month_day", "vip_reached_date", CustomerSummaries.CARE_COMPLAINTS);

  /**
   * The classified facts narrowed to what {@link #compute} reads. The plan reads its customers
   * once per action type; sharing this narrow frame (GoldTables) makes each of those reads cheap,
   * where each would otherwise decode the whole wide row of the shared classification.
   */
  public static Dataset<Row> inputs(Dataset<Row> classified) {
    return classified.select(INPUTS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
  }

  /**
   * @param classified the classified customer facts of D ({@link CustomerSegments#classify}), with the
   *     care facts of {@link CustomerSummaries} (at least the columns of {@link #inputs})
   * @param atRisk gold.at_risk_customers of D
   */
  public static Dataset<Row> compute(Dataset<Row> classified, Dataset<Row> atRisk, LocalDate asOf,
      AnalyticsSettings settings) {
    AnalyticsSettings.Care care = settings.care();
    Column d = GoldColumns.date(asOf);
    Column end = GoldColumns.date(asOf.plusDays(care.horizonDays()));
    Dataset<Row> customers = classified.withColumn("_groups", groups());
    List<Dataset<Row>> actions = new ArrayList<>();

    actions.add(dayOfYear(customers, "birth_month_day", BIRTHDAY, "birthday on ", asOf, care));
    actions.add(dayOfYear(customers, "founding_month_day", FOUNDING_DAY, "founding anniversary on ", asOf, care));

    // Anniversaries of the first purchase: its month-day in the year of D or the next, n >= 1 years on.
    Dataset<Row> anniversaries = inGroups(customers.where(col("first_purchase_date").isNotNull()),
        care.action(PURCHASE_ANNIVERSARY))
        .withColumn("_year", explode(years(asOf, care)))
        .withColumn("due_date", onMonthDay(date_format(col("first_purchase_date"), "MM-dd"), col("_year")))
        .withColumn("_years", col("_year").minus(year(col("first_purchase_date"))))
        .where(col("_years").geq(1).and(col("due_date").between(d, end)));
    actions.add(anniversaries.select(withContext(col("customer_key"), lit(PURCHASE_ANNIVERSARY).as("action_type"),
        col("due_date").cast("string").as("occasion"), col("due_date"),
        concat(col("_years").cast("string"), lit(" year(s) since the first purchase on "),
            col("first_purchase_date").cast("string")).as("reason"),
        lit("care." + PURCHASE_ANNIVERSARY).as("template_key"))));

    // The win-back list (which carries the same context columns, from the same classified facts), and
    // key customers without contact (unless on that list).
    Dataset<Row> winBack = atRisk.select(withContext(col("customer_key"), lit(WIN_BACK).as("action_type"),
        col("last_purchase_date").cast("string").as("occasion"),
        date_add(col("last_purchase_date"), settings.activeWindowDays()).as("due_date"),
        col("flag_reason").as("reason"), lit("care." + WIN_BACK).as("template_key")));
    actions.add(winBack);
    Column noContactDue = date_add(col("last_contact_date"), care.keyNoContactDays());
    actions.add(inGroups(customers.where(col("last_contact_date").isNotNull()
            .and(col("lifecycle_stage").isin("active", "won_back"))), care.action(KEY_NO_CONTACT))
        .where(noContactDue.leq(end))
        .select(withContext(col("customer_key"), lit(KEY_NO_CONTACT).as("action_type"),
            col("last_contact_date").cast("string").as("occasion"), noContactDue.as("due_date"),
            concat(lit("no contact since "), col("last_contact_date").cast("string"), lit(" ("),
                datediff(d, col("last_contact_date")).cast("string"), lit(" days)")).as("reason"),
            lit("care." + KEY_NO_CONTACT).as("template_key"))));

    // Complaints resolved by D, followed up complaint-follow-up.days later (the per-customer pass
    // keeps only those due within the horizon; checked again here, where the plan is defined).
    Column followUp = date_add(col("_c.resolved_date"), care.complaintFollowUpDays());
    actions.add(customers.select(withContext(col("customer_key"),
            explode(col(CustomerSummaries.CARE_COMPLAINTS)).as("_c")))
        .where(followUp.between(d, end).and(col("_c.resolved_date").leq(d)))
        .select(withContext(col("customer_key"), lit(COMPLAINT_FOLLOW_UP).as("action_type"),
            col("_c.interaction_id").as("occasion"),
            date_add(col("_c.resolved_date"), care.complaintFollowUpDays()).as("due_date"),
            concat(lit("complaint "), col("_c.interaction_id"), lit(" ("), coalesce(col("_c.category"), lit("unknown")),
                lit(") resolved on "), col("_c.resolved_date").cast("string")).as("reason"),
            lit("care." + COMPLAINT_FOLLOW_UP).as("template_key"))));

    actions.add(customers.where(col("vip_reached_date").isNotNull())
        .select(withContext(col("customer_key"), lit(VIP_UPGRADE).as("action_type"),
            concat(col("vip_tier"), lit(":"), col("vip_reached_date").cast("string")).as("occasion"),
            col("vip_reached_date").as("due_date"),
            concat(lit("reached the "), col("vip_tier"), lit(" VIP tier on "), col("vip_reached_date").cast("string"))
                .as("reason"),
            lit("care." + VIP_UPGRADE).as("template_key"))));

    actions.add(holidays(customers, asOf, care));

    Dataset<Row> all = actions.get(0);
    for (int i = 1; i < actions.size(); i++) {
      all = all.unionByName(actions.get(i));
    }
    Column priority = lit(null).cast("string");
    Column channel = lit(null).cast("string");
    for (String type : AnalyticsSettings.CARE_ACTIONS) {
      AnalyticsSettings.CareAction a = care.action(type);
      priority = when(col("action_type").equalTo(type), lit(a.priority())).otherwise(priority);
      channel = when(col("action_type").equalTo(type), lit(a.channel())).otherwise(channel);
    }
    // Every row carries its customer's context already: no join with the customers.
    Dataset<Row> rows = all
        .withColumn("as_of_date", d)
        .withColumn("action_id", substring(sha2(concat_ws("|", col("customer_key"), col("action_type"),
            col("occasion")), 256), 1, 32))
        .withColumn("priority", priority)
        .withColumn("channel", channel);
    return GoldColumns.conform(TableCatalog.CARE_ACTIONS, rows);
  }

  /** Birthdays and founding days: the month-day in the year of D or the next, within the horizon. */
  private static Dataset<Row> dayOfYear(Dataset<Row> customers, String column, String type, String words,
      LocalDate asOf, AnalyticsSettings.Care care) {
    Column d = GoldColumns.date(asOf);
    Column end = GoldColumns.date(asOf.plusDays(care.horizonDays()));
    return inGroups(customers.where(col(column).isNotNull()), care.action(type))
        .withColumn("_year", explode(years(asOf, care)))
        .withColumn("due_date", onMonthDay(col(column), col("_year")))
        .where(col("due_date").between(d, end))
        .select(withContext(col("customer_key"), lit(type).as("action_type"),
            col("due_date").cast("string").as("occasion"), col("due_date"), concat(lit(words), col(column)).as("reason"),
            lit("care." + type).as("template_key")));
  }

  /** The holidays' dates within the horizon, for the customers of each holiday's groups. */
  private static Dataset<Row> holidays(Dataset<Row> customers, LocalDate asOf, AnalyticsSettings.Care care) {
    LocalDate end = asOf.plusDays(care.horizonDays());
    List<Row> occurrences = new ArrayList<>();
    for (AnalyticsSettings.Holiday h : care.holidays()) {
      List<LocalDate> dates = new ArrayList<>(h.dates());
      if (h.monthDay() != null) {
        java.time.MonthDay md = java.time.MonthDay.parse("--" + h.monthDay());
        for (int y = asOf.getYear(); y <= end.getYear(); y++) {
          dates.add(md.isValidYear(y) ? md.atYear(y) : LocalDate.of(y, 2, 28));
        }
      }
      for (LocalDate date : dates) {
        if (!date.isBefore(asOf) && !date.isAfter(end)) {
          occurrences.add(RowFactory.create(h.key(), java.sql.Date.valueOf(date), h.groups().toArray(String[]::new),
              h.names().getOrDefault("en", h.key())));
        }
      }
    }
    Dataset<Row> dated = customers.sparkSession().createDataFrame(occurrences,
        StructType.fromDDL("_holiday STRING, due_date DATE, _holiday_groups ARRAY<STRING>, _holiday_name STRING"));
    return customers.select(withContext(col("customer_key"), col("_groups")))
        .join(broadcast(dated), arrays_overlap(col("_groups"), col("_holiday_groups")))
        .select(withContext(col("customer_key"), lit(HOLIDAY).as("action_type"),
            concat(col("_holiday"), lit(":"), col("due_date").cast("string")).as("occasion"), col("due_date"),
            concat(col("_holiday_name"), lit(" greeting")).as("reason"),
            concat(lit("care.holiday."), col("_holiday")).as("template_key")));
  }

  /** The years whose days can fall in the horizon: from D's to that of D + horizon-days. */
  private static Column years(LocalDate asOf, AnalyticsSettings.Care care) {
    return sequence(lit(asOf.getYear()), lit(asOf.plusDays(care.horizonDays()).getYear()));
  }

  /** The customer's context every action row carries (the classified facts' values at D). */
  static final List<String> CONTEXT = List.of("display_name_masked", "nature", "value_position", "vip_tier");

  /** The given columns, then the context columns (which the frame selected from carries). */
  private static Column[] withContext(Column... columns) {
    List<Column> all = new ArrayList<>(List.of(columns));
    CONTEXT.forEach(c -> all.add(col(c)));
    return all.toArray(Column[]::new);
  }

  /** The customers of the action's groups. */
  private static Dataset<Row> inGroups(Dataset<Row> customers, AnalyticsSettings.CareAction action) {
    Column wanted = array(action.groups().stream().map(g -> lit(g)).toArray(Column[]::new));
    return customers.where(arrays_overlap(col("_groups"), wanted));
  }

  /** The groups a customer belongs to at D. */
  private static Column groups() {
    return filter(array(
        when(col("first_purchase_date").isNotNull(), lit("customers")),
        when(col("trading_stage").equalTo("current"), lit("current")),
        when(col("value_position").equalTo("key"), lit("key")),
        when(col("vip_tier").notEqual(CustomerSegments.NONE), lit("vip")),
        when(col("abc_grade").equalTo("A"), lit("a_grade"))), g -> g.isNotNull());
  }

  /** The date of month-day "MM-DD" in the year; 02-29 falls on 02-28 outside leap years. */
  static Column onMonthDay(Column monthDay, Column year) {
    Column month = substring(monthDay, 1, 2).cast("int");
    Column day = substring(monthDay, 4, 2).cast("int");
    Column leap = year.mod(4).equalTo(0).and(year.mod(100).notEqual(0)).or(year.mod(400).equalTo(0));
    return make_date(year, month, when(month.equalTo(2).and(day.equalTo(29)).and(not(leap)), lit(28)).otherwise(day));
  }
}
