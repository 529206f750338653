package com.clientele.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * {@code clientele check --as-of D}: runs {@link QualityRules} for D with Deequ and writes one row
 * per rule to {@code silver.quality_results} as D's slice (a re-run replaces it). Reads nothing but
 * the warehouse and D — no clock — so the same warehouse and date give the same results.
 */
public final class QualityCheckJob {

  private final Warehouse warehouse;

  public QualityCheckJob(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  public QualityReport run(LocalDate asOf) {
    QualityReport report = evaluate(asOf, QualityRules.forDate(asOf, QualityInputs.from(warehouse)));
    List<Row> rows = report.results().stream().map(r -> RowFactory.create(Date.valueOf(asOf), r.ruleName(),
        r.dataset(), r.severity().label(), r.status(), r.metricValue(), r.requirement(), r.message())).toList();
    warehouse.replace(TableCatalog.QUALITY_RESULTS, "as_of_date = DATE'" + asOf + "'",
        warehouse.spark().createDataFrame(rows, TableCatalog.QUALITY_RESULTS.schema()));
    return report;
  }

  /** Runs the rule sets (one Deequ verification per dataset) without writing anything. */
  public static QualityReport evaluate(LocalDate asOf, List<RuleSet> sets) {
    List<QualityResult> results = new ArrayList<>();
    for (RuleSet set : sets) {
      boolean empty = set.data().isEmpty();
      Map<String, Check> checks = new LinkedHashMap<>();
      for (QualityRule rule : set.rules()) {
        if (!empty || rule.whenEmpty()) {
          checks.put(rule.name(), rule.toCheck());
        }
      }
      Map<String, ConstraintResult> outcomes = new LinkedHashMap<>();
      if (!checks.isEmpty()) {
        VerificationResult verification = VerificationSuite.apply().onData(set.data())
            .addChecks(JavaConverters.asScalaBuffer(new ArrayList<>(checks.values())).toSeq()).run();
        for (CheckResult checkResult : JavaConverters.asJavaIterable(verification.checkResults().values())) {
          outcomes.put(checkResult.check().description(), checkResult.constraintResults().head());
        }
      }
      for (QualityRule rule : set.rules()) {
        ConstraintResult outcome = outcomes.get(rule.name());
        results.add(outcome == null
            ? new QualityResult(rule.name(), set.dataset(), rule.severity(), QualityResult.SKIPPED, null,
                rule.requirement(), "no rows to check")
            : toResult(rule, set.dataset(), outcome));
      }
    }
    return new QualityReport(asOf, List.copyOf(results));
  }

  private static QualityResult toResult(QualityRule rule, String dataset, ConstraintResult outcome) {
    boolean passed = outcome.status() == ConstraintStatus.Success();
    Double value = null;
    if (outcome.metric().isDefined()) {
      Metric<?> metric = outcome.metric().get();
      if (metric.value().isSuccess() && metric.value().get() instanceof Number n) {
        value = n.doubleValue();
      }
    }
    String message = outcome.message().isDefined() ? outcome.message().get() : null;
    return new QualityResult(rule.name(), dataset, rule.severity(),
        passed ? QualityResult.PASSED : QualityResult.FAILED, value, rule.requirement(), message);
  }

  static boolean isSuccess(CheckResult result) {
    return result.status() == CheckStatus.Success();
  }
}
