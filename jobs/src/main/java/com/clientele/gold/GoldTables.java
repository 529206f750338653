package com.clientele.gold;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import com.clientele.runtime.Lineage;
import org.apache.spark.sql.functions;

/**
 * Every gold table of one as-of date, as a pure function of the as-of inputs and the settings.
 *
 * <p>The shared stages — each customer's summary ({@link CustomerSummaries}, one pass over
 * silver.customer_state), the customers' referral facts, the classified customer facts (which feed
 * four tables) and the customers' months by group (loyalty) — are computed once and shared with short plans
 * ({@link Lineage#share}): losing an executor costs a recomputation of its part, never the run.
 * {@link #release} frees them once the tables are written.
 */
public final class GoldTables {

  /** The gold tables in the order they are built. */
  public static final List<Table> TABLES = List.of(TableCatalog.CUSTOMER_PROFILE, TableCatalog.CUSTOMER_SEGMENTS,
      TableCatalog.SEGMENT_THRESHOLDS, TableCatalog.LOYALTY_METRICS, TableCatalog.REFERRAL_METRICS, TableCatalog.CHURN_COHORTS,
      TableCatalog.LEAKY_BUCKET, TableCatalog.AT_RISK_CUSTOMERS, TableCatalog.CUSTOMER_LIFETIME_VALUE,
      TableCatalog.CLV_MODEL, TableCatalog.CUSTOMER_CREDIT, TableCatalog.CREDIT_FOLLOW_UP, TableCatalog.CREDIT_AGEING,
      TableCatalog.CARE_ACTIONS, TableCatalog.REPORT_SEGMENT_MIX, TableCatalog.REPORT_PARETO, TableCatalog.REPORT_KPIS);

  private final Dataset<Row> facts;
  private final Dataset<Row> classified;
  private final LifetimeValueModels.Fitted models;
  private Dataset<Row> scores;
  private final List<Lineage.Shared> shared = new ArrayList<>();
  private final Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();
  /** The temporary views the views' frames read ({@link #view}), dropped by {@link #release}. */
  private final List<String> viewInputs = new ArrayList<>();

  private GoldTables(Dataset<Row> facts, Dataset<Row> classified, LifetimeValueModels.Fitted models) {
    this.facts = facts;
    this.classified = classified;
    this.models = models;
  }

  public static GoldTables compute(GoldInputs in, AnalyticsSettings settings) {
    List<Lineage.Shared> shared = new ArrayList<>();
    // Read through the cache's columns: a dozen steps read a few of the summaries' columns each, and
    // the month arrays make a whole row wide (CustomerSummaries' plan is a leaf over its own RDD).
    Dataset<Row> summaries = shareColumns(CustomerSummaries.compute(in.state(), in.asOf(), settings),
        "customer summaries", shared);
    // The lifetime-value models are fitted here, on the driver, from two aggregations of the summaries
    // (which this first use materialises); the scores feed their table, and the lifecycle and the
    // win-back list when the settings ask for them.
    Dataset<Row> rfm = LifetimeValueModels.rfm(summaries);
    LifetimeValueModels.Fitted models = LifetimeValueModels.fit(rfm, settings.clv());
    Dataset<Row> scored = share(CustomerLifetimeValue.score(rfm, models), "lifetime value scores", shared);
    // The facts are the summaries (read through their cache's columns) joined with the few customers'
    // referral facts, which are computed once here. So the facts are not cached themselves: each of
    // their readers (the segments' distributions and classification, customer_credit) reads the
    // summaries' columns it needs and probes the broadcast referral facts, which costs less than
    // building a cache of a million wide rows (10M: 32 s of executor time).
    Dataset<Row> referralFacts = share(CustomerFacts.referrals(in, summaries), "customer referrals", shared);
    Dataset<Row> facts = CustomerFacts.compute(in, summaries, referralFacts, settings);
    if (settings.atRiskRule() == AnalyticsSettings.AtRiskRule.P_ALIVE) {
      // With the lifetime-value lifecycle the facts carry p_alive (a join of a million rows): shared.
      facts = share(facts.join(scored.select("customer_key", "p_alive"), new String[] {"customer_key"}, "left"),
          "customer facts", shared);
    }
    // Read through the cache's columns too: a dozen tables read a few columns each of these wide rows.
    Dataset<Row> classified = shareColumns(CustomerSegments.classify(facts, settings), "classified customers",
        shared);
    Dataset<Row> grouped = share(LoyaltyMetrics.grouped(summaries, classified), "customer months by group", shared);
    GoldTables gold = new GoldTables(facts, classified, models);
    gold.scores = scored;
    Dataset<Row> profile = CustomerProfile.compute(classified, in.asOf());
    Dataset<Row> loyalty = LoyaltyMetrics.compute(in, summaries, grouped, classified, settings);
    Dataset<Row> referral = ReferralMetrics.compute(in, summaries, classified, settings);
    Dataset<Row> bucket = LeakyBucket.compute(in, summaries, settings);
    gold.tables.put(TableCatalog.CUSTOMER_PROFILE, profile);
    Dataset<Row> thresholds = SegmentThresholds.compute(classified, in.asOf(), settings);
    gold.tables.put(TableCatalog.CUSTOMER_SEGMENTS, view(TableCatalog.CUSTOMER_SEGMENTS,
        Map.of(TableCatalog.CUSTOMER_PROFILE, profile, TableCatalog.SEGMENT_THRESHOLDS, thresholds), gold.viewInputs));
    gold.tables.put(TableCatalog.SEGMENT_THRESHOLDS, thresholds);
    gold.tables.put(TableCatalog.LOYALTY_METRICS, loyalty);
    gold.tables.put(TableCatalog.REFERRAL_METRICS, referral);
    gold.tables.put(TableCatalog.CHURN_COHORTS, ChurnCohorts.compute(in, summaries));
    gold.tables.put(TableCatalog.LEAKY_BUCKET, bucket);
    Dataset<Row> atRisk = AtRiskCustomers.compute(classified, scored, in.asOf(), settings);
    gold.tables.put(TableCatalog.AT_RISK_CUSTOMERS, atRisk);
    gold.tables.put(TableCatalog.CUSTOMER_LIFETIME_VALUE, CustomerLifetimeValue.compute(scored, models, in.asOf()));
    gold.tables.put(TableCatalog.CLV_MODEL, LifetimeValueModels.compute(summaries.sparkSession(), models, in.asOf()));
    Dataset<Row> credit = CustomerCredit.compute(facts, in.asOf(), settings);
    gold.tables.put(TableCatalog.CUSTOMER_CREDIT, credit);
    gold.tables.put(TableCatalog.CREDIT_FOLLOW_UP, CreditFollowUp.compute(credit,
        previousCredit(in, summaries, settings), in.asOf(), settings));
    gold.tables.put(TableCatalog.CREDIT_AGEING, CreditAgeing.compute(summaries, in.asOf()));
    gold.tables.put(TableCatalog.CARE_ACTIONS, CareActions.compute(
        share(CareActions.inputs(classified), null, shared), atRisk, in.asOf(), settings));
    // The report marts: what the PDFs print, from the tables above (here recomputed from the shared
    // stages; a build writes them from the tables it wrote, see marts).
    gold.tables.putAll(marts(gold.tables::get));
    gold.shared.addAll(shared);
    return gold;
  }

  private static final java.util.concurrent.atomic.AtomicLong VIEW_INPUTS = new java.util.concurrent.atomic.AtomicLong();

  /**
   * A table published as a view ({@link Table#isView}), computed by its own text over the given frames
   * of its inputs (registered as temporary views of unique names, added to {@code registered}): the
   * rows a build's view gives once those frames are written, without writing them.
   */
  static Dataset<Row> view(Table table, Map<Table, Dataset<Row>> inputs, List<String> registered) {
    long n = VIEW_INPUTS.incrementAndGet();
    Map<Table, String> names = new java.util.HashMap<>();
    for (Map.Entry<Table, Dataset<Row>> input : inputs.entrySet()) {
      String name = "_view_input_" + input.getKey().name() + "_" + n;
      input.getValue().createOrReplaceTempView(name);
      names.put(input.getKey(), name);
      registered.add(name);
    }
    Dataset<Row> rows = inputs.values().iterator().next().sparkSession()
        .sql(table.viewSql(t -> java.util.Objects.requireNonNull(names.get(t), t.qualifiedName())));
    return GoldColumns.conform(table, rows);
  }

  /** The tables a build writes: the gold tables but the views ({@link Table#isView}). */
  public static final List<Table> STORED = TABLES.stream().filter(t -> !t.isView()).toList();

  /** The report marts, computed from the tables they summarise; a subset of {@link #TABLES}. */
  public static final List<Table> MARTS = List.of(TableCatalog.REPORT_SEGMENT_MIX, TableCatalog.REPORT_PARETO,
      TableCatalog.REPORT_KPIS);

  /**
   * The report marts of one as-of date from that date's rows of the tables they read
   * (gold.customer_profile; gold.loyalty_metrics, gold.leaky_bucket, gold.referral_metrics), wherever
   * those come from: the frames computed here, or the slices a build has just written — a few narrow
   * columns of those instead of the wide shared frames again and three monthly tables recomputed.
   */
  public static Map<Table, Dataset<Row>> marts(java.util.function.Function<Table, Dataset<Row>> table) {
    Dataset<Row> profile = table.apply(TableCatalog.CUSTOMER_PROFILE);
    Map<Table, Dataset<Row>> marts = new LinkedHashMap<>();
    marts.put(TableCatalog.REPORT_SEGMENT_MIX, ReportSegmentMix.compute(profile));
    marts.put(TableCatalog.REPORT_PARETO, ReportPareto.compute(profile));
    marts.put(TableCatalog.REPORT_KPIS, ReportKpis.compute(table.apply(TableCatalog.LOYALTY_METRICS),
        table.apply(TableCatalog.LEAKY_BUCKET), table.apply(TableCatalog.REFERRAL_METRICS)));
    return marts;
  }

  /**
   * gold.customer_credit as of follow-up.compare-days before the as-of date (B), by the same rules
   * from the same state, so that the follow-up list depends on silver and the date alone, never on
   * which earlier snapshots happen to exist. The per-customer pass computed what the table reads as of
   * B ({@link CustomerSummaries}' {@code credit_before} and {@code last_purchase_day_before}); here the
   * referrals dated by B count a credit customer's converted referrals (the referred customer bought on
   * or after the referral date, by B), as {@link CustomerFacts} does at the as-of date.
   */
  static Dataset<Row> previousCredit(GoldInputs in, Dataset<Row> summaries, AnalyticsSettings settings) {
    java.time.LocalDate before = in.asOf().minusDays(settings.credit().followUpCompareDays());
    Dataset<Row> referrals = in.referrals().where(functions.col("referral_date").leq(GoldColumns.date(before)));
    Dataset<Row> converted = summaries
        .select(functions.col("customer_key").as("_referred"),
            functions.col(CustomerSummaries.LAST_PURCHASE_DAY_BEFORE).as("_referred_last"))
        .join(functions.broadcast(referrals), functions.col("referred_customer_key").equalTo(functions.col("_referred")))
        .where(functions.col("_referred_last").geq(functions.unix_date(functions.col("referral_date"))))
        .groupBy(functions.col("referrer_customer_key").as("customer_key"))
        .agg(functions.count(functions.lit(1)).as("referrals_converted"));
    String b = CustomerSummaries.CREDIT_BEFORE + ".";
    java.util.List<org.apache.spark.sql.Column> columns = new java.util.ArrayList<>(java.util.List.of(
        functions.col("customer_key"), functions.col(b + "display_name_masked").as("display_name_masked"),
        functions.col(b + "nature").as("nature"),
        functions.lit(before.toEpochDay()).cast("int").minus(functions.col(b + "first_purchase_day")).as("tenure_days")));
    for (String c : java.util.List.of("purchase_days_12m", "credit_lines", "overdue_lines", "max_days_past_due",
        "lines_due_12m", "on_time_12m", "days_late_12m")) {
      columns.add(functions.col(b + c).as(c));
    }
    List<String[]> amounts = new ArrayList<>(List.of(
        new String[] {"amount_12m_cents", "amount_12m"}, new String[] {"amount_prior_12m_cents", "amount_prior_12m"}));
    amounts.addAll(List.of(CustomerSummaries.CREDIT_AMOUNTS));
    for (String[] a : amounts) {
      columns.add(CustomerSummaries.amount(functions.col(b + a[0])).as(a[1]));
    }
    Dataset<Row> facts = summaries
        .where(functions.col("is_customer").and(functions.col(CustomerSummaries.CREDIT_BEFORE).isNotNull()))
        .select(columns.toArray(org.apache.spark.sql.Column[]::new))
        .join(functions.broadcast(converted), new String[] {"customer_key"}, "left")
        .withColumn("referrals_converted", functions.coalesce(functions.col("referrals_converted"), functions.lit(0L)));
    return CustomerCredit.compute(facts, before, settings);
  }

  /** The customers' lifetime values ({@link CustomerLifetimeValue#score}) before ranking. */
  public Dataset<Row> scores() {
    return scores;
  }

  /** The lifetime-value models fitted for the tables. */
  public LifetimeValueModels.Fitted models() {
    return models;
  }

  /** Shares the frame ({@link Lineage#share}); computed now when named, else on first use. */
  private static Dataset<Row> share(Dataset<Row> frame, String name, List<Lineage.Shared> shared) {
    Lineage.Shared s = name == null ? Lineage.share(frame) : Lineage.share(frame, "gold: " + name);
    shared.add(s);
    return s.frame();
  }

  /** Shares the frame read through the cache's own columns ({@link Lineage#shareColumns}); computed now. */
  private static Dataset<Row> shareColumns(Dataset<Row> frame, String name, List<Lineage.Shared> shared) {
    Lineage.Shared s = Lineage.shareColumns(frame, "gold: " + name);
    shared.add(s);
    return s.frame();
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

  /** Frees the shared stages (after the tables have been written). */
  public void release() {
    shared.forEach(Lineage.Shared::release);
    if (!viewInputs.isEmpty()) {
      viewInputs.forEach(facts.sparkSession().catalog()::dropTempView);
    }
  }
}
