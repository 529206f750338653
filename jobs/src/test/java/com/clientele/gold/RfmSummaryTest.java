package com.clientele.gold;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.gold.RfmSummary.TimeUnit;
import com.clientele.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lifetimes RFM summary on a hand-worked log (observation end Saturday 2026-01-31) and on the
 * CDNOW log against DuckDB SQL written from lifetimes' definitions.
 *
 * <pre>
 * c1  01-05 10 and 5 (one day: 15), 01-07 20, 01-20 30, 02-03 99 (after the end)
 * c2  01-30 40 (one purchase)
 * c3  01-28 8, 02-01 12 (Sunday after the end: in the end date's week)
 * c4  02-10 5 (only after the end: absent)
 * c5  01-10 0, 01-12 0 (zero amounts still count as purchases)
 * </pre>
 */
@ExtendWith(SparkExtension.class)
class RfmSummaryTest {

  static final LocalDate END = LocalDate.parse("2026-01-31");

  Dataset<Row> log(SparkSession spark) {
    Silver silver = new Silver(spark);
    for (String line : List.of("c1,2026-01-05,10", "c1,2026-01-05,5", "c1,2026-01-07,20", "c1,2026-01-20,30",
        "c1,2026-02-03,99", "c2,2026-01-30,40", "c3,2026-01-28,8", "c3,2026-02-01,12", "c4,2026-02-10,5",
        "c5,2026-01-10,0", "c5,2026-01-12,0")) {
      silver.transaction(line.replaceFirst(",([^,]*)$", ",sale,$1,"));
    }
    return silver.transactions();
  }

  /** customer → [frequency, recency, T, monetary_value]. */
  static Map<String, List<Double>> summary(Dataset<Row> transactions, TimeUnit unit) {
    return RfmSummary.compute(transactions, END, unit).collectAsList().stream().collect(Collectors.toMap(
        r -> r.getString(0), r -> List.of(r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4))));
  }

  @Test
  void inDays(SparkSession spark) {
    Map<String, List<Double>> s = summary(log(spark), TimeUnit.DAYS);
    assertEquals(List.of(2.0, 15.0, 26.0, 25.0), s.get("c1"), "days 01-05, 01-07, 01-20; repeat days 20 and 30");
    assertEquals(List.of(0.0, 0.0, 1.0, 0.0), s.get("c2"), "one purchase: monetary value 0");
    assertEquals(List.of(0.0, 0.0, 3.0, 0.0), s.get("c3"), "02-01 is after the end date");
    assertEquals(List.of(1.0, 2.0, 21.0, 0.0), s.get("c5"));
    assertFalse(s.containsKey("c4"));
    assertEquals(List.of("customer_key", "frequency", "recency", "T", "monetary_value"),
        List.of(RfmSummary.compute(log(spark), END, TimeUnit.DAYS).columns()));
  }

  @Test
  void inCalendarWeeks(SparkSession spark) {
    Map<String, List<Double>> s = summary(log(spark), TimeUnit.WEEKS);
    // weeks start Monday: 01-05 (01-05, 01-07: 35), 01-19 (30); the end's week starts 01-26
    assertEquals(List.of(1.0, 2.0, 3.0, 30.0), s.get("c1"));
    assertEquals(List.of(0.0, 0.0, 0.0, 0.0), s.get("c2"));
    assertEquals(List.of(0.0, 0.0, 0.0, 0.0), s.get("c3"), "both purchases fall in the end date's week");
    assertEquals(List.of(1.0, 1.0, 3.0, 0.0), s.get("c5"), "01-10 (Saturday) and 01-12 (Monday) fall in two weeks");
  }

  @Test
  void inWeeksOfDays(SparkSession spark) {
    Map<String, List<Double>> s = summary(log(spark), TimeUnit.DAYS_IN_WEEKS);
    assertEquals(List.of(2.0, 15.0 / 7, 26.0 / 7, 25.0), s.get("c1"));
  }

  @Test
  void cdnowMatchesIndependentSql(SparkSession spark) throws Exception {
    Path file = com.clientele.testing.SharedDatasets.require("cdnow/CDNOW_master.txt");
    Dataset<Row> parts = spark.read().text(file.toString())
        .select(split(trim(col("value")), "\\s+").as("f"))
        .where(col("f").getItem(0).notEqual("customer_id"));
    Dataset<Row> cdnow = parts.select(col("f").getItem(0).as("customer_id"),
        to_date(col("f").getItem(1), "yyyyMMdd").as("date"), col("f").getItem(3).cast("decimal(18,2)").as("amount"));
    assertEquals(69_659, cdnow.count());
    LocalDate end = LocalDate.parse("1997-09-30");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      for (TimeUnit unit : TimeUnit.values()) {
        Map<String, List<Double>> spark1 = RfmSummary.compute(cdnow, "customer_id", "date", "amount", end, unit)
            .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0),
                r -> List.of(r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4))));
        Map<String, List<Double>> duckdb = new HashMap<>();
        String sql = GoldSql.read("gold/duckdb/rfm_summary.sql")
            .replace("${file}", file.toString())
            .replace("${observation_end}", end.toString())
            .replace("${period}", unit == TimeUnit.WEEKS ? "CAST(date_trunc('week', d) AS DATE)" : "d")
            .replace("${unit_days}", unit == TimeUnit.DAYS ? "1.0" : "7.0");
        try (ResultSet rs = duck.createStatement().executeQuery(sql)) {
          while (rs.next()) {
            duckdb.put(rs.getString(1), List.of(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
          }
        }
        assertEquals(23_570, duckdb.size(), unit + ": everyone first bought in Q1 1997");
        assertEquals(duckdb.keySet(), spark1.keySet(), unit.toString());
        duckdb.forEach((customer, expected) -> {
          List<Double> actual = spark1.get(customer);
          for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-9 * Math.max(1, Math.abs(expected.get(i))), unit + " " + customer);
          }
        });
      }
    }
  }
}
