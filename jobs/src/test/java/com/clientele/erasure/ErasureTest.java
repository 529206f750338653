package com.clientele.erasure;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.generate.ExportGenerator;
import com.clientele.generate.GeneratorSettings;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.GoldBuildJob;
import com.clientele.ingest.IngestReport;
import com.clientele.report.ReportJob;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.Leaks;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The right to be forgotten, end to end: a canary customer with a distinctive name, phone, e-mail,
 * address and ID number (a key customer, so the archive cards show them, with a complaint, a
 * referral and a quarantined row) is ingested, built and reported with personal data, then
 * forgotten. A scan of every file of the warehouse (data files decoded as well as read as bytes,
 * {@code _delta_log} JSON with its statistics, checkpoints, change-data files) and of the reports
 * folder finds the canary's values and key before — so the scan can see them — and none after;
 * the company totals and every file's accounting are unchanged; a later export carrying the canary
 * again re-creates nothing.
 */
@ExtendWith(SparkExtension.class)
class ErasureTest {


  static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
  static final String ID = "CANARY-ERASE-42";
  static final String NAME = "Quirinus Zebedee";
  static final String PHONE = "13987654321";
  static final String EMAIL = "quirinus.zebedee@canary.example";
  static final String ADDRESS = "77 Canary Wharf Lane";
  static final String ID_NUMBER = "11010119770707123X";
  /** Its founding day falls in the care plan's horizon: a founding-day greeting is planned for it. */
  static final String FOUNDED = "1998-04-03";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T00:30:00Z"), ZoneId.of("Asia/Shanghai"));

  @Test
  void aForgottenCustomerLeavesNoTraceAndTheFiguresStay(SparkSession spark, @TempDir Path tmp) throws IOException {
    Path landing = tmp.resolve("landing");
    ExportGenerator.generate(GeneratorSettings.defaults().withCustomers(60).withTransactions(500)
        .withHistory(LocalDate.of(2025, 6, 1), AS_OF).withDailyDrops(0).withMessyShare(0), landing);
    String day = AS_OF.toString();
    LandingFolder files = new LandingFolder(landing);
    files.write("customers", day, "canary.csv", LandingFolder.CUSTOMERS_HEADER + ",birthday,founding_date",
        ID + "," + NAME + "," + PHONE + "," + EMAIL + "," + ADDRESS + "," + ID_NUMBER
            + ",enterprise,manufacturing,East,website,2025-01-01,," + FOUNDED);
    List<String> sales = new ArrayList<>(List.of(LandingFolder.TRANSACTIONS_HEADER));
    for (int m = 0; m < 9; m++) {
      sales.add("CANARY-T" + m + "," + ID + "," + LocalDate.of(2025, 7, 5).plusMonths(m) + ",180000.00,sale,1,,,,,");
    }
    sales.add("CANARY-BAD," + ID + ",2026-03-30,12x,sale,1,,,,,");
    files.write("transactions", day, "canary.csv", sales.toArray(String[]::new));
    files.write("interactions", day, "canary.csv", LandingFolder.INTERACTIONS_HEADER,
        "CANARY-I1," + ID + ",complaint,phone,delivery,2026-03-02 09:00:00,2026-03-02 15:00:00,2026-03-04 09:00:00,,"
            + "Call " + NAME + " back,Resent the goods");
    String someoneElse = firstGeneratedCustomer(landing);
    files.write("referrals", day, "canary.csv", LandingFolder.REFERRALS_HEADER,
        "CANARY-R1," + ID + "," + someoneElse + ",2026-03-01,50.00");

    Path warehouseDir = tmp.resolve("warehouse");
    TestWarehouse wh = new TestWarehouse(spark, warehouseDir);
    wh.ingestAll(landing);
    new GoldBuildJob(wh.warehouse(), AnalyticsSettings.from(ClienteleConfig.defaults())).run(AS_OF);
    Path reports = tmp.resolve("reports");
    List<Path> masked = new ReportJob(wh.warehouse(), CLOCK, "CNY")
        .run(YearMonth.from(AS_OF), List.of(Locale.ENGLISH), reports.resolve("masked"), Optional.empty());
    new ReportJob(wh.warehouse(), CLOCK, "CNY")
        .run(YearMonth.from(AS_OF), List.of(Locale.ENGLISH), reports.resolve("personal"), Optional.of(wh.protector()));

    // A checkpoint of every table, so the scans cover checkpoint files (Delta writes one every ten commits).
    for (Table table : TableCatalog.all()) {
      if (wh.warehouse().exists(table)) {
        org.apache.spark.sql.delta.DeltaLog.forTable(spark, wh.warehouse().pathOf(table)).checkpoint();
      }
    }
    String key = wh.key(ID);
    List<String> canary = List.of(ID, NAME, PHONE, EMAIL, ADDRESS, ID_NUMBER, FOUNDED, key);
    assertEquals(1, wh.count("SELECT count(*) FROM gold.care_actions WHERE customer_key = '" + key
        + "' AND action_type = 'founding_day' AND due_date = DATE'2026-04-03'"), "the canary's founding day is planned");
    long foundedOn0403 = wh.count("SELECT count(*) FROM silver.customers WHERE founding_month_day = '04-03'");
    // The scan sees the canary before: its key in the gold and silver files, its id in bronze, its
    // name and phone in the personal cards.
    Map<String, List<String>> before = Leaks.scan(spark, List.of(warehouseDir, reports), canary);
    assertTrue(before.containsKey(key), "the scan finds the key before: " + before.keySet());
    assertTrue(before.containsKey(ID), "the scan finds the id before: " + before.keySet());
    assertTrue(before.containsKey(NAME) && before.containsKey(PHONE), "the cards show the name and phone: " + before.keySet());
    assertTrue(before.get(key).stream().noneMatch(f -> f.contains("_delta_log")),
        "no text statistics: the key is in data files only, never in a Delta log: " + before.get(key));
    assertEquals(1, wh.count("SELECT count(*) FROM silver.referrals WHERE referral_id = 'CANARY-R1'"),
        () -> "the canary's referral is in silver; quarantined: "
            + wh.sql("SELECT reason_code, reason_detail, raw_record FROM silver.quarantine WHERE raw_record LIKE '%CANARY-R1%'"));
    Map<String, Object> totals = totals(wh);
    Map<String, List<String>> accountingBefore = accounting(wh);
    assertEquals(1, wh.count("SELECT count(*) FROM silver.quarantine WHERE raw_record LIKE '%CANARY-BAD%'"));

    ErasureJob.Outcome outcome = new ErasureJob(wh.warehouse(), wh.protector())
        .run(List.of(ID), "request DSR-2026-0042", Optional.of(reports), Instant.parse("2026-04-02T08:00:00Z"));

    Map<String, List<String>> after = Leaks.scan(spark, List.of(warehouseDir, reports), canary);
    assertEquals(Map.of(), after, "no file holds any of the canary's values or its key after forget");
    assertEquals(foundedOn0403 - 1, wh.count("SELECT count(*) FROM silver.customers WHERE founding_month_day = '04-03'"),
        "the erased customer's founding month-day is cleared");
    assertEquals(totals, totals(wh), "the company's figures keep their totals");
    assertEquals(accountingBefore, accounting(wh), "every file still balances, with the same counts");
    assertEquals(1, outcome.subjects().size());
    ErasureJob.Subject subject = outcome.subjects().get(0);
    assertTrue(subject.found());
    assertEquals(1L, subject.rowsChanged().get("silver.customer_pii"), subject.rowsChanged().toString());
    assertEquals(9L, subject.rowsChanged().get("silver.transactions"), subject.rowsChanged().toString());
    assertTrue(subject.rowsChanged().get("silver.referrals") >= 1, subject.rowsChanged().toString());
    assertFalse(outcome.reportsRemoved().isEmpty(), "the cards that showed the canary are removed");
    assertTrue(outcome.reportsRemoved().stream().allMatch(p -> p.getFileName().toString().contains("card")),
        "only the archive cards print keys: " + outcome.reportsRemoved());
    assertTrue(masked.stream().filter(p -> !p.getFileName().toString().contains("card")).allMatch(Files::exists),
        "reports that never showed the key stay");
    // The referred customer keeps their own key and their referral.
    assertEquals(1, wh.count("SELECT count(*) FROM silver.referrals WHERE referred_customer_key = '" + wh.key(someoneElse)
        + "' AND referral_id = 'CANARY-R1'"));
    // The erasure log: a keyed hash, never the key.
    List<Row> log = wh.warehouse().read(TableCatalog.ERASURE_LOG).collectAsList();
    assertEquals(1, log.size());
    assertEquals(ErasureJob.subjectHash(wh.protector(), ID), log.get(0).getAs("subject_hash"));
    assertNotEquals(key, log.get(0).getAs("subject_hash"));
    assertEquals("request DSR-2026-0042", log.get(0).getAs("reason"));

    // A later export that carries the canary again re-creates nothing: its rows wait in the quarantine
    // as erased_customer, without their text.
    String later = "2026-04-01";
    files.write("customers", later, "old-export.csv", LandingFolder.CUSTOMERS_HEADER,
        ID + "," + NAME + "," + PHONE + "," + EMAIL + "," + ADDRESS + "," + ID_NUMBER
            + ",enterprise,manufacturing,East,website,2025-01-01");
    files.write("transactions", later, "old-export.csv", LandingFolder.TRANSACTIONS_HEADER,
        "CANARY-T100," + ID + ",2026-04-01,99.00,sale,1,,,,,",
        "OTHER-T100," + someoneElse + ",2026-04-01,99.00,sale,1,,,,,");
    IngestReport again = wh.ingest(landing, later);
    assertEquals(3, again.rowsQuarantined() + again.rowsLoaded(), again.describe());
    assertEquals(2, wh.count("SELECT count(*) FROM silver.quarantine WHERE reason_code = 'erased_customer'"));
    assertEquals(1, wh.count("SELECT count(*) FROM silver.transactions WHERE transaction_id = 'OTHER-T100'"));
    assertEquals(Map.of(), Leaks.scan(spark, List.of(warehouseDir), canary), "the re-delivered export left no trace");

    // Told to (the customer came back and agreed), an ingest loads them again: a new customer, with
    // none of the erased history.
    String back = "2026-04-02";
    files.write("customers", back, "returning.csv", LandingFolder.CUSTOMERS_HEADER,
        ID + "," + NAME + "," + PHONE + "," + EMAIL + "," + ADDRESS + "," + ID_NUMBER
            + ",enterprise,manufacturing,East,website,2026-04-02");
    new com.clientele.ingest.IngestJob(wh.warehouse(), ClienteleConfig.defaults(), wh.protector())
        .readmitting(List.of(ID)).run(landing.toString(), Optional.of(LocalDate.parse(back)));
    assertEquals(1, wh.count("SELECT count(*) FROM silver.customers WHERE customer_key = '" + key + "'"));
    assertEquals(0, wh.count("SELECT count(*) FROM silver.transactions WHERE customer_key = '" + key + "'"),
        "the erased history stays unlinked");
  }

  private static String firstGeneratedCustomer(Path landing) throws IOException {
    try (Stream<Path> files = Files.walk(landing.resolve("customers"))) {
      Path first = files.filter(p -> p.toString().endsWith(".csv") && !p.endsWith("canary.csv")).sorted()
          .findFirst().orElseThrow();
      return Files.readAllLines(first, StandardCharsets.UTF_8).get(1).split(",")[0];
    }
  }

  /** Revenue, counts and gold aggregates that must not move when a customer is anonymised. */
  private static Map<String, Object> totals(TestWarehouse wh) {
    Map<String, Object> totals = new TreeMap<>();
    totals.put("revenue", wh.sql("SELECT sum(amount) FROM silver.transactions").get(0).get(0));
    totals.put("transactions", wh.count("SELECT count(*) FROM silver.transactions"));
    totals.put("customers", wh.count("SELECT count(DISTINCT customer_key) FROM silver.customers"));
    totals.put("profiles", wh.count("SELECT count(*) FROM gold.customer_profile"));
    totals.put("profile revenue", wh.sql("SELECT sum(amount_12m) FROM gold.customer_profile").get(0).get(0));
    totals.put("referrals", wh.count("SELECT count(*) FROM silver.referrals"));
    totals.put("interactions", wh.count("SELECT count(*) FROM silver.interactions"));
    totals.put("loyalty", wh.sql("SELECT * FROM gold.loyalty_metrics ORDER BY 1, 2").toString());
    totals.put("bronze", wh.count("SELECT count(*) FROM bronze.transactions"));
    totals.put("quarantine", wh.count("SELECT count(*) FROM silver.quarantine"));
    return totals;
  }

  /** Per file: rows in, loaded, quarantined, duplicate (and that they balance). */
  private static Map<String, List<String>> accounting(TestWarehouse wh) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Row r : wh.sql("SELECT source_file, rows_in, rows_loaded, rows_quarantined, rows_duplicate FROM silver.ingest_log")) {
      assertEquals(r.getLong(1), r.getLong(2) + r.getLong(3) + r.getLong(4), "file balances: " + r);
      out.put(r.getString(0), List.of(r.get(1).toString(), r.get(2).toString(), r.get(3).toString(), r.get(4).toString()));
    }
    return out;
  }
}
