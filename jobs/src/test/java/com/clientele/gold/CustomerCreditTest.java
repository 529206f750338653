package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hand-worked credit scores and grades: every component, the thresholds, the caps and "unknown". */
@ExtendWith(SparkExtension.class)
class CustomerCreditTest {

  static final LocalDate D = LocalDate.parse("2026-06-30");

  static final StructType FACTS = StructType.fromDDL("customer_key STRING, display_name_masked STRING, nature STRING, "
      + "credit_lines BIGINT, open_receivable DECIMAL(18,2), not_yet_due DECIMAL(18,2), past_due_1_30 DECIMAL(18,2), "
      + "past_due_31_60 DECIMAL(18,2), past_due_61_90 DECIMAL(18,2), past_due_over_90 DECIMAL(18,2), "
      + "overdue_amount DECIMAL(18,2), overdue_lines BIGINT, max_days_past_due INT, lines_due_12m BIGINT, "
      + "on_time_12m BIGINT, days_late_12m BIGINT, credit_sales_12m DECIMAL(18,2), purchase_days_12m BIGINT, "
      + "referrals_converted BIGINT, amount_12m DECIMAL(18,2), amount_prior_12m DECIMAL(18,2), tenure_days INT");

  static Row facts(String key, long lines, String open, Integer maxPastDue, long due, long onTime, long daysLate,
      String creditSales, long purchaseDays, long referrals, String amount12m, String prior, Integer tenure) {
    java.math.BigDecimal zero = new java.math.BigDecimal("0.00");
    return org.apache.spark.sql.RowFactory.create(key, "X***", "enterprise", lines, new java.math.BigDecimal(open),
        zero, zero, zero, zero, zero, zero, 0L, maxPastDue, due, onTime, daysLate, new java.math.BigDecimal(creditSales),
        purchaseDays, referrals, new java.math.BigDecimal(amount12m), new java.math.BigDecimal(prior), tenure);
  }

  @Test
  void scoresAndGradesFollowTheDefinitions(SparkSession spark) {
    List<Row> input = List.of(
        // Perfect: all on time, 12+ purchase days, 3 referrals, revenue doubled, 3 years: score 1 -> A.
        facts("perfect", 10, "0.00", null, 10, 10, 0, "1000.00", 15, 4, "2000.00", "1000.00", 1200),
        // Half on time, 15 days late on average: payment 0.5 x 0.75 = 0.375; frequency 6/12 = 0.5;
        // influence 0; prospects: flat -> 0.5; loyalty 547.5/1095 = 0.5.
        // score = 0.45*0.375 + 0.15*0.5 + 0 + 0.10*0.5 + 0.20*0.5 = 0.39375 -> C.
        facts("middling", 4, "300.00", 10, 4, 2, 60, "1200.00", 6, 0, "500.00", "500.00", 547),
        // A perfect payer with an open line 31 days past due: capped to C.
        facts("capped-c", 10, "50.00", 31, 10, 10, 0, "1000.00", 15, 4, "2000.00", "1000.00", 1200),
        // 91 days past due: D whatever the score.
        facts("capped-d", 10, "50.00", 91, 10, 10, 0, "1000.00", 15, 4, "2000.00", "1000.00", 1200),
        // No line fell due in the trailing year: unknown, no score.
        facts("no-record", 2, "800.00", null, 0, 0, 0, "800.00", 2, 0, "800.00", "0.00", null));
    Dataset<Row> rows = CustomerCredit.compute(spark.createDataFrame(input, FACTS), D, AnalyticsSettings.defaults());
    Map<String, Row> byKey = new TreeMap<>();
    rows.collectAsList().forEach(r -> byKey.put(r.getAs("customer_key"), r));
    assertEquals("A", byKey.get("perfect").getAs("credit_grade"));
    assertEquals(1.0, byKey.get("perfect").<Double>getAs("credit_score"), 1e-12);
    assertEquals(0.0, byKey.get("perfect").<Double>getAs("days_sales_outstanding"), 1e-12);

    Row m = byKey.get("middling");
    assertEquals(0.5, m.<Double>getAs("on_time_payment_rate"), 1e-12);
    assertEquals(15.0, m.<Double>getAs("average_days_late"), 1e-12);
    assertEquals(0.375, m.<Double>getAs("payment_score"), 1e-12);
    assertEquals(0.5, m.<Double>getAs("frequency_score"), 1e-12);
    assertEquals(0.0, m.<Double>getAs("influence_score"), 1e-12);
    assertEquals(0.5, m.<Double>getAs("prospects_score"), 1e-12);
    assertEquals(547 / 1095.0, m.<Double>getAs("loyalty_score"), 1e-12);
    assertEquals(0.45 * 0.375 + 0.15 * 0.5 + 0.10 * 0.5 + 0.20 * 547 / 1095.0, m.<Double>getAs("credit_score"), 1e-12);
    assertEquals("C", m.getAs("credit_grade"));
    assertEquals(300.0 / 1200.0 * 365, m.<Double>getAs("days_sales_outstanding"), 1e-9);

    assertEquals("C", byKey.get("capped-c").getAs("credit_grade"));
    assertEquals("D", byKey.get("capped-d").getAs("credit_grade"));
    Row none = byKey.get("no-record");
    assertEquals("unknown", none.getAs("credit_grade"));
    assertNull(none.getAs("credit_score"));
    assertNull(none.getAs("on_time_payment_rate"));
    assertEquals(0.5, none.<Double>getAs("prospects_score"), 1e-12, "revenue this year, none before");
    assertEquals(0.0, none.<Double>getAs("loyalty_score"), 1e-12, "no purchase: no tenure");

    // Suggested terms (defaults): A 60 days x1.5, C 30 x1.0, D none, unknown 30 x1.0; the limit in cents
    // is credit sales cents x days x headroom% / 36500, rounded half up.
    assertEquals(60, byKey.get("perfect").<Integer>getAs("suggested_payment_days"));
    // 100000 x 60 x 150 / 36500 = 24657.53 cents
    assertEquals(new java.math.BigDecimal("246.58"), byKey.get("perfect").getAs("suggested_credit_limit"));
    assertEquals(false, byKey.get("perfect").getAs("over_credit_limit"));
    // 120000 x 30 x 100 / 36500 = 9863.01 cents; 300.00 open is over it
    assertEquals(30, m.<Integer>getAs("suggested_payment_days"));
    assertEquals(new java.math.BigDecimal("98.63"), m.getAs("suggested_credit_limit"));
    assertEquals(true, m.getAs("over_credit_limit"));
    assertEquals(0, byKey.get("capped-d").<Integer>getAs("suggested_payment_days"), "D: payment before delivery");
    assertEquals(new java.math.BigDecimal("0.00"), byKey.get("capped-d").getAs("suggested_credit_limit"));
    // unknown: 80000 x 30 x 100 / 36500 = 6575.34 cents
    assertEquals(new java.math.BigDecimal("65.75"), none.getAs("suggested_credit_limit"));
  }
}
