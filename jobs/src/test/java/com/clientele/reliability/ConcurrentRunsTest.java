package com.clientele.reliability;

import static com.clientele.reliability.ChildRuns.*;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.SparkExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent runs against one warehouse (docs/reliability.md, "Concurrent runs"): every writing
 * command takes the warehouse's run lock (RunLock), so of two overlapping runs the later one fails at
 * once with "another run holds the warehouse …" (exit 1, one line, no stack trace) and nothing is
 * duplicated or lost; a run killed while holding the lock leaves no stale lock behind.
 */
@ExtendWith(SparkExtension.class)
class ConcurrentRunsTest {

  static final Duration RUN = Duration.ofMinutes(12);
  static final String HELD = "another run holds the warehouse";

  @Test
  void overlappingRunsOfOneWarehouse(SparkSession spark, @TempDir Path tmp) throws Exception {
    // Day 1 ingested, and what a clean ingest of day 2 on it leaves (shared with CrashPointTest).
    SavedStates states = SavedStates.get();
    Path landing = states.landing;
    Path key = states.key;
    Path day1 = states.day1;
    Map<String, List<String>> expected = states.ingestedContents(spark);
    Path runs = tmp.resolve("runs");

    // 1. Two ingests of the same day started at once (an Airflow retry overlapping a manual run).
    Path both = copy(day1, tmp.resolve("both"));
    Child first = ChildRuns.start(runs, "ingest-a", null, ingest(both, landing, key, DAY2));
    Child second = ChildRuns.start(runs, "ingest-b", null, ingest(both, landing, key, DAY2));
    int a = first.waitFor(RUN);
    int b = second.waitFor(RUN);
    // Normally one takes the lock and the other fails at once; should one finish before the other
    // even asks for it, the later finds the day's files logged and changes nothing. Either way no
    // row is duplicated or lost.
    assertTrue(a == 0 || b == 0, "one of them ingested the day:\n" + first.stderr() + "\n" + second.stderr());
    for (Child loser : List.of(first, second)) {
      if (loser.process().exitValue() != 0) {
        assertLockMessage(loser);
      }
    }
    assertSameTables(expected, contents(spark, both), "two ingests of one day at once");
    assertConservation(spark, both);

    // 2. An ingest holding the warehouse (stopped just before its ingest log commit): a second ingest
    //    and a build started meanwhile both fail with the message, having changed nothing.
    Path held = copy(day1, tmp.resolve("held"));
    Child holder = ChildRuns.start(runs, "ingest-holding", "ingest:before-log", ingest(held, landing, key, DAY2));
    long deadline = System.nanoTime() + RUN.toNanos();
    while (!java.nio.file.Files.exists(holder.marker())) {
      assertTrue(holder.process().isAlive(), "the holding ingest runs:\n" + holder.stderr());
      assertTrue(System.nanoTime() < deadline, "the holding ingest reached its pause");
      Thread.sleep(50);
    }
    Child ingestAgain = ChildRuns.start(runs, "ingest-meanwhile", null, ingest(held, landing, key, DAY2));
    Child build = ChildRuns.start(runs, "build-meanwhile", null, "build", "--warehouse", held.toString(),
        "--as-of", DAY2);
    assertEquals(1, ingestAgain.waitFor(RUN), ingestAgain.stderr());
    assertEquals(1, build.waitFor(RUN), build.stderr());
    assertLockMessage(ingestAgain);
    assertLockMessage(build);
    // 3. The holder is killed with SIGKILL: its lock goes with it, and the day's ingest runs again.
    holder.killAtCrashPoint(Duration.ofSeconds(10));
    // As an operator would: a new process (a fresh JVM, not the test JVM, whose Spark session has run
    // the whole suite before this test).
    Child again = ChildRuns.start(runs, "ingest-after-kill", null, ingest(held, landing, key, DAY2));
    assertEquals(0, again.waitFor(RUN), again.stderr());
    assertSameTables(expected, contents(spark, held), "after the overlapping runs and the killed holder");
    assertConservation(spark, held);
  }

  static void assertLockMessage(Child loser) {
    String err = loser.stderr();
    assertTrue(err.contains("error: " + HELD), "the loser says why:\n" + err);
    assertFalse(err.contains("\tat "), "no stack trace:\n" + err);
    assertTrue(err.contains("ingest"), "the message names the holder's command:\n" + err);
  }

  static String[] ingest(Path warehouse, Path landing, Path key, String day) {
    return new String[] {"ingest", "--warehouse", warehouse.toString(), "--landing", landing.toString(),
        "--date", day, "--key-file", key.toString()};
  }
}
