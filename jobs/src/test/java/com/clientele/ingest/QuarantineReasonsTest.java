package com.clientele.ingest;

import static com.clientele.testing.LandingFolder.*;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One landing day with a row for every way an export goes wrong: each bad row lands in
 * silver.quarantine with the expected reason at its file and row; the good rows load.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantineReasonsTest {

  static final String DAY = "2026-03-01";
  TestWarehouse wh;
  IngestReport report;

  @BeforeAll
  void ingestMessyDay(SparkSession spark, @TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    landing.write("customers", DAY, "customers.csv",
        CUSTOMERS_HEADER,
        "C1,张伟,13800000001,zhangwei@example.com,北京市朝阳区建国路1号,110101199001011234,个人,retail,北京,advertising,2025-01-05",
        "C2,John Smith,+1 415 555 0100,john@example.com,1 Market St,,enterprise,manufacturing,East,referral,2025-02-01",
        "C3,\"Acme, Inc.\",,,,,政府机构,public,上海,exhibition,2025/3/1",
        ",No Id,,,,,个人,,,,2025-01-01",
        "C4,李娜,,,,,个人,,,,2025-02-30",
        "C5,王芳,,,个人",
        "C1,张伟,13800000001,zhangwei@example.com,北京市朝阳区建国路1号,110101199001011234,个人,retail,北京,advertising,2025-01-05",
        "C2,John Smith,+1 415 555 0199,john@example.com,1 Market St,,enterprise,manufacturing,East,referral,2025-02-01",
        "C6,Lead Person,,,,,individual,,,website,2026-02-20");
    landing.write("transactions", DAY, "transactions.csv",
        TRANSACTIONS_HEADER,
        "T1,C1,2026-02-01,100.00,sale,1,60.00,books,store,,",
        "T2,C2,2026/2/3,\"1,250.50\",,2,,tools,online,2026-03-05,2026-03-01",
        "T3,C1,2026-13-45,10,sale,,,,,,",
        "T4,C1,2026-02-01,12x,sale,,,,,,",
        "T5,C1,2026-02-01,-5,sale,,,,,,",
        "T6,C9,2026-02-01,5,sale,,,,,,",
        ",C1,2026-02-01,5,sale,,,,,,",
        "T7,C1,,10,sale,,,,,,",
        "T1,C1,2026-02-01,100.00,sale,1,60.00,books,store,,",
        "T1,C1,2026-02-01,999.00,sale,1,60.00,books,store,,",
        "T8,C1,2026-02-02,30,refund,,,,,,",
        "T9,C1,2026-02-02,30,sale,abc,,,,,",
        "T10,C1,2026-02-02,30,gift,,,,,,",
        "T11,C2,2026-02-03,7.5,sale,1,,\"garden, \"\"big\"\"\nand small\",store,,",
        "T12,C2,2026-02-03,7.5,sale,1,,x,store,,,extra",
        "T13,C6,2026-02-04,20,退款,,,,,,");
    landing.write("transactions", DAY, "transactions_old_format.csv",
        "transaction_id,customer_id,transaction_date,total",
        "T20,C1,2026-02-05,10",
        "T21,C1,2026-02-06,11");
    ByteArrayOutputStream badBytes = new ByteArrayOutputStream();
    badBytes.writeBytes((TRANSACTIONS_HEADER + "\n"
        + "T30,C1,2026-02-07,10,sale,,,图书音像制品,北京门店,,\n"
        + "T31,C1,2026-02-07,10,sale,,,").getBytes(StandardCharsets.UTF_8));
    badBytes.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
    badBytes.writeBytes((",北京门店,,\nT32,C1,2026-02-07,10,sale,,,办公文具用品,上海门店,,\n").getBytes(StandardCharsets.UTF_8));
    landing.writeBytes("transactions", DAY, "transactions_bad_bytes.csv", badBytes.toByteArray());
    landing.write("transactions", DAY, "transactions_unterminated.csv",
        TRANSACTIONS_HEADER,
        "T40,C1,2026-02-08,10,sale,,,\"open quote,store,,",
        "T41,C1,2026-02-08,10,sale,,,,,,");
    landing.write("interactions", DAY, "interactions.jsonl",
        "{\"interaction_id\":\"I1\",\"customer_id\":\"C1\",\"interaction_type\":\"投诉\",\"channel\":\"phone\",\"category\":\"delivery\","
            + "\"received_at\":\"2026-02-01 09:00:00\",\"first_response_at\":\"2026-02-01 10:30:00\",\"resolved_at\":\"2026-02-02 09:00:00\",\"summary\":\"包裹延误\"}",
        "{\"interaction_id\":\"I2\",\"customer_id\":\"C1\",",
        "{\"interaction_id\":\"I3\",\"customer_id\":\"C2\",\"interaction_type\":\"complaint\",\"received_at\":\"2026-02-01 09:00:00\",\"first_response_at\":\"2026-01-31 10:00:00\"}",
        "{\"interaction_id\":\"I4\",\"customer_id\":\"C2\",\"interaction_type\":\"feedback\",\"received_at\":\"2026-02-03 12:00:00\",\"satisfaction\":7}",
        "{\"interaction_id\":\"I5\",\"customer_id\":\"C2\",\"interaction_type\":\"call\",\"received_at\":\"yesterday\"}",
        "{\"interaction_id\":\"I6\",\"customer_id\":\"C2\",\"interaction_type\":\"party\",\"received_at\":\"2026-02-03 12:00:00\"}",
        "{\"interaction_id\":\"I7\",\"customer_id\":\"C2\",\"interaction_type\":\"feedback\",\"received_at\":\"2026-02-03T12:00:00\",\"satisfaction\":4}",
        "[1,2,3]");
    landing.write("referrals", DAY, "referrals.csv",
        REFERRALS_HEADER,
        "R1,C1,C2,2026-01-01,100",
        "R2,C1,C1,2026-01-01,100",
        "R3,C1,C404,2026-01-01,100",
        "R4,C1,C3,2026-01-01,-10",
        "R5,C2,C6,2026-02-15,");
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    report = wh.ingest(landing.root(), DAY);
  }

  @Test
  void everyBadRowIsQuarantinedWithItsReasonAtItsFileAndRow() {
    Map<String, String> expected = new TreeMap<>();
    expected.put("customers/2026-03-01/customers.csv#4", "missing_key");
    expected.put("customers/2026-03-01/customers.csv#5", "unparseable_date");
    expected.put("customers/2026-03-01/customers.csv#6", "wrong_column_count");
    expected.put("customers/2026-03-01/customers.csv#8", "duplicate_key_conflict");
    String tx = "transactions/2026-03-01/transactions.csv#";
    expected.put(tx + 3, "unparseable_date");
    expected.put(tx + 4, "unparseable_amount");
    expected.put(tx + 5, "negative_amount");
    expected.put(tx + 6, "unknown_customer");
    expected.put(tx + 7, "missing_key");
    expected.put(tx + 8, "missing_value");
    expected.put(tx + 10, "duplicate_key_conflict");
    expected.put(tx + 12, "unparseable_number");
    expected.put(tx + 13, "unknown_value");
    expected.put(tx + 15, "wrong_column_count");
    expected.put("transactions/2026-03-01/transactions_old_format.csv#1", "missing_required_column");
    expected.put("transactions/2026-03-01/transactions_old_format.csv#2", "missing_required_column");
    expected.put("transactions/2026-03-01/transactions_bad_bytes.csv#2", "invalid_encoding");
    expected.put("transactions/2026-03-01/transactions_unterminated.csv#1", "unterminated_quote");
    String ix = "interactions/2026-03-01/interactions.jsonl#";
    expected.put(ix + 2, "malformed_json");
    expected.put(ix + 3, "inconsistent_timestamps");
    expected.put(ix + 4, "out_of_range");
    expected.put(ix + 5, "unparseable_timestamp");
    expected.put(ix + 6, "unknown_value");
    expected.put(ix + 8, "malformed_json");
    String rx = "referrals/2026-03-01/referrals.csv#";
    expected.put(rx + 2, "self_referral");
    expected.put(rx + 3, "unknown_customer");
    expected.put(rx + 4, "negative_amount");

    Map<String, String> actual = wh.sql("SELECT source_file, row_number, reason_code FROM silver.quarantine").stream()
        .collect(Collectors.toMap(r -> r.getString(0) + "#" + r.getLong(1), r -> r.getString(2), (a, b) -> a + "+" + b, TreeMap::new));
    assertEquals(expected, actual);
  }

  @Test
  void everyQuarantinedRowCarriesTheLineageOfItsBronzeRow() {
    String bronze = java.util.Arrays.stream(com.clientele.config.ExportKind.values())
        .map(k -> "SELECT '" + k.label() + "' AS kind, source_name, source_file, file_id, row_number, line_number, "
            + "logical_date, ingest_run_id FROM bronze." + k.label())
        .collect(Collectors.joining(" UNION ALL "));
    long quarantined = wh.count("SELECT count(*) FROM silver.quarantine");
    assertTrue(quarantined > 20, "the fixture quarantines rows of every kind");
    // Matched on every lineage column: a row whose source, kind, path, line, day or run differs from
    // the bronze row it came from is not counted.
    assertEquals(quarantined, wh.count("SELECT count(*) FROM silver.quarantine q JOIN (" + bronze + ") b "
        + "USING (kind, source_name, source_file, file_id, row_number, line_number, logical_date, ingest_run_id)"));
  }

  /**
   * The per-file columns of every bronze and silver row (attached by file_id during the run) are those
   * its file's ingest-log row records (written from the files found, not through the rows).
   */
  @Test
  void everyRowCarriesTheConstantsOfItsFile() {
    List<String> checks = new java.util.ArrayList<>();
    for (var k : com.clientele.config.ExportKind.values()) {
      checks.add("SELECT '" + k.label() + "' AS kind, source_name, source_file, file_id, file_sha256, logical_date, "
          + "ingest_run_id FROM bronze." + k.label());
    }
    for (String t : List.of("transactions", "interactions", "referrals", "customers")) {
      checks.add("SELECT NULL, source_name, source_file, file_id, NULL, logical_date, ingest_run_id FROM silver." + t);
    }
    for (String check : checks) {
      assertTrue(wh.count("SELECT count(*) FROM (" + check + ")") > 0, "the fixture has rows in: " + check);
    }
    String rows = String.join(" UNION ALL ", checks);
    long total = wh.count("SELECT count(*) FROM (" + rows + ")");
    assertEquals(total, wh.count("SELECT count(*) FROM (" + rows + ") r JOIN silver.ingest_log l "
        + "ON r.file_id = l.file_id AND r.source_name = l.source_name AND r.source_file = l.source_file "
        + "AND r.logical_date = l.logical_date AND r.ingest_run_id = l.ingest_run_id "
        + "AND coalesce(r.kind, l.kind) = l.kind AND coalesce(r.file_sha256, l.file_sha256) = l.file_sha256"));
  }

  @Test
  void everyQuarantineReasonIsExercised() throws Exception {
    var codes = wh.sql("SELECT DISTINCT reason_code FROM silver.quarantine").stream().map(r -> r.getString(0))
        .collect(Collectors.toSet());
    // duplicate_column, value_too_long and future_date are exercised (and checked) by the hostile input catalogue
    Path catalogue = Path.of(QuarantineReasonsTest.class.getResource("/hostile/landing").toURI());
    HostileInputTest.expectations(catalogue).values().stream()
        .flatMap(e -> java.util.Arrays.stream(e.getProperty("reasons", "").split(",")))
        .map(r -> r.strip().replaceAll("@\\d+$", "")).filter(r -> !r.isEmpty()).forEach(codes::add);
    // erased_customer needs an erasure first: ErasureTest ingests an erased customer's export again and
    // checks its rows are quarantined with it.
    codes.add(QuarantineReason.ERASED_CUSTOMER.code());
    for (QuarantineReason reason : QuarantineReason.values()) {
      assertTrue(codes.contains(reason.code()), "no test row for " + reason.code());
    }
  }

  @Test
  void quarantineRowsKeepLineNumberRawTextAndDetail() {
    Row row = wh.sql("SELECT line_number, raw_record, reason_detail FROM silver.quarantine "
        + "WHERE source_file LIKE '%/transactions.csv' AND row_number = 15").get(0);
    assertEquals(17L, row.getLong(0), "the multi-line record before it spans lines 15-16");
    assertEquals("T12,C2,2026-02-03,7.5,sale,1,,x,store,,,extra", row.getString(1));
    assertEquals("12 fields, the header has 11", row.getString(2));
    Row amount = wh.sql("SELECT reason_detail FROM silver.quarantine WHERE source_file LIKE '%/transactions.csv' AND row_number = 4").get(0);
    assertEquals("amount '12x'", amount.getString(0));
  }

  @Test
  void customerRowsInQuarantineWithholdTheirRawText() {
    assertEquals(0, wh.count("SELECT count(*) FROM silver.quarantine WHERE kind = 'customers' AND raw_record IS NOT NULL"));
  }

  @Test
  void goodRowsLoadTypedAndSigned() {
    var amounts = wh.sql("SELECT transaction_id, amount, transaction_type, product_category FROM silver.transactions").stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r, (a, b) -> a, TreeMap::new));
    assertEquals(java.util.Set.of("T1", "T2", "T8", "T11", "T13", "T30", "T32"), amounts.keySet());
    assertEquals(new BigDecimal("1250.50"), amounts.get("T2").getDecimal(1));
    assertEquals("sale", amounts.get("T2").getString(2), "an empty transaction_type means a sale");
    assertEquals(new BigDecimal("-30.00"), amounts.get("T8").getDecimal(1));
    assertEquals(new BigDecimal("-20.00"), amounts.get("T13").getDecimal(1), "退款 is a refund");
    assertEquals("garden, \"big\"\nand small", amounts.get("T11").getString(3));
    assertEquals("图书音像制品", amounts.get("T30").getString(3));
    assertEquals(0, new BigDecimal("1328.00").compareTo(
        wh.sql("SELECT sum(amount) FROM silver.transactions").get(0).getDecimal(0)));
    assertEquals(4, wh.count("SELECT count(*) FROM silver.customers WHERE is_current"));
    assertEquals(2, wh.count("SELECT count(*) FROM silver.interactions"));
    assertEquals(2, wh.count("SELECT count(*) FROM silver.referrals"));
    Row nature = wh.sql("SELECT nature, nature_label, display_name_masked FROM silver.customers WHERE customer_key = '"
        + wh.key("C3") + "'").get(0);
    assertEquals("government", nature.getString(0));
    assertEquals("政府机构", nature.getString(1));
    assertEquals("A*** I.", nature.getString(2), "Latin names keep first and last initials");
  }

  @Test
  void everyRowIsAccountedForPerFile() {
    // rows_in counted independently: non-blank lines minus the header (JSON Lines: no header);
    // the unterminated quote makes its record swallow the last line.
    Map<String, Long> expectedRowsIn = Map.of(
        "customers/2026-03-01/customers.csv", 9L,
        "transactions/2026-03-01/transactions.csv", 16L,
        "transactions/2026-03-01/transactions_old_format.csv", 2L,
        "transactions/2026-03-01/transactions_bad_bytes.csv", 3L,
        "transactions/2026-03-01/transactions_unterminated.csv", 1L,
        "interactions/2026-03-01/interactions.jsonl", 8L,
        "referrals/2026-03-01/referrals.csv", 5L);
    var log = wh.sql("SELECT source_file, rows_in, rows_loaded, rows_quarantined, rows_duplicate FROM silver.ingest_log");
    assertEquals(expectedRowsIn.size(), log.size());
    for (Row r : log) {
      assertEquals(expectedRowsIn.get(r.getString(0)), r.getLong(1), r.getString(0));
      assertEquals(r.getLong(1), r.getLong(2) + r.getLong(3) + r.getLong(4), "balance of " + r.getString(0));
    }
    Row customers = wh.sql("SELECT rows_loaded, rows_quarantined, rows_duplicate FROM silver.ingest_log "
        + "WHERE source_file LIKE 'customers/%'").get(0);
    assertEquals(4, customers.getLong(0));
    assertEquals(4, customers.getLong(1));
    assertEquals(1, customers.getLong(2));
    assertEquals(wh.count("SELECT count(*) FROM silver.quarantine"), report.rowsQuarantined());
    assertEquals(wh.count("SELECT count(*) FROM bronze.transactions"), 16 + 2 + 3 + 1);
  }
}
