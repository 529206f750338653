package com.clientele.quality;

/**
 * The outcome of one rule for an as-of date: a row of {@code silver.quality_results}.
 *
 * @param status {@code passed}, {@code failed}, or {@code skipped} (its dataset has no rows)
 * @param metricValue what Deequ measured (a share of rows, a row count), null when skipped
 */
public record QualityResult(String ruleName, String dataset, Severity severity, String status, Double metricValue,
    String requirement, String message) {

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public boolean failed() {
    return FAILED.equals(status);
  }
}
