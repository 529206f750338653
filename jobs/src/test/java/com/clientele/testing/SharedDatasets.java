package com.clientele.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The public datasets in {@code shared/datasets} beside the project's checkout (CDNOW). A test that
 * needs one is skipped, with a message saying so, on a machine without them; where the environment
 * says they must be there ({@code CLIENTELE_REQUIRE_DATASETS=1}, set by .ci/run), it fails instead,
 * so CI can never pass by skipping.
 */
public final class SharedDatasets {

  public static final String REQUIRE = "CLIENTELE_REQUIRE_DATASETS";

  private SharedDatasets() {}

  /** The file {@code shared/datasets/<relative>}, searched upwards from the working directory. */
  public static Path require(String relative) {
    Path wanted = Path.of("shared", "datasets").resolve(relative);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(wanted))) {
        return dir.resolve(wanted);
      }
    }
    String message = wanted + " was not found in any folder above " + Path.of("").toAbsolutePath();
    if (isRequired()) {
      Assertions.fail(message + " (" + REQUIRE + " is set: the dataset must be present)");
    }
    System.err.println("SKIPPED: " + message + " — the test needing it is skipped");
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  static boolean isRequired() {
    String value = System.getenv(REQUIRE);
    return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
  }
}
