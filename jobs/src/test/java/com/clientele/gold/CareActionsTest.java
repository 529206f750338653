package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.config.ClienteleConfig;
import com.clientele.testing.SparkExtension;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hand-worked care plan: every action type, the horizon's edges, groups, 02-29 outside a leap
 * year, overdue contact actions, and who gets nothing.
 */
@ExtendWith(SparkExtension.class)
class CareActionsTest {

  static final LocalDate D = LocalDate.parse("2027-02-20"); // horizon: 2027-02-20 .. 2027-03-22

  static final StructType CLASSIFIED = StructType.fromDDL("customer_key STRING, display_name_masked STRING, "
      + "nature STRING, value_position STRING, vip_tier STRING, abc_grade STRING, trading_stage STRING, "
      + "lifecycle_stage STRING, first_purchase_date DATE, birth_month_day STRING, founding_month_day STRING, "
      + "last_contact_date DATE, care_complaints ARRAY<STRUCT<interaction_id: STRING, category: STRING, "
      + "resolved_date: DATE>>, vip_reached_date DATE");
  /** The columns of gold.at_risk_customers the plan reads (its context columns as in the classified facts). */
  static final StructType AT_RISK = StructType.fromDDL("customer_key STRING, display_name_masked STRING, "
      + "nature STRING, value_position STRING, vip_tier STRING, last_purchase_date DATE, flag_reason STRING");

  static Date d(String s) {
    return s == null ? null : Date.valueOf(s);
  }

  static Row customer(String key, String position, String vip, String stage, String lifecycle, String firstPurchase,
      String birth, String founding, String lastContact, List<Row> complaints, String vipReached) {
    return RowFactory.create(key, key.toUpperCase() + "***", "individual", position, vip, "B", stage, lifecycle,
        d(firstPurchase), birth, founding, d(lastContact), complaints, d(vipReached));
  }

  static String actionId(String key, String type, String occasion) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest((key + "|" + type + "|" + occasion)
        .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h).substring(0, 32);
  }

  @Test
  void thePlanFollowsTheDefinitions(SparkSession spark) throws Exception {
    AnalyticsSettings settings = AnalyticsSettings.from(ConfigFactory.parseString("""
        clientele.analytics.care.holidays = [
          { key = test_day, month-day = "03-01", groups = [key], names { en = "Test Day", zh-CN = "测试日" } }
          { key = lunar, dates = ["2027-03-10", "2028-02-27"], groups = [vip], names { en = "Lunar Day" } }
          { key = too_late, dates = ["2027-03-23"], groups = [customers] }
        ]""").withFallback(ClienteleConfig.defaults().raw()).getConfig("clientele.analytics"));
    List<Row> customers = List.of(
        // A key customer born on 02-29, first purchase two years ago, no contact since 2026-12-20.
        customer("a", "key", "none", "current", "active", "2025-03-01", "02-29", null, "2026-12-20", List.of(), null),
        // A gold VIP at risk: on the win-back list (so no key_no_contact), birthday just passed, founding
        // day on the horizon's last day, a complaint resolved on 2027-02-15, gold reached on 2027-02-10.
        customer("b", "general", "gold", "past", "at_risk", "2026-02-21", "02-19", "03-22", "2026-11-05",
            List.of(RowFactory.create("I9", "quality", d("2027-02-15")),
                RowFactory.create("I8", "price", d("2027-02-12"))), "2027-02-10"),
        // A lead who never bought: the birthday group is customers who bought.
        customer("c", "scattered", "none", "upcoming", "none", null, "03-05", null, "2027-02-01", List.of(), null),
        // A key customer contacted recently, first purchase this year: only the key holiday.
        customer("d", "key", "none", "current", "active", "2027-01-15", null, null, "2027-02-01", List.of(), null));
    var classified = spark.createDataFrame(customers, CLASSIFIED);
    var atRisk = spark.createDataFrame(List.of(RowFactory.create("b", "B***", "individual", "general", "gold",
        d("2026-11-01"), "at risk: no purchase for 111 days")), AT_RISK);

    List<Row> rows = CareActions.compute(classified, atRisk, D, settings).collectAsList();

    Map<String, Row> byAction = new TreeMap<>();
    rows.forEach(r -> byAction.put(r.getAs("customer_key") + " " + r.getAs("action_type") + " " + r.getAs("occasion"), r));
    assertEquals(List.of(
        "a birthday 2027-02-28", "a holiday test_day:2027-03-01", "a key_no_contact 2026-12-20",
        "a purchase_anniversary 2027-03-01",
        "b complaint_follow_up I9", "b founding_day 2027-03-22", "b holiday lunar:2027-03-10",
        "b vip_upgrade gold:2027-02-10", "b win_back 2026-11-01",
        "d holiday test_day:2027-03-01"), List.copyOf(byAction.keySet()));

    Row birthday = byAction.get("a birthday 2027-02-28");
    assertEquals(d("2027-02-28"), birthday.getAs("due_date"), "02-29 falls on 02-28 outside leap years");
    assertEquals("normal", birthday.getAs("priority"));
    assertEquals("sms", birthday.getAs("channel"));
    assertEquals("care.birthday", birthday.getAs("template_key"));
    assertEquals("birthday on 02-29", birthday.getAs("reason"));
    assertEquals(actionId("a", "birthday", "2027-02-28"), birthday.getAs("action_id"));
    assertEquals(d("2027-02-20"), birthday.getAs("as_of_date"));
    assertEquals("A***", birthday.getAs("display_name_masked"));

    Row noContact = byAction.get("a key_no_contact 2026-12-20");
    assertEquals(d("2027-02-18"), noContact.getAs("due_date"), "overdue since 60 days after the last contact");
    assertEquals("no contact since 2026-12-20 (62 days)", noContact.getAs("reason"));
    assertEquals("high", noContact.getAs("priority"));
    assertEquals("phone", noContact.getAs("channel"));

    assertEquals("2 year(s) since the first purchase on 2025-03-01",
        byAction.get("a purchase_anniversary 2027-03-01").getAs("reason"));
    assertEquals("care.holiday.test_day", byAction.get("a holiday test_day:2027-03-01").getAs("template_key"));
    assertEquals("Test Day greeting", byAction.get("a holiday test_day:2027-03-01").getAs("reason"));
    assertEquals("low", byAction.get("d holiday test_day:2027-03-01").getAs("priority"));

    Row complaint = byAction.get("b complaint_follow_up I9");
    assertEquals(d("2027-02-22"), complaint.getAs("due_date"));
    assertEquals("complaint I9 (quality) resolved on 2027-02-15", complaint.getAs("reason"));
    Row winBack = byAction.get("b win_back 2026-11-01");
    assertEquals(d("2027-01-30"), winBack.getAs("due_date"), "last purchase + active-window-days (90)");
    assertEquals("at risk: no purchase for 111 days", winBack.getAs("reason"));
    assertEquals(List.of("B***", "individual", "general", "gold"), CareActions.CONTEXT.stream()
        .map(c -> (Object) winBack.getAs(c)).toList(), "every row carries its customer's context");
    assertEquals(d("2027-02-10"), byAction.get("b vip_upgrade gold:2027-02-10").getAs("due_date"));
    assertEquals("reached the gold VIP tier on 2027-02-10", byAction.get("b vip_upgrade gold:2027-02-10").getAs("reason"));
    assertEquals(d("2027-03-22"), byAction.get("b founding_day 2027-03-22").getAs("due_date"), "the horizon's last day");
    assertEquals("gold", byAction.get("b founding_day 2027-03-22").getAs("vip_tier"));
  }

  @Test
  void settingsAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnalyticsSettings.from(
        ConfigFactory.parseString("""
            clientele.analytics.care {
              horizon-days = 400
              birthday.priority = urgent
              purchase-anniversary.groups = []
              key-no-contact.groups = [key, friends]
              holidays = [ { key = bad, month-day = "13-01", groups = [key] }, { key = both, groups = [] } ]
            }""").withFallback(ClienteleConfig.defaults().raw()).getConfig("clientele.analytics")));
    for (String problem : List.of("care.horizon-days", "care.birthday.priority", "unknown group 'friends'",
        "care.purchase-anniversary.groups must name at least one group",
        "month-day must be MM-DD", "give either month-day or dates", "groups must not be empty")) {
      assertTrue(e.getMessage().contains(problem), problem + " in: " + e.getMessage());
    }
  }
}
