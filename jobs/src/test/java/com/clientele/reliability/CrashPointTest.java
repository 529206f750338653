package com.clientele.reliability;

import static com.clientele.reliability.ChildRuns.*;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash points: `ingest`, `build` and `check` run as separate JVMs and are killed with SIGKILL at a
 * chosen point (docs/reliability.md, "Crash points"); then the same command runs again, without the
 * crash point, and every table of the warehouse must equal a clean run's row by row, and every
 * ingested file must balance against the rows actually in bronze, silver and the quarantine.
 *
 * <p>Saved states keep it fast: day 1 ingested (the start of every ingest crash), day 2 ingested (of
 * every build crash), day 2 built (of every check crash); each crash starts from a copy.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashPointTest {

  static final Duration TO_CRASH = Duration.ofMinutes(12);

  @TempDir static Path tmp;
  SavedStates states;
  Path landing;
  Path key;
  Path day1;
  Path ingested;
  Path built;
  Map<String, Map<String, List<String>>> expected = new java.util.HashMap<>();

  /** The killed children, started in the background as soon as their start state exists. */
  final Map<String, java.util.concurrent.Future<Path>> crashed = new java.util.concurrent.ConcurrentHashMap<>();
  /** Three children at a time: the JVMs start and reach their points while this JVM runs the clean runs. */
  final java.util.concurrent.ExecutorService children = java.util.concurrent.Executors.newFixedThreadPool(3);

  @BeforeAll
  void cleanRuns(SparkSession spark) throws IOException {
    states = SavedStates.get();
    landing = states.landing;
    key = states.key;
    day1 = states.day1;
    crashAll("ingest", day1);
    ingested = states.ingested(spark);
    expected.put("ingest", states.ingestedContents(spark));
    assertConservation(spark, ingested);
    crashAll("build", ingested);
    built = copy(ingested, tmp.resolve("state-built"));
    inProcessOk(build(built));
    expected.put("build", contents(spark, built));
    crashAll("check", built);
    Path checked = copy(built, tmp.resolve("state-checked"));
    inProcessOk(check(checked));
    expected.put("check", contents(spark, checked));
    assertFalse(expected.get("check").get("silver.quality_results").isEmpty(), "check wrote results");
    assertFalse(expected.get("build").get("gold.customer_profile").isEmpty(), "build wrote gold");
  }

  @org.junit.jupiter.api.AfterAll
  void stopChildren() {
    children.shutdownNow();
  }

  /** Starts, in the background, a child per crash point of {@code command} from a copy of {@code start}. */
  private void crashAll(String command, Path start) {
    crashPoints().map(Arguments::get).filter(a -> a[0].equals(command)).forEach(a -> {
      String point = (String) a[1];
      Path warehouse = copy(start, tmp.resolve("crash-" + name(point)));
      crashed.put(point, children.submit(() -> {
        Child child = ChildRuns.start(tmp.resolve("runs"), name(point), point, args(command, warehouse));
        child.killAtCrashPoint(TO_CRASH);
        return warehouse;
      }));
    });
  }

  static String name(String point) {
    return point.replaceAll("[^a-z0-9]+", "-");
  }

  String[] args(String command, Path warehouse) {
    return switch (command) {
      case "ingest" -> ingest(warehouse);
      case "build" -> build(warehouse);
      default -> check(warehouse);
    };
  }

  String[] ingest(Path warehouse) {
    return states.ingest(warehouse, DAY2);
  }

  static String[] build(Path warehouse) {
    return new String[] {"build", "--warehouse", warehouse.toString(), "--as-of", DAY2};
  }

  static String[] check(Path warehouse) {
    return new String[] {"check", "--warehouse", warehouse.toString(), "--as-of", DAY2};
  }

  /**
   * command, crash point, what the point means. Seven points run in the README's test command; five
   * more run with {@code -Dclientele.crash-suite=all} (docs/reliability.md).
   */
  static Stream<Arguments> crashPoints() {
    Stream<Arguments> more = !"all".equals(System.getProperty("clientele.crash-suite")) ? Stream.of() : Stream.of(
        Arguments.of("ingest", "after-commit:bronze/transactions#1", "after the bronze append"),
        Arguments.of("ingest", "before-commit:silver/customer_pii#1", "before the personal-data MERGE commits"),
        Arguments.of("ingest", "ingest:before-log", "after silver and the quarantine, before the ingest log"),
        Arguments.of("build", "before-commit:silver/customer_state#2", "during the customer state write"),
        Arguments.of("build", "before-commit:gold/customer_profile#2", "during a gold snapshot write"));
    return Stream.concat(more, Stream.of(
        Arguments.of("ingest", "after-commit:silver/transactions#1", "after the silver transactions append"),
        Arguments.of("ingest", "after-commit:silver/customers#1",
            "between the customers' history MERGE and the personal-data MERGE"),
        Arguments.of("ingest", "before-commit:silver/quarantine#1", "during the quarantine write"),
        Arguments.of("ingest", "ingest:settling-saved",
            "after silver and the quarantine (settled keys written ahead), before the ingest log"),
        Arguments.of("ingest", "ingest:logged", "ingest log committed, settled rows still in the quarantine"),
        Arguments.of("build", "after-commit:gold/customer_profile#2", "between two gold tables"),
        Arguments.of("check", "before-commit:silver/quality_results#2", "during check's results write")));
  }

  @ParameterizedTest(name = "{0} killed {2} ({1})")
  @MethodSource("crashPoints")
  void aRunKilledAtTheCrashPointEndsAsACleanRunWhenRunAgain(String command, String point, String meaning,
      SparkSession spark) throws Exception {
    Path warehouse;
    try {
      warehouse = crashed.get(point).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
    }
    String[] args = args(command, warehouse);
    // The same command again, without the crash point (no stale lock: the OS released the dead run's).
    inProcessOk(args);
    assertSameTables(expected.get(command), contents(spark, warehouse), "killed " + meaning + ", then run again");
    assertConservation(spark, warehouse);
  }
}
