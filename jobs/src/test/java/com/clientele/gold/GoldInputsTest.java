package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.SparkExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
  List<Row> interactions;
  List<Row> days;

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
    customers = in.customers().collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_key"), r -> r));
    interactions = in.interactions().collectAsList();
    days = in.days().collectAsList();
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
    assertEquals(2, interactions.size(), "V's enquiry and the complaint of 23:59:59");
    Row late = interactions.stream().filter(r -> "U".equals(r.getAs("customer_key"))).findFirst().orElseThrow();
    assertNull(late.getAs("first_response_at"), "answered the next morning: not known on 03-31");
    assertEquals(Silver.date("2026-03-31"), late.getAs("received_date"));
  }

  @Test
  void customerDaysSumTheDaysLines() {
    assertEquals(1, days.size(), "the purchase of 04-01 is after the as-of date");
    Row d = days.get(0);
    assertEquals(2L, d.<Long>getAs("purchase_lines"));
    assertEquals(1L, d.<Long>getAs("refund_lines"));
    assertEquals(new java.math.BigDecimal("12.00"), d.getAs("net_amount"));
    assertEquals(new java.math.BigDecimal("5.00"), d.getAs("costed_sales_amount"));
    assertEquals(new java.math.BigDecimal("1.00"), d.getAs("profit_amount"));
  }
}
