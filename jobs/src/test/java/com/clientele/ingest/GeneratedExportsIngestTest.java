package com.clientele.ingest;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ExportKind;
import com.clientele.generate.ExportGenerator;
import com.clientele.generate.GenerationSummary;
import com.clientele.generate.GeneratorSettings;
import com.clientele.generate.MessKind;
import com.clientele.testing.Frames;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated company (with a known amount of mess) ingested two ways — all days at once, and day
 * by day with one day's transactions file arriving after the later days — must give the same silver tables;
 * the quarantine must hold exactly the mess the generator reports, and a re-run must change nothing.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedExportsIngestTest {

  static final GeneratorSettings SETTINGS = GeneratorSettings.defaults()
      .withSeed(7).withCustomers(250).withTransactions(2500)
      .withHistory(LocalDate.parse("2025-06-01"), LocalDate.parse("2026-01-31"))
      .withDailyDrops(2).withMessyShare(0.03);
  static final List<String> DAYS = List.of("2026-01-31", "2026-02-01", "2026-02-02");
  static final String LATE_DAY = "2026-02-01";

  SparkSession spark;
  Path tmp;
  GenerationSummary summary;
  TestWarehouse allAtOnce;
  IngestReport firstReport;

  @BeforeAll
  void generateAndIngest(SparkSession spark, @TempDir Path tmp) throws IOException {
    this.spark = spark;
    this.tmp = tmp;
    summary = ExportGenerator.generate(SETTINGS, tmp.resolve("landing"));
    allAtOnce = new TestWarehouse(spark, tmp.resolve("all"));
    firstReport = allAtOnce.ingestAll(tmp.resolve("landing"));
  }

  @Test
  void rowsInPerKindEqualWhatTheGeneratorWrote() {
    for (ExportKind kind : ExportKind.values()) {
      long rowsIn = allAtOnce.count("SELECT coalesce(sum(rows_in), 0) FROM silver.ingest_log WHERE kind = '"
          + kind.label() + "'");
      assertEquals(summary.rows(kind), rowsIn, kind.label());
    }
    assertTrue(firstReport.files().stream().allMatch(IngestReport.FileResult::balances));
  }

  @Test
  void quarantineHoldsExactlyTheGeneratedMess() {
    for (ExportKind kind : ExportKind.values()) {
      Map<String, Long> expected = new HashMap<>();
      for (MessKind mess : MessKind.values()) {
        long n = summary.mess(kind, mess);
        if (n > 0 && mess != MessKind.DUPLICATE_ROW) {
          expected.merge(reasonFor(kind, mess), n, Long::sum);
        }
      }
      Map<String, Long> actual = new HashMap<>();
      allAtOnce.sql("SELECT reason_code, count(*) FROM silver.quarantine WHERE kind = '" + kind.label()
          + "' GROUP BY reason_code").forEach(r -> actual.put(r.getString(0), r.getLong(1)));
      assertEquals(expected, actual, kind.label());
      long duplicates = allAtOnce.count("SELECT coalesce(sum(rows_duplicate), 0) FROM silver.ingest_log WHERE kind = '"
          + kind.label() + "'");
      long expectedDuplicates = summary.mess(kind, MessKind.DUPLICATE_ROW)
          + (kind == ExportKind.CUSTOMERS ? unchangedCustomerResends() : 0);
      assertEquals(expectedDuplicates, duplicates, kind.label() + " duplicates");
    }
    assertTrue(summary.messTotal() > 20, "the generated data must actually be messy");
  }

  @Test
  void reingestingEverythingChangesNothing() {
    Map<String, Long> before = versions(allAtOnce);
    IngestReport again = allAtOnce.ingestAll(tmp.resolve("landing"));
    assertTrue(again.files().isEmpty());
    assertEquals(DAYS.size() * 4, again.alreadyIngested().size());
    assertEquals(before, versions(allAtOnce), "no table got a new Delta version");
  }

  /**
   * Day by day, but one day's transactions file arrives after the later days, and that day's
   * customers file after it: its new customers' transactions wait in quarantine as
   * unknown_customer until their master data arrives, then load. The end state equals loading
   * everything at once — silver, quarantine and the per-file accounting.
   */
  @Test
  void dayByDayWithLateFilesGivesTheSameResultAsAllAtOnce(JavaDataFrameSuiteBase frames) throws IOException {
    Path landing = tmp.resolve("late-landing");
    copy(tmp.resolve("landing"), landing);
    Path lateTransactions = landing.resolve("transactions").resolve(LATE_DAY);
    Path lateCustomers = landing.resolve("customers").resolve(LATE_DAY);
    Files.move(lateTransactions, tmp.resolve("held-transactions"));
    Files.move(lateCustomers, tmp.resolve("held-customers"));
    TestWarehouse daily = new TestWarehouse(spark, tmp.resolve("daily"));
    DAYS.forEach(day -> daily.ingest(landing, day));
    Files.move(tmp.resolve("held-transactions"), lateTransactions);
    IngestReport transactionsLate = daily.ingest(landing, LATE_DAY);
    assertEquals(1, transactionsLate.files().size(), "only the late file is new");
    long waiting = daily.count("SELECT count(*) FROM silver.quarantine WHERE reason_code = 'unknown_customer'");
    Files.move(tmp.resolve("held-customers"), lateCustomers);
    IngestReport customersLate = daily.ingest(landing, LATE_DAY);
    assertTrue(customersLate.releasedFromQuarantine() > 0, "rows waited for the late customers");
    assertEquals(waiting - customersLate.releasedFromQuarantine(),
        daily.count("SELECT count(*) FROM silver.quarantine WHERE reason_code = 'unknown_customer'"));
    assertSameSilver(frames, allAtOnce, daily);
    Frames.assertSameRows(frames, allAtOnce.warehouse().read(TableCatalog.INGEST_LOG),
        daily.warehouse().read(TableCatalog.INGEST_LOG), "ingest_run_id");
    // Every silver row carries the lineage of the bronze row it came from, rows that waited included
    // (their file was read by an earlier run than the one that loaded them).
    for (String kind : List.of("transactions", "interactions", "referrals")) {
      assertEquals(0L, daily.count("SELECT count(*) FROM silver." + kind + " s LEFT JOIN bronze." + kind
          + " b ON s.file_id = b.file_id AND s.row_number = b.row_number WHERE b.file_id IS NULL"
          + " OR NOT (s.source_name <=> b.source_name AND s.source_file <=> b.source_file"
          + " AND s.ingest_run_id <=> b.ingest_run_id AND s.logical_date <=> b.logical_date)"), kind);
    }
  }

  private void assertSameSilver(JavaDataFrameSuiteBase frames, TestWarehouse expected, TestWarehouse actual) {
    for (Table table : List.of(TableCatalog.CUSTOMERS, TableCatalog.CUSTOMER_PII, TableCatalog.TRANSACTIONS,
        TableCatalog.INTERACTIONS, TableCatalog.REFERRALS, TableCatalog.QUARANTINE)) {
      Frames.assertSameRows(frames, expected.warehouse().read(table), actual.warehouse().read(table), "ingest_run_id");
    }
  }

  /**
   * Customers rows of a later day equal to that customer's latest earlier row: a CRM re-sending an
   * unchanged record. Counted from the files themselves, independently of the ingest.
   */
  private long unchangedCustomerResends() {
    var settings = new com.univocity.parsers.csv.CsvParserSettings();
    settings.setLineSeparatorDetectionEnabled(true);
    Map<String, List<String>> latest = new HashMap<>();
    long resends = 0;
    for (String day : DAYS) {
      Path file = tmp.resolve("landing/customers/" + day + "/customers.csv");
      List<String[]> rows = new com.univocity.parsers.csv.CsvParser(settings).parseAll(file.toFile(), "UTF-8");
      Map<String, List<String>> today = new HashMap<>();
      for (String[] row : rows.subList(1, rows.size())) {
        List<String> values = java.util.Arrays.asList(row);
        if (row.length == 0 || row[0] == null || today.containsKey(row[0]) && today.get(row[0]).equals(values)) {
          continue;
        }
        if (values.equals(latest.get(row[0]))) {
          resends++;
        }
        today.putIfAbsent(row[0], values);
      }
      latest.putAll(today);
    }
    return resends;
  }

  private static String reasonFor(ExportKind kind, MessKind mess) {
    return switch (mess) {
      case BAD_DATE -> kind == ExportKind.INTERACTIONS ? "unparseable_timestamp" : "unparseable_date";
      case BAD_AMOUNT -> "unparseable_amount";
      case NEGATIVE_SALE -> "negative_amount";
      case UNKNOWN_CUSTOMER -> "unknown_customer";
      case MISSING_CUSTOMER_ID -> "missing_key";
      case WRONG_COLUMN_COUNT -> "wrong_column_count";
      case DUPLICATE_KEY_CONFLICT -> "duplicate_key_conflict";
      case DUPLICATE_ROW -> throw new IllegalArgumentException("duplicates are not quarantined");
    };
  }

  private Map<String, Long> versions(TestWarehouse wh) {
    Map<String, Long> versions = new HashMap<>();
    TableCatalog.all().stream().filter(t -> t.layer() != Layer.GOLD && wh.warehouse().exists(t)).forEach(t -> {
      Row last = DeltaTable.forPath(spark, wh.warehouse().pathOf(t).toString()).history(1).select("version").first();
      versions.put(t.qualifiedName(), last.getLong(0));
    });
    return versions;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
