package com.clientele.reliability;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.cli.ClienteleCli;
import com.clientele.config.ExportKind;
import com.clientele.runtime.Warehouse;
import com.clientele.testing.ChildJvm;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.TestWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the CLI as separate JVMs (java -cp with the test class path, the Java 17 flags, a small heap),
 * optionally stopped at a crash point ({@code CLIENTELE_TEST_CRASH_AT}, see CrashPoints and
 * CrashingLogStore) and killed from outside with SIGKILL; plus a tiny two-day landing fixture and the
 * row-by-row comparison of a warehouse's tables.
 */
final class ChildRuns {

  static final String DAY1 = "2026-03-31";
  static final String DAY2 = "2026-04-01";

  private ChildRuns() {}

  /** A started child: its process, where its output goes, and the marker its crash point writes. */
  record Child(Process process, Path out, Path err, Path marker) {
    String stderr() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }

    /** Waits until the crash point is reached (the marker exists), then kills the JVM with SIGKILL. */
    void killAtCrashPoint(Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (!Files.exists(marker)) {
        if (!process.isAlive()) {
          fail("the child ended (exit " + process.exitValue() + ") without reaching its crash point:\n" + stderr());
        }
        if (System.nanoTime() > end) {
          process.destroyForcibly();
          fail("the crash point was not reached in " + timeout + ":\n" + stderr());
        }
        Thread.sleep(50);
      }
      process.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the killed child ended");
      assertEquals(137, process.exitValue(), "killed by SIGKILL");
    }

    int waitFor(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the child did not finish in " + timeout + ":\n" + stderr());
      }
      return process.exitValue();
    }
  }

  /** Starts {@code clientele <args>} in a new JVM; {@code crashAt} null for a run without a crash point. */
  static Child start(Path workDir, String name, String crashAt, String... args) throws IOException {
    List<String> command = ChildJvm.command(
        List.of("-Dspark.delta.logStore.file.impl=com.clientele.testing.CrashingLogStore"), List.of(args));
    Files.createDirectories(workDir);
    Path out = workDir.resolve(name + ".out");
    Path err = workDir.resolve(name + ".err");
    Path marker = workDir.resolve(name + ".crashed");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("CLIENTELE_SHUFFLE_PARTITIONS", "2");
    env.remove("CLIENTELE_DEBUG");
    if (crashAt != null) {
      env.put("CLIENTELE_TEST_CRASH_AT", crashAt);
      env.put("CLIENTELE_TEST_CRASH_MARKER", marker.toString());
    }
    return new Child(builder.start(), out, err, marker);
  }

  /** The CLI in this JVM (warm, sharing the test's SparkSession): exit code and stderr. */
  static Map.Entry<Integer, String> inProcess(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ClienteleCli.execute(args);
      return Map.entry(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  static void inProcessOk(String... args) {
    var result = inProcess(args);
    assertEquals(0, result.getKey(), "clientele " + String.join(" ", args) + ":\n" + result.getValue());
  }

  /**
   * The fixture: two days of every kind, a few rows each, with what exercises every write of an
   * ingest — a sale on day 1 whose customer arrives on day 2 (it waits in the quarantine, then is
   * settled), a changed customer (a new SCD version), a repeated customer row and sale (duplicates), a
   * bad amount (quarantined).
   */
  static Path landing(Path root) {
    LandingFolder l = new LandingFolder(root);
    l.write("customers", DAY1, "customers.csv", LandingFolder.CUSTOMERS_HEADER,
        "C001,Ann One,13800000001,ann@example.com,1 Road,110101199001010001,enterprise,retail,East,website,2026-01-05",
        "C002,Bob Two,13800000002,bob@example.com,2 Road,110101199001010002,individual,tech,North,referral,2026-02-10",
        "C003,Cat Three,13800000003,cat@example.com,3 Road,110101199001010003,enterprise,food,South,ads,2026-03-01",
        "C004,Dan Four,13800000004,dan@example.com,4 Road,110101199001010004,individual,retail,West,website,2026-03-20");
    l.write("transactions", DAY1, "transactions.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T001,C001,2026-03-30,120.00,sale,1,80.00,tools,online,,",
        "T002,C001,2026-03-31,35.50,sale,2,20.00,parts,store,,",
        "T003,C002,2026-03-31,300.00,sale,1,150.00,tools,online,,",
        "T004,C003,2026-03-31,-20.00,refund,1,,tools,online,,",
        "T005,C003,2026-03-29,99.99,sale,3,50.00,food,store,,");
    l.write("transactions", DAY1, "waiting.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T-WAIT-1,C-LATE-1,2026-03-30,120.00,sale,1,,,,,");
    l.write("interactions", DAY1, "interactions.csv", LandingFolder.INTERACTIONS_HEADER,
        "I001,C001,complaint,phone,billing,2026-03-31 09:00:00,2026-03-31 09:30:00,2026-03-31 12:00:00,4,late bill,fixed",
        "I002,C002,inquiry,email,product,2026-03-31 10:00:00,,,,question,");
    l.write("referrals", DAY1, "referrals.csv", LandingFolder.REFERRALS_HEADER,
        "R001,C001,C002,2026-03-15,10.00");
    l.write("customers", DAY2, "customers.csv", LandingFolder.CUSTOMERS_HEADER,
        "C001,Ann One,13800000001,ann@example.com,1 Road,110101199001010001,enterprise,retail,North,website,2026-01-05",
        "C002,Bob Two,13800000002,bob@example.com,2 Road,110101199001010002,individual,tech,North,referral,2026-02-10",
        "C-LATE-1,Late Comer,13800000009,late@example.com,9 Road,110101199001010009,enterprise,retail,East,website,"
            + "2026-03-30");
    l.write("transactions", DAY2, "transactions.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T001,C001,2026-03-30,120.00,sale,1,80.00,tools,online,,",
        "T006,C002,2026-04-01,45.00,sale,1,30.00,parts,store,,",
        "T007,C004,2026-04-01,500.00,sale,5,300.00,tools,online,,",
        "T008,C-LATE-1,2026-04-01,60.00,sale,1,,,,,",
        "T-BAD-1,C001,2026-04-01,not-a-number,sale,1,,,,,");
    l.write("interactions", DAY2, "interactions.csv", LandingFolder.INTERACTIONS_HEADER,
        "I003,C004,complaint,phone,delivery,2026-04-01 08:00:00,2026-04-01 08:10:00,,2,slow,");
    l.write("referrals", DAY2, "referrals.csv", LandingFolder.REFERRALS_HEADER,
        "R002,C003,C004,2026-03-25,15.00");
    return root;
  }

  static Path secretFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("secret.key"), TestWarehouse.SECRET);
  }

  /** Copies a warehouse folder (a saved state) to a new place. */
  static Path copy(Path from, Path to) {
    return com.clientele.testing.Folders.copy(from, to);
  }

  /** Every table of the catalog: its rows as JSON (binary columns as base64), sorted; absent tables empty. */
  static Map<String, List<String>> contents(SparkSession spark, Path root) {
    Warehouse warehouse = new Warehouse(spark, root.toString());
    Map<String, List<String>> contents = new LinkedHashMap<>();
    for (Table t : TableCatalog.all()) {
      contents.put(t.qualifiedName(), !warehouse.exists(t) ? List.of()
          : warehouse.read(t).select(to_json(struct(col("*")))).collectAsList().stream()
              .map(r -> r.getString(0)).sorted().toList());
    }
    return contents;
  }

  /** Asserts two warehouses' tables equal row by row, naming the first table that differs. */
  static void assertSameTables(Map<String, List<String>> expected, Map<String, List<String>> actual, String what) {
    for (String table : expected.keySet()) {
      assertEquals(expected.get(table), actual.get(table), what + ": " + table + " differs from the clean run's");
    }
    assertEquals(expected.keySet(), actual.keySet(), what);
  }

  /**
   * The conservation law, per file of the ingest log: rows_in = loaded + quarantined + duplicate;
   * rows_in is the file's rows in bronze; rows_quarantined its rows in the quarantine; for the event
   * kinds rows_loaded its rows in silver, payment news included (customers' loaded rows become SCD versions, which a later
   * file may replace, so they are not counted by file). And no silver event id appears twice.
   */
  static void assertConservation(SparkSession spark, Path root) {
    Warehouse warehouse = new Warehouse(spark, root.toString());
    Map<String, Long> quarantined = countByFile(warehouse.read(TableCatalog.QUARANTINE).collectAsList());
    Map<String, Long> bronze = new HashMap<>();
    Map<String, Long> loaded = new HashMap<>();
    for (ExportKind kind : ExportKind.values()) {
      countByFile(warehouse.read(TableCatalog.bronzeFor(kind)).collectAsList()).forEach((k, v) -> bronze.merge(k, v, Long::sum));
    }
    for (Table t : List.of(TableCatalog.TRANSACTIONS, TableCatalog.PAYMENT_UPDATES, TableCatalog.INTERACTIONS,
        TableCatalog.REFERRALS)) {
      List<Row> rows = warehouse.read(t).collectAsList();
      countByFile(rows).forEach((k, v) -> loaded.merge(k, v, Long::sum));
      if (t == TableCatalog.PAYMENT_UPDATES) {
        continue; // several pieces of payment news may concern one line
      }
      String key = t.columnNames().get(0);
      long distinct = rows.stream().map(r -> r.getAs(key)).distinct().count();
      assertEquals(rows.size(), distinct, "no duplicate ids in " + t.qualifiedName());
    }
    List<Row> log = warehouse.read(TableCatalog.INGEST_LOG).collectAsList();
    assertFalse(log.isEmpty(), "files were logged");
    for (Row f : log) {
      String file = f.getAs("source_file");
      String id = f.getAs("file_id");
      long in = f.getAs("rows_in");
      long l = f.getAs("rows_loaded");
      long q = f.getAs("rows_quarantined");
      long d = f.getAs("rows_duplicate");
      assertEquals(in, l + q + d, file + ": rows_in = loaded + quarantined + duplicate");
      assertEquals(in, bronze.getOrDefault(id, 0L), file + ": rows_in = its rows in bronze");
      assertEquals(q, quarantined.getOrDefault(id, 0L), file + ": rows_quarantined = its rows in the quarantine");
      if (!f.<String>getAs("kind").equals("customers")) {
        assertEquals(l, loaded.getOrDefault(id, 0L), file + ": rows_loaded = its rows in silver");
      }
    }
  }

  private static Map<String, Long> countByFile(List<Row> rows) {
    Map<String, Long> counts = new HashMap<>();
    rows.forEach(r -> counts.merge(r.<String>getAs("file_id"), 1L, Long::sum));
    return counts;
  }
}
