package com.clientele.care;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * clientele care export: masked without the key, real names and contacts with it, messages in both
 * languages, and every export recorded in the restricted log — never the personal data itself.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CareExportTest {

  static final LocalDate D = LocalDate.parse("2026-07-01");
  static final List<String> PERSONAL = List.of("Wang Canary", "13900001111", "wang.canary@example.com",
      "1990-07-05", "2010-07-10");
  TestWarehouse wh;
  Path dir;

  @BeforeAll
  void build(SparkSession spark, @TempDir Path tmp) {
    dir = tmp;
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    landing.write("customers", "2026-06-01", "crm.csv", LandingFolder.CUSTOMERS_HEADER + ",birthday,founding_date",
        "C1,Wang Canary,13900001111,wang.canary@example.com,,,individual,,,website,2026-01-01,1990-07-05,",
        "C2,北京晨星科技有限公司,010-5555-0001,info@chenxing.example.cn,,,企事业单位,,,exhibition,2026-01-01,,2010-07-10",
        "C3,Li Lead,13900002222,,,,individual,,,website,2026-01-01,1985-07-02,");
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    wh.ingest(landing.root(), "2026-06-01");
    // The plan of D as the build writes it (CareActionsTest and the differential test check how it is
    // made): C1's birthday on 07-05, C2's founding day on 07-10; C3, a lead, has none.
    java.sql.Date asOf = java.sql.Date.valueOf(D);
    List<Row> plan = List.of(
        org.apache.spark.sql.RowFactory.create(asOf, "a-birthday", java.sql.Date.valueOf("2026-07-05"), "birthday",
            "2026-07-05", wh.key("C1"), "W*** C.", "individual", "scattered", "none", "normal", "sms", "care.birthday",
            "birthday on 07-05"),
        org.apache.spark.sql.RowFactory.create(asOf, "a-founding", java.sql.Date.valueOf("2026-07-10"), "founding_day",
            "2026-07-10", wh.key("C2"), "北*********", "enterprise", "key", "silver", "normal", "email",
            "care.founding_day", "founding anniversary on 07-10"),
        org.apache.spark.sql.RowFactory.create(asOf, "a-holiday", java.sql.Date.valueOf("2026-07-20"), "holiday",
            "test_day:2026-07-20", wh.key("C2"), "北*********", "enterprise", "key", "silver", "low", "sms",
            "care.holiday.test_day", "Test Day greeting"));
    wh.warehouse().append(TableCatalog.CARE_ACTIONS,
        spark.createDataFrame(plan, TableCatalog.CARE_ACTIONS.schema()));
  }

  static List<String[]> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF"), "a BOM for spreadsheet tools");
    CsvParserSettings settings = new CsvParserSettings();
    return new CsvParser(settings).parseAll(new java.io.StringReader(text.substring(1)));
  }

  static Map<String, String[]> byType(List<String[]> rows) {
    Map<String, String[]> out = new TreeMap<>();
    rows.subList(1, rows.size()).forEach(r -> out.put(r[2] + " " + r[5], r));
    return out;
  }

  @Test
  void withoutThePersonalDataFlagNamesAreMaskedAndContactsEmpty() throws IOException {
    Path out = dir.resolve("exports/plan-masked.csv");
    CareExportJob.Outcome outcome = new CareExportJob(wh.warehouse(), AnalyticsSettings.defaults())
        .run(D, out, Locale.SIMPLIFIED_CHINESE, Optional.empty(), "tester", Instant.parse("2026-07-01T08:00:00Z"));

    List<String[]> rows = read(out);
    assertEquals(CareExportJob.HEADER, List.of(rows.get(0)));
    Map<String, String[]> plan = byType(rows);
    String wang = wh.key("C1");
    String[] birthday = plan.get("birthday " + wang);
    assertNotNull(birthday, plan.keySet().toString());
    assertEquals("2026-07-05", birthday[1]);
    assertEquals("W*** C.", birthday[6]);
    assertNull(birthday[7]);
    assertNull(birthday[8]);
    assertEquals("W*** C.，祝您生日快乐！感谢您一直以来的支持，祝您新的一岁万事顺意。", birthday[10]);
    assertNotNull(plan.get("founding_day " + wh.key("C2")), "the organisation's founding day, 07-10");
    String text = Files.readString(out);
    PERSONAL.forEach(v -> assertFalse(text.contains(v), v + " is in a masked export"));
    assertEquals(rows.size() - 1, outcome.rows());
    assertFalse(outcome.includedPersonalData());
    try (var files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.filter(p -> p.getFileName().toString().startsWith(".plan-masked")
          || p.equals(out)).toList(), "no temporary file left");
    }
  }

  @Test
  void withTheKeyTheExportCarriesNamesAndContactsAndIsRecorded() throws IOException {
    Path out = dir.resolve("exports/plan-personal.csv");
    long before = logRows().size();
    CareExportJob.Outcome outcome = new CareExportJob(wh.warehouse(), AnalyticsSettings.defaults())
        .run(D, out, Locale.ENGLISH, Optional.of(wh.protector()), "alice", Instant.parse("2026-07-01T09:30:00Z"));

    Map<String, String[]> plan = byType(read(out));
    String[] birthday = plan.get("birthday " + wh.key("C1"));
    assertEquals("Wang Canary", birthday[6]);
    assertEquals("13900001111", birthday[7]);
    assertEquals("wang.canary@example.com", birthday[8]);
    assertEquals("Happy birthday, Wang Canary! Thank you for being with us - we wish you a wonderful year ahead.",
        birthday[10]);
    assertEquals("北京晨星科技有限公司", plan.get("founding_day " + wh.key("C2"))[6]);
    assertEquals("Dear 北京晨星科技有限公司, warm wishes for test_day from all of us.",
        plan.get("holiday " + wh.key("C2"))[10], "a holiday without its own template uses care.holiday");

    List<Row> log = logRows();
    assertEquals(before + 1, log.size());
    Row entry = log.stream().filter(r -> r.<Boolean>getAs("include_personal_data")).findFirst().orElseThrow();
    assertEquals("alice", entry.getAs("exported_by"));
    assertEquals(java.sql.Timestamp.from(Instant.parse("2026-07-01T09:30:00Z")), entry.getAs("exported_at"));
    assertEquals(java.sql.Date.valueOf(D), entry.getAs("as_of_date"));
    assertEquals(outcome.rows(), entry.<Long>getAs("rows_exported"));
    assertEquals(outcome.customers(), entry.<Long>getAs("customers_exported"));
    assertEquals("plan-personal.csv", entry.getAs("output_file"));
    assertEquals("en", entry.getAs("locale"));
    String logged = String.valueOf(entry);
    PERSONAL.forEach(v -> assertFalse(logged.contains(v), v + " is in the audit log"));
    assertTrue(TableCatalog.CARE_EXPORT_LOG.restricted());
  }

  @Test
  void aDateWithoutAPlanIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new CareExportJob(wh.warehouse(), AnalyticsSettings.defaults()).run(D.minusDays(1), dir.resolve("x.csv"),
            Locale.ENGLISH, Optional.empty(), "tester", Instant.EPOCH));
    assertTrue(e.getMessage().contains("no care plan as of 2026-06-30"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("x.csv")));
  }

  private List<Row> logRows() {
    return wh.warehouse().exists(TableCatalog.CARE_EXPORT_LOG)
        ? wh.warehouse().read(TableCatalog.CARE_EXPORT_LOG).collectAsList() : List.of();
  }
}
