package com.clientele.cli;

import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.GoldBuildJob;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
    description = {
        "Computes every gold table for an as-of date from silver: customer_profile,",
        "customer_segments, segment_thresholds, loyalty_metrics, referral_metrics, churn_cohorts,",
        "leaky_bucket, at_risk_customers, customer_lifetime_value, clv_model, customer_credit,",
        "credit_follow_up, credit_ageing, care_actions, then the report marts report_segment_mix,",
        "report_pareto, report_kpis from those (customer_segments is a view over customer_profile",
        "and segment_thresholds: nothing of it is stored). Each table keeps one snapshot per as_of_date;",
        "re-running a date replaces that date's snapshot only. Thresholds come from",
        "clientele.analytics in the configuration (see docs/metrics.md)."})
final class BuildCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD",
      description = "The as-of date: only silver rows dated on or before it count.")
  LocalDate asOf;

  @Override
  public Integer call() throws Exception {
    var config = common.loadConfig();
    AnalyticsSettings settings = AnalyticsSettings.from(config);
    GoldBuildJob.Report report = SparkCommand.withWarehouse("build", common.warehouse, config,
        (warehouse, cfg) -> new GoldBuildJob(warehouse, settings).run(asOf));
    System.out.print(report.describe());
    return 0;
  }
}
