package com.clientele.privacy;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.ChildJvm;
import com.clientele.testing.Leaks;
import com.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installation secret under a canary value, through the CLI in its own JVMs as a scheduler runs
 * it: an ingest with Spark's event log on and the job's own logging at INFO; the same with the wrong
 * secret, with none, with one too short, and a forget with the wrong secret. The secret (and the
 * short one) must appear in no output, no event log, no warehouse file; every refused run must
 * have written nothing (the warehouse's files are the same before and after).
 */
@ExtendWith(SparkExtension.class)
class SecretHandlingTest {

  static final String SECRET = "canary-secret-Zq7xK2pL9vW4-never-print";
  static final String WRONG = "another-secret-Hn5tR8mB3-never-print";
  static final String SHORT = "canary-Jx4";

  @Test
  void theSecretNeverLeavesAndAWrongOrMissingOneWritesNothing(SparkSession spark, @TempDir Path tmp) throws Exception {
    Path landing = tmp.resolve("landing");
    Path samples = Path.of("..", "data-samples", "landing").toAbsolutePath().normalize();
    for (String kind : List.of("customers", "transactions", "interactions", "referrals")) {
      Path from = samples.resolve(kind).resolve("2026-03-31");
      Path to = Files.createDirectories(landing.resolve(kind).resolve("2026-03-31"));
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.toList()) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
    Path warehouse = tmp.resolve("warehouse");
    Path events = Files.createDirectories(tmp.resolve("spark-events"));
    List<String> eventLog = List.of("-Dspark.eventLog.enabled=true", "-Dspark.eventLog.dir=" + events.toUri());
    List<String> ingest = List.of("ingest", "--landing", landing.toString(), "--all", "--warehouse", warehouse.toString());
    List<ChildJvm.Result> runs = new ArrayList<>();

    ChildJvm.Result ok = ChildJvm.run(tmp.resolve("run"), Map.of("CLIENTELE_SECRET_KEY", SECRET,
        "CLIENTELE_LOG_LEVEL", "info"), eventLog, ingest);
    runs.add(ok);
    assertEquals(0, ok.exitCode(), ok.output());
    try (Stream<Path> logs = Files.list(events)) {
      assertTrue(logs.findAny().isPresent(), "Spark wrote an event log");
    }

    // A new file arrives; every refused run must leave the warehouse exactly as it is.
    Path day = Files.createDirectories(landing.resolve("transactions").resolve("2026-04-01"));
    Files.writeString(day.resolve("late.csv"), "transaction_id,customer_id,transaction_date,amount,transaction_type,"
        + "quantity,cost,product_category,channel,payment_due_date,paid_date\nT-SECRET-1,C000001,2026-04-01,10.00,sale,1,,,,,\n",
        StandardCharsets.UTF_8);
    Map<String, Long> before = files(warehouse);

    ChildJvm.Result wrong = ChildJvm.run(tmp.resolve("run"), Map.of("CLIENTELE_SECRET_KEY", WRONG), eventLog, ingest);
    runs.add(wrong);
    assertNotEquals(0, wrong.exitCode());
    assertTrue(wrong.stderr().contains("does not match"), wrong.output());

    ChildJvm.Result none = ChildJvm.run(tmp.resolve("run"), Map.of(), eventLog, ingest);
    runs.add(none);
    assertNotEquals(0, none.exitCode());
    assertTrue(none.stderr().contains("no secret key"), none.output());

    Path shortKey = tmp.resolve("short.key");
    Files.writeString(shortKey, SHORT + "\n");
    List<String> withShortKey = new ArrayList<>(ingest);
    withShortKey.addAll(List.of("--key-file", shortKey.toString()));
    ChildJvm.Result tooShort = ChildJvm.run(tmp.resolve("run"), Map.of(), eventLog, withShortKey);
    runs.add(tooShort);
    assertNotEquals(0, tooShort.exitCode());
    assertTrue(tooShort.stderr().contains("shorter than"), tooShort.output());

    ChildJvm.Result forget = ChildJvm.run(tmp.resolve("run"), Map.of("CLIENTELE_SECRET_KEY", WRONG), eventLog,
        List.of("forget", "--customer-id", "C000001", "--reason", "test", "--warehouse", warehouse.toString(),
            "--reports", tmp.resolve("reports").toString()));
    runs.add(forget);
    assertNotEquals(0, forget.exitCode());
    assertTrue(forget.stderr().contains("does not match"), forget.output());

    assertEquals(before, files(warehouse), "refused runs wrote nothing");
    for (ChildJvm.Result run : runs) {
      assertFalse(run.output().contains(SECRET) || run.output().contains(WRONG) || run.output().contains(SHORT),
          "a secret in the output of a run:\n" + run.output());
      assertFalse(run.stderr().contains("\tat "), "a refusal is a message, not a stack trace:\n" + run.stderr());
    }
    assertEquals(Map.of(), Leaks.scan(spark, List.of(warehouse, events, tmp.resolve("run")), List.of(SECRET, WRONG, SHORT)),
        "no file holds a secret (warehouse, Spark event logs, outputs)");
  }

  /** Every file under the folder with its size. */
  private static Map<String, Long> files(Path root) throws IOException {
    Map<String, Long> files = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(f).toString(), Files.size(f));
      }
    }
    return files;
  }
}
