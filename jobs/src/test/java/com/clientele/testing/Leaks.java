package com.clientele.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.SparkSession;

/** Finds values (personal data, keys, secrets) in every file under some folders. */
public final class Leaks {

  private Leaks() {}

  /** Every record of a Parquet file as text (parquet-mr's example reader: no Spark job per file). */
  static String decoded(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    var path = new org.apache.hadoop.fs.Path(file.toUri());
    try (var reader = org.apache.parquet.hadoop.ParquetReader
        .builder(new org.apache.parquet.hadoop.example.GroupReadSupport(), path).build()) {
      for (var record = reader.read(); record != null; record = reader.read()) {
        out.append(record).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Which of the values occur in which files under the folders: every file's bytes (as UTF-8 text,
   * so the Delta log's JSON and statistics are covered), every Parquet file decoded (compressed
   * pages hide text from a byte scan), every PDF's extracted text.
   */
  public static Map<String, List<String>> scan(SparkSession spark, List<Path> roots, List<String> values) throws IOException {
    Map<String, List<String>> found = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      List<Path> all;
      try (Stream<Path> walk = Files.walk(root)) {
        all = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : all) {
        String name = file.getFileName().toString();
        List<String> texts = new ArrayList<>();
        texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        if (name.endsWith(".parquet")) {
          texts.add(decoded(file));
        } else if (name.endsWith(".pdf")) {
          try (var pdf = Loader.loadPDF(file.toFile())) {
            texts.add(new PDFTextStripper().getText(pdf));
          }
        }
        for (String value : values) {
          if (texts.stream().anyMatch(t -> t.contains(value))) {
            found.computeIfAbsent(value, v -> new ArrayList<>()).add(root.relativize(file).toString());
          }
        }
      }
    }
    return found;
  }
}
