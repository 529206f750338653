package com.clientele.reliability;

import static com.clientele.reliability.ChildRuns.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The two-day fixture's saved warehouses, made once per test JVM and shared by the classes that start
 * from them (CrashPointTest, ConcurrentRunsTest): the landing folder, the key file, day 1 ingested,
 * and day 1 then day 2 ingested with its contents. They are read-only: a test copies a state before
 * running anything on it. Each of these states costs an in-process ingest (20–40 s in the suite);
 * making them once saves two. Deleted when the JVM exits.
 */
final class SavedStates {

  private static SavedStates shared;

  final Path landing;
  final Path key;
  /** Day 1 ingested. */
  final Path day1;
  private Path ingested;
  private Map<String, List<String>> ingestedContents;
  private final Path root;

  private SavedStates(Path root) throws IOException {
    this.root = root;
    landing = ChildRuns.landing(root.resolve("landing"));
    key = secretFile(root.resolve("secret"));
    day1 = root.resolve("state-day1");
    inProcessOk(ingest(day1, DAY1));
  }

  /** The shared states, day 1 ingested on first use. */
  static synchronized SavedStates get() {
    if (shared == null) {
      try {
        shared = new SavedStates(com.clientele.testing.Folders.temporaryUntilExit("clientele-saved-states"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Day 1, then day 2 ingested (made on first use). */
  synchronized Path ingested(SparkSession spark) {
    if (ingested == null) {
      Path state = copy(day1, root.resolve("state-ingested"));
      inProcessOk(ingest(state, DAY2));
      ingestedContents = contents(spark, state);
      ingested = state;
    }
    return ingested;
  }

  /** Every table of {@link #ingested} (as {@link ChildRuns#contents}), what a clean ingest of day 2 leaves. */
  synchronized Map<String, List<String>> ingestedContents(SparkSession spark) {
    ingested(spark);
    return ingestedContents;
  }

  /** The CLI arguments of an ingest of {@code day} into {@code warehouse}, from the shared landing. */
  String[] ingest(Path warehouse, String day) {
    return new String[] {"ingest", "--warehouse", warehouse.toString(), "--landing", landing.toString(),
        "--date", day, "--key-file", key.toString()};
  }
}
