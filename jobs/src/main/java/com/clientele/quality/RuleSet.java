package com.clientele.quality;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rules over one dataset (a table, or the as-of date's slice of it), run together by one Deequ
 * verification so they share its scans.
 *
 * @param dataset the name shown in results, e.g. {@code silver.transactions[logical_date]}
 */
public record RuleSet(String dataset, Dataset<Row> data, List<QualityRule> rules) {}
