package com.clientele.gold;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every gold table of one as-of date, as a pure function of the as-of inputs and the settings.
 *
 * <p>The shared stages — the as-of inputs, the customer facts and the classified facts (which feed
 * four tables) — are each computed once and cut from their lineage (eager local checkpoints): a
 * Spark plan is a tree, a frame used in n places is copied n times, and without the cuts the
 * plans of the monthly tables grew so large that analysing them took longer than running them.
 */
public final class GoldTables {

  /** The gold tables in the order they are built. */
  public static final List<Table> TABLES = List.of(TableCatalog.CUSTOMER_PROFILE, TableCatalog.CUSTOMER_SEGMENTS,
      TableCatalog.LOYALTY_METRICS, TableCatalog.REFERRAL_METRICS, TableCatalog.CHURN_COHORTS,
      TableCatalog.LEAKY_BUCKET, TableCatalog.AT_RISK_CUSTOMERS);

  private final Dataset<Row> facts;
  private final Dataset<Row> classified;
  private final Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();

  private GoldTables(Dataset<Row> facts, Dataset<Row> classified) {
    this.facts = facts;
    this.classified = classified;
  }

  public static GoldTables compute(GoldInputs inputs, AnalyticsSettings settings) {
    GoldInputs in = inputs.materialized();
    Dataset<Row> facts = CustomerFacts.compute(in, settings).localCheckpoint();
    Dataset<Row> classified = CustomerSegments.classify(facts, settings).localCheckpoint();
    GoldTables gold = new GoldTables(facts, classified);
    gold.tables.put(TableCatalog.CUSTOMER_PROFILE, CustomerProfile.compute(classified, in.asOf()));
    gold.tables.put(TableCatalog.CUSTOMER_SEGMENTS, CustomerSegments.longForm(classified, in.asOf()));
    gold.tables.put(TableCatalog.LOYALTY_METRICS, LoyaltyMetrics.compute(in, classified, settings));
    gold.tables.put(TableCatalog.REFERRAL_METRICS, ReferralMetrics.compute(in, classified, settings));
    gold.tables.put(TableCatalog.CHURN_COHORTS, ChurnCohorts.compute(in));
    gold.tables.put(TableCatalog.LEAKY_BUCKET, LeakyBucket.compute(in, settings));
    gold.tables.put(TableCatalog.AT_RISK_CUSTOMERS, AtRiskCustomers.compute(classified, in.asOf(), settings));
    return gold;
  }

  public Dataset<Row> get(Table table) {
    Dataset<Row> frame = tables.get(table);
    if (frame == null) {
      throw new IllegalArgumentException(table.qualifiedName() + " is not a gold table");
    }
    return frame;
  }

  public Map<Table, Dataset<Row>> all() {
    return Map.copyOf(tables);
  }

  /** The customer facts ({@link CustomerFacts#compute}) the segments were derived from. */
  public Dataset<Row> facts() {
    return facts;
  }

  /** The classified customer facts ({@link CustomerSegments#classify}) the tables were built from. */
  public Dataset<Row> classified() {
    return classified;
  }
}
