package com.clientele.ingest;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.quality.QualityCheckJob;
import com.clientele.quality.QualityReport;
import com.clientele.quality.QualityResult;
import com.clientele.quality.Severity;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile input catalogue (docs/reliability.md, "Hostile input"): every file under
 * {@code src/test/resources/hostile/landing} has its expected outcome next to it in
 * {@code <file>.expected} — read (rows in, loaded, quarantined, duplicate, and each quarantined row's
 * reason code at its row number) or rejected whole (the file-level reason in silver.ingest_log). All of
 * them are ingested in one run, with real Spark and Delta, and every expectation is checked against
 * the warehouse; the rows are also counted independently in bronze and the quarantine. A file marked
 * {@code generated} is written by this test (the 1 MiB field).
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  static final LocalDate DAY = LocalDate.parse("2026-03-01");
  static final String EXPECTED = ".expected";
  static final String TX_HEADER = LandingFolder.TRANSACTIONS_HEADER;

  Path fixtures;
  ClienteleConfig config;
  Map<String, Properties> expected;
  TestWarehouse wh;
  IngestReport report;
  IngestReport rerun;
  long logVersionAfterFirstRun;
  long logVersionAfterRerun;

  @BeforeAll
  void ingestTheCatalogue(SparkSession spark, @TempDir Path tmp) throws IOException, URISyntaxException {
    fixtures = Path.of(HostileInputTest.class.getResource("/hostile").toURI());
    config = ClienteleConfig.load(Optional.of(fixtures.resolve("clientele.conf")));
    expected = expectations(fixtures.resolve("landing"));
    Path landing = copyLanding(fixtures.resolve("landing"), tmp.resolve("landing"));
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"), config);
    report = wh.ingest(landing, DAY.toString());
    logVersionAfterFirstRun = wh.warehouse().version(TableCatalog.INGEST_LOG);
    rerun = wh.ingest(landing, DAY.toString());
    logVersionAfterRerun = wh.warehouse().version(TableCatalog.INGEST_LOG);
  }

  /** Each {@code <file>.expected} (a properties file), by the landing path of its file. */
  static Map<String, Properties> expectations(Path landing) throws IOException {
    Map<String, Properties> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(landing)) {
      for (Path p : files.filter(f -> f.toString().endsWith(EXPECTED)).toList()) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
          props.load(in);
        }
        String relative = landing.relativize(p).toString().replace('\\', '/');
        out.put(relative.substring(0, relative.length() - EXPECTED.length()), props);
      }
    }
    return out;
  }

  /** The fixtures without their expectation files, plus the generated ones. */
  Path copyLanding(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(EXPECTED)).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
    LandingFolder landing = new LandingFolder(to);
    landing.write("transactions", DAY.toString(), "big-field.csv", TX_HEADER,
        "BF1,C1,2026-02-01,10.00,sale,1,,books,store,,",
        "BF2,C1,2026-02-01,10.00,sale,1,," + "x".repeat(1 << 20) + ",store,,",
        "BF3,C2,2026-02-02,20.00,sale,1,,books,store,,");
    return to;
  }

  @Test
  void theCatalogueHasAtLeastSixteenCasesEachWithItsFile() throws IOException {
    assertTrue(expected.size() >= 16, "cases: " + expected.size());
    for (var e : expected.entrySet()) {
      assertNotNull(e.getValue().getProperty("case"), e.getKey() + ": no case");
      assertTrue(List.of("read", "rejected").contains(e.getValue().getProperty("outcome")), e.getKey() + ": outcome");
      boolean generated = e.getValue().getProperty("generated") != null;
      assertEquals(!generated, Files.exists(fixtures.resolve("landing").resolve(e.getKey())),
          e.getKey() + ": a committed fixture has its file, a generated one has none");
    }
    try (Stream<Path> files = Files.walk(fixtures.resolve("landing"))) {
      List<String> withoutExpectation = files.filter(Files::isRegularFile)
          .map(p -> fixtures.resolve("landing").relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.endsWith(EXPECTED) && !expected.containsKey(p)).toList();
      assertEquals(List.of(), withoutExpectation, "every fixture states its expected outcome");
    }
  }

  @Test
  void everyFileHasItsExpectedOutcome() {
    Map<String, Row> log = wh.sql("SELECT source_file, rows_in, rows_loaded, rows_quarantined, rows_duplicate, "
            + "rejected_reason, rejected_detail, encoding, logical_date FROM silver.ingest_log").stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    Map<String, List<String>> reasons = new TreeMap<>();
    wh.sql("SELECT source_file, row_number, reason_code FROM silver.quarantine ORDER BY source_file, row_number")
        .forEach(r -> reasons.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
            .add(r.getString(2) + "@" + r.getLong(1)));
    List<String> failures = new ArrayList<>();
    for (var e : expected.entrySet()) {
      String file = e.getKey();
      Properties want = e.getValue();
      Row row = log.get(file);
      if (row == null) {
        failures.add(file + ": not in silver.ingest_log");
        continue;
      }
      if (want.getProperty("outcome").equals("rejected")) {
        check(failures, file, "rejected_reason", want.getProperty("rejected_reason"), row.getString(5));
        if (row.getString(6) == null || !row.getString(6).contains(want.getProperty("detail_contains"))) {
          failures.add(file + ": rejected_detail '" + row.getString(6) + "' lacks '" + want.getProperty("detail_contains") + "'");
        }
        check(failures, file, "counts", "0/0/0/0",
            row.getLong(1) + "/" + row.getLong(2) + "/" + row.getLong(3) + "/" + row.getLong(4));
        check(failures, file, "quarantined rows", List.of(), reasons.getOrDefault(file, List.of()));
      } else {
        check(failures, file, "rejected_reason", null, row.getString(5));
        check(failures, file, "rows_in", Long.parseLong(want.getProperty("rows_in")), row.getLong(1));
        check(failures, file, "loaded", Long.parseLong(want.getProperty("loaded")), row.getLong(2));
        check(failures, file, "quarantined", Long.parseLong(want.getProperty("quarantined")), row.getLong(3));
        check(failures, file, "duplicate", Long.parseLong(want.getProperty("duplicate")), row.getLong(4));
        List<String> wantReasons = want.getProperty("reasons", "").isBlank() ? List.of()
            : Arrays.stream(want.getProperty("reasons").split(",")).map(String::strip).toList();
        check(failures, file, "reasons", wantReasons, reasons.getOrDefault(file, List.of()));
        if (want.getProperty("encoding") != null) {
          check(failures, file, "encoding", want.getProperty("encoding"), row.getString(7));
        }
      }
      // A file outside a day folder is dated by the run's day; every other by its day folder.
      String day = file.split("/").length == 3 ? file.split("/")[1] : DAY.toString();
      check(failures, file, "logical_date", "run".equals(want.getProperty("logical_date")) ? DAY.toString() : day,
          String.valueOf(row.getDate(8)));
    }
    assertEquals(List.of(), failures, String.join("\n", failures));
    assertEquals(expected.keySet(), log.keySet(), "the ingest log has exactly the catalogue's files");
  }

  private static void check(List<String> failures, String file, String what, Object want, Object got) {
    if (!java.util.Objects.equals(want, got)) {
      failures.add(file + ": " + what + " expected " + want + " but was " + got);
    }
  }

  @Test
  void everyRowIsAccountedForIndependently() {
    // rows in bronze per file (one per record read) and rows in the quarantine, counted apart from the log
    // (the catalogue has no referrals file, so bronze.referrals does not exist)
    String bronze = Stream.of("customers", "transactions", "interactions")
        .map(k -> "SELECT source_file FROM bronze." + k).collect(Collectors.joining(" UNION ALL "));
    Map<String, Long> inBronze = wh.sql("SELECT source_file, count(*) FROM (" + bronze + ") GROUP BY source_file").stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    Map<String, Long> quarantined = wh.sql("SELECT source_file, count(*) FROM silver.quarantine GROUP BY source_file")
        .stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    for (Row r : wh.sql("SELECT source_file, rows_in, rows_loaded, rows_quarantined, rows_duplicate, rejected_reason "
        + "FROM silver.ingest_log")) {
      String file = r.getString(0);
      assertEquals(r.getLong(1), r.getLong(2) + r.getLong(3) + r.getLong(4), file + ": rows_in = loaded + quarantined + duplicate");
      assertEquals(r.getLong(1), (long) inBronze.getOrDefault(file, 0L), file + ": rows_in = bronze rows");
      assertEquals(r.getLong(3), (long) quarantined.getOrDefault(file, 0L), file + ": rows_quarantined = quarantine rows");
      if (!r.isNullAt(5)) {
        assertFalse(inBronze.containsKey(file), file + ": a rejected file is not read");
      }
    }
    long silverRows = wh.count("SELECT count(*) FROM silver.transactions")
        + wh.count("SELECT count(*) FROM silver.interactions")
        + wh.count("SELECT count(*) FROM silver.customers");
    assertEquals(wh.count("SELECT sum(rows_loaded) FROM silver.ingest_log"), silverRows, "loaded rows are in silver");
  }

  @Test
  void whatLoadsKeepsItsText() {
    assertEquals("图书", wh.sql("SELECT product_category FROM silver.transactions WHERE transaction_id = 'U1'")
        .get(0).getString(0), "UTF-16 with a byte-order mark is decoded");
    assertEquals("gold", wh.sql("SELECT fields['loyalty_tier'] FROM bronze.transactions WHERE source_file LIKE "
        + "'%extra-column.csv' AND row_number = 1").get(0).getString(0), "an unknown column stays in bronze");
    assertEquals("{\"agent\":{\"id\":7}}", wh.sql("SELECT fields['meta'] FROM bronze.interactions WHERE row_number = 1")
        .get(0).getString(0), "an unknown nested JSON key stays in bronze as JSON text");
    assertEquals("5\" screen\n\"new\"\n", wh.sql("SELECT product_category FROM silver.transactions "
        + "WHERE transaction_id = 'Q2'").get(0).getString(0), "quoted newlines and quotes are read");
  }

  @Test
  void theRunReportsEveryRejectedFileClearlyAndLoadsTheOthers() {
    String text = report.describe();
    List<String> rejected = expected.entrySet().stream()
        .filter(e -> e.getValue().getProperty("outcome").equals("rejected")).map(Map.Entry::getKey).toList();
    assertTrue(text.contains("REJECTED: " + rejected.size() + " file(s) not read"), text);
    for (String file : rejected) {
      String reason = expected.get(file).getProperty("rejected_reason");
      assertTrue(text.contains(file + ": " + reason + " — "), "the report names " + file + " and " + reason + ":\n" + text);
    }
    assertEquals(rejected.size(), report.rejected().size());
    assertEquals(expected.size() - rejected.size(), report.files().size());
    assertEquals(2, wh.count("SELECT count(*) FROM silver.customers"), "the clean customers file loaded");
  }

  @Test
  void aReRunReadsNothingAgainAndSaysWhichFilesAreStillRejected() {
    List<String> rejected = expected.entrySet().stream()
        .filter(e -> e.getValue().getProperty("outcome").equals("rejected")).map(Map.Entry::getKey).sorted().toList();
    assertEquals(List.of(), rerun.files());
    assertEquals(List.of(), rerun.rejected());
    assertEquals(rejected, rerun.alreadyRejected().stream().sorted().toList());
    assertEquals(logVersionAfterFirstRun, logVersionAfterRerun, "the re-run wrote nothing");
    assertTrue(rerun.describe().contains("still rejected (as in an earlier run, not read again): " + rejected.size()),
        rerun.describe());
  }

  @Test
  void checkFailsOnTheRejectedFilesAndFindsTheAccountsBalanced() {
    QualityReport check = new QualityCheckJob(wh.warehouse()).run(DAY);
    QualityResult rejected = result(check, "files_not_rejected");
    assertEquals(QualityResult.FAILED, rejected.status(), check.describe());
    assertEquals(Severity.ERROR, rejected.severity());
    for (String rule : List.of("ingest_rows_conserved", "ingest_counts_not_negative", "ingest_file_id_unique",
        "files_arrived", "customers_file_arrived", "transactions_file_arrived")) {
      assertEquals(QualityResult.PASSED, result(check, rule).status(), rule + "\n" + check.describe());
    }
  }

  private static QualityResult result(QualityReport report, String rule) {
    return report.results().stream().filter(r -> r.ruleName().equals(rule)).findFirst().orElseThrow();
  }

  /** A rejected file replaced by a corrected one at the same path: another file_id, read; check clears it. */
  @Test
  void aCorrectedFileAtTheSamePathIsReadAndClearsTheRejection(SparkSession spark, @TempDir Path tmp) throws IOException {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    Files.createDirectories(tmp.resolve("landing/customers/" + DAY));
    Files.copy(fixtures.resolve("landing/customers/" + DAY + "/customers.csv"),
        tmp.resolve("landing/customers/" + DAY + "/customers.csv"));
    landing.writeBytes("transactions", DAY.toString(), "archive.csv",
        Files.readAllBytes(fixtures.resolve("landing/transactions/" + DAY + "/archive.csv")));
    TestWarehouse own = new TestWarehouse(spark, tmp.resolve("warehouse"), config);
    IngestReport first = own.ingest(landing.root(), DAY.toString());
    assertEquals(1, first.rejected().size());
    assertEquals(QualityResult.FAILED, result(new QualityCheckJob(own.warehouse()).run(DAY), "files_not_rejected").status());

    landing.write("transactions", DAY.toString(), "archive.csv", TX_HEADER, "Z1,C1,2026-02-01,10.00,sale,1,,books,store,,");
    IngestReport second = own.ingest(landing.root(), DAY.toString());
    assertEquals(List.of("transactions/" + DAY + "/archive.csv"),
        second.files().stream().map(IngestReport.FileResult::sourceFile).toList());
    assertEquals(1, second.rowsLoaded());
    assertEquals(2, own.count("SELECT count(*) FROM silver.ingest_log WHERE source_file LIKE '%archive.csv'"),
        "the rejection stays on record");
    assertEquals(QualityResult.PASSED, result(new QualityCheckJob(own.warehouse()).run(DAY), "files_not_rejected").status());
  }

  /** A warehouse whose ingest log predates rejected_reason: the next ingest adds the columns. */
  @Test
  void anIngestLogFromBeforeFileRejectionsGetsTheNewColumns(SparkSession spark, @TempDir Path tmp) throws IOException {
    TestWarehouse own = new TestWarehouse(spark, tmp.resolve("warehouse"), config);
    var old = new org.apache.spark.sql.types.StructType(Arrays.stream(TableCatalog.INGEST_LOG.schema().fields())
        .filter(f -> !f.name().startsWith("rejected_")).toArray(org.apache.spark.sql.types.StructField[]::new));
    io.delta.tables.DeltaTable.create(spark).location(own.warehouse().pathOf(TableCatalog.INGEST_LOG))
        .addColumns(old).execute();
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    landing.writeBytes("customers", DAY.toString(), "customers.csv",
        Files.readAllBytes(fixtures.resolve("landing/customers/" + DAY + "/customers.csv")));
    landing.writeBytes("customers", DAY.toString(), "logo.csv",
        Files.readAllBytes(fixtures.resolve("landing/customers/" + DAY + "/logo.csv")));
    IngestReport run = own.ingest(landing.root(), DAY.toString());
    assertEquals(1, run.files().size());
    assertEquals(1, run.rejected().size());
    assertEquals(List.of("binary_file"), own.sql("SELECT rejected_reason FROM silver.ingest_log WHERE rejected_reason "
        + "IS NOT NULL").stream().map(r -> r.getString(0)).toList());
    scala.Option<String> declared = spark.read().format("delta").load(own.warehouse().pathOf(TableCatalog.INGEST_LOG))
        .schema().apply("rejected_reason").getComment();
    String comment = declared.isDefined() ? declared.get() : "";
    assertTrue(comment.startsWith("why the whole file was not read"), comment);
  }

  @Test
  void fileLevelSniffingKeepsTextWithAFewNulBytesAndRejectsBinary() {
    var source = config.sources().get(1);
    byte[] text = ("a,b\n1,2\u0000\n" + "3,4\n".repeat(100)).getBytes(StandardCharsets.UTF_8);
    assertTrue(LandingScanner.textProblem(text, source).isEmpty());
    byte[] binary = new byte[1000];
    Arrays.fill(binary, 0, 300, (byte) 7);
    assertEquals("BINARY_FILE", LandingScanner.textProblem(binary, source).orElseThrow()[0]);
    byte[] utf16be = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16BE);
    assertEquals("UNSUPPORTED_ENCODING", LandingScanner.textProblem(utf16be, source).orElseThrow()[0]);
  }
}
