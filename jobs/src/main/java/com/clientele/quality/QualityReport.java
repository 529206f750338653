package com.clientele.quality;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** The results of one check run and the summary a person reads. */
public record QualityReport(LocalDate asOf, List<QualityResult> results) {

  public long count(String status) {
    return results.stream().filter(r -> r.status().equals(status)).count();
  }

  public List<QualityResult> failures(Severity severity) {
    return results.stream().filter(r -> r.failed() && r.severity() == severity).toList();
  }

  /** True when an error-level rule failed: the data must not be used as it is. */
  public boolean hasErrors() {
    return !failures(Severity.ERROR).isEmpty();
  }

  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("quality check as of %s: %d rules, %d passed, %d failed (%d error, %d warning), %d skipped%n",
        asOf, results.size(), count(QualityResult.PASSED), count(QualityResult.FAILED),
        failures(Severity.ERROR).size(), failures(Severity.WARNING).size(), count(QualityResult.SKIPPED)));
    results.stream().filter(QualityResult::failed)
        .sorted(Comparator.comparing(QualityResult::severity).thenComparing(QualityResult::dataset))
        .forEach(r -> out.append(String.format("  %-7s %-34s %s%n          %s: %s%s%n",
            r.severity().label().toUpperCase(java.util.Locale.ROOT), r.ruleName(), r.dataset(),
            "requires", r.requirement(),
            r.metricValue() == null ? "" : String.format(" (measured %s)", format(r.metricValue())))));
    out.append(hasErrors() ? "result: FAILED (error-level rules failed)\n" : "result: passed\n");
    return out.toString();
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format("%.4f", value);
  }
}
