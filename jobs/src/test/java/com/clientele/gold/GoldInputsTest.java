package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.SparkExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The as-of view of silver, as of 2026-03-31.
 *
 * <pre>
 * U  versions North (2025-01-01…2026-02-01), South (2026-02-01…2026-04-10), West (from 2026-04-10)
 * X  first version 2026-04-05 (a back-dated initial load), registered 2025-01-01: exists
 * Y  first version 2026-04-05, not registered, a purchase on 2026-01-05: exists
 * W  first version 2026-04-05, not registered, referred by U on 2026-03-01: exists
 * V  first version 2026-04-05, not registered, an enquiry on 2026-03-10: exists
 * Z  first version 2026-04-05, registered 2026-04-05, nothing else: does not exist yet
 * U's complaints: received 03-31 23:59:59 (answered 04-01 08:00 — not yet known) and 04-01 00:00:00 (later)
 * </pre>
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldInputsTest {

  Map<String, Row> customers;
  Map<String, Row> summaries;
  List<Row> state;

  @BeforeAll
  void prepare(SparkSession spark) {
    GoldInputs in = new Silver(spark)
        .customer("U,enterprise,2025-01-01,2026-02-01,2025-01-01,North")
        .customer("U,enterprise,2026-02-01,2026-04-10,2025-01-01,South")
        .customer("U,enterprise,2026-04-10,,2025-01-01,West")
        .customer("X,partner,2026-04-05,,2025-01-01,East")
        .customer("Y,,2026-04-05,,,")
        .customer("W,individual,2026-04-05,,,East")
        .customer("V,individual,2026-04-05,,,East")
        .customer("Z,individual,2026-04-05,,2026-04-05,East")
        .transaction("Y,2026-01-05,sale,10,")
        .transaction("Y,2026-01-05,sale,5,4")
        .transaction("Y,2026-01-05,refund,-3,")
        .transaction("Y,2026-04-01,sale,7,")
        .referral("U,W,2026-03-01,10")
        .interaction("V,enquiry,price,2026-03-10 10:00:00,,,")
        .interaction("U,complaint,delivery,2026-03-31 23:59:59,2026-04-01 08:00:00,,")
        .interaction("U,complaint,delivery,2026-04-01 00:00:00,,,")
        .asOf("2026-03-31");
    Dataset<Row> summary = CustomerSummaries.compute(in.state(), in.asOf(), AnalyticsSettings.defaults());
    summaries = summary.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_key"), r -> r));
    customers = CustomerFacts.compute(in, summary, AnalyticsSettings.defaults()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("customer_key"), r -> r));
    state = in.state().collectAsList();
  }

  @Test
  void customersWithAVersionOrAnyEarlierRecordExist() {
    assertEquals(java.util.Set.of("U", "V", "W", "X", "Y"), customers.keySet());
  }

  @Test
  void attributesAreTheVersionValidAtTheAsOfDateOrTheEarliest() {
    assertEquals("South", customers.get("U").getAs("region"));
    assertEquals("partner", customers.get("X").getAs("nature"), "only version, from after the as-of date");
    assertNull(customers.get("Y").getAs("nature"));
  }

  @Test
  void interactionsKnownByTheEndOfTheDay() {
    Row u = customers.get("U");
    assertEquals(1L, u.<Long>getAs("complaint_count"), "the complaint of 23:59:59; the one of 04-01 is not known yet");
    assertEquals(1L, u.<Long>getAs("open_complaint_count"), "answered the next morning: not known on 03-31");
    assertEquals(0L, u.<Long>getAs("complaints_answered_in_time"));
    assertEquals(Silver.date("2026-03-10"), customers.get("V").getAs("last_enquiry_date"));
  }

  @Test
  void theStateSumsEachDaysLinesInCents() {
    assertEquals(6, state.size(), "one row per customer: U, V, W, X, Y, Z");
    Row y = state.stream().filter(r -> "Y".equals(r.getAs("customer_key"))).findFirst().orElseThrow();
    assertEquals(List.of(Silver.date("2026-01-05"), Silver.date("2026-04-01")), y.getList(y.fieldIndex("activity_dates")));
    assertEquals(List.of(2, 1), y.getList(y.fieldIndex("purchase_lines")), "sale lines per day");
    assertEquals(List.of(1, 0), y.getList(y.fieldIndex("refund_lines")), "refund lines per day");
    assertEquals(List.of(1500L, 700L), y.getList(y.fieldIndex("sales_cents")), "sales in cents");
    assertEquals(List.of(-300L, 0L), y.getList(y.fieldIndex("refund_cents")), "refunds in cents");
    assertEquals(List.of(500L, 0L), y.getList(y.fieldIndex("costed_sales_cents")), "the sale with a known cost");
    assertEquals(List.of(100L, 0L), y.getList(y.fieldIndex("profit_cents")), "its profit: 5 - 4");
  }

  @Test
  void theSummaryReadsOnlyTheDaysUpToTheAsOfDate() {
    Row y = summaries.get("Y");
    assertEquals(2L, y.<Long>getAs("purchase_count"), "the purchase of 04-01 is after the as-of date");
    assertEquals(1L, y.<Long>getAs("refund_count"));
    assertEquals(new java.math.BigDecimal("12.00"), y.getAs("total_amount"));
    assertEquals(new java.math.BigDecimal("5.00"), y.getAs("costed_sales_amount"));
    assertEquals(new java.math.BigDecimal("1.00"), y.getAs("profit_amount"));
    assertEquals(Silver.date("2026-01-05"), y.getAs("last_purchase_date"));
  }
}
