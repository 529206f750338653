package com.clientele.bench;

import com.clientele.generate.ExportGenerator;
import com.clientele.generate.GeneratorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmark's input: a generated landing folder, made once per seed and size and reused (the
 * generator is deterministic, so a cached folder is exactly what a new run would write). A folder
 * is used only once complete: it is written under a temporary name and renamed at the end.
 *
 * @param landing the landing folder
 * @param generatedSeconds how long generating took (0 when it came from the cache)
 * @param cached whether it came from the cache
 * @param bytes total size of the export files
 */
public record BenchDataset(Path landing, double generatedSeconds, boolean cached, long bytes) {

  public static BenchDataset prepare(BenchPlan plan) throws IOException {
    GeneratorSettings settings = plan.generatorSettings();
    Path dir = plan.workDir().resolve("data").resolve("seed-" + plan.seed() + "-tx-" + plan.sizeLabel()
        + "-customers-" + BenchPlan.label(plan.customers()) + "-files-" + plan.filesPerKind());
    Path landing = dir.resolve("landing");
    if (Files.isDirectory(landing)) {
      return new BenchDataset(landing, 0, true, size(landing));
    }
    Path partial = dir.resolve("landing.partial");
    delete(partial);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    ExportGenerator.generate(settings, partial);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Files.move(partial, landing, StandardCopyOption.ATOMIC_MOVE);
    return new BenchDataset(landing, seconds, false, size(landing));
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".csv")).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  /** Deletes a folder tree if present. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
