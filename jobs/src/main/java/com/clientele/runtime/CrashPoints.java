package com.clientele.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only crash points. A process started with the environment variable
 * {@code CLIENTELE_TEST_CRASH_AT=<point>} (or the system property {@code clientele.test.crash-at})
 * stops at the named point: it writes the marker file named by {@code CLIENTELE_TEST_CRASH_MARKER}
 * (or {@code clientele.test.crash-marker}) and then blocks, so that the test harness, seeing the
 * marker, kills it with SIGKILL — a real crash, from outside, at a known moment. Without the setting
 * (always, outside the crash-point tests) {@link #reach} does nothing.
 *
 * <p>Points are named {@code <command>:<where>}, e.g. {@code ingest:before-log}; the crash-point
 * tests also stop processes just before or after a given table's Delta commit (a test LogStore calls
 * {@link #reach} with {@code before-commit:<layer>/<table>#<n>} and {@code after-commit:…}).
 */
public final class CrashPoints {

  private static final String POINT = setting("clientele.test.crash-at", "CLIENTELE_TEST_CRASH_AT");
  private static final String MARKER = setting("clientele.test.crash-marker", "CLIENTELE_TEST_CRASH_MARKER");

  private CrashPoints() {}

  /** Whether a crash point is set for this process. */
  public static boolean enabled() {
    return POINT != null;
  }

  /** Stops here (forever, until killed) when this is the configured crash point. */
  public static void reach(String point) {
    if (POINT == null || !POINT.equals(point)) {
      return;
    }
    try {
      Path marker = Path.of(MARKER == null ? "crash-point.reached" : MARKER);
      Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
      Files.writeString(tmp, point + "\n" + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the crash-point marker", e);
    }
    System.err.println("crash point reached: " + point + " (waiting to be killed)");
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // Keep waiting: only the kill ends this process.
      }
    }
  }

  private static String setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }
}
