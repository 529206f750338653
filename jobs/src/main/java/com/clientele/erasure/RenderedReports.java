package com.clientele.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The rendered PDFs that show an erased customer. A PDF is read as text (PDFBox); it shows the
 * customer when it prints their customer key — the archive cards print it on every card, and only
 * cards carry personal data. Such PDFs are removed (keeping them would keep the customer) and
 * named, to be rendered again from the anonymised tables.
 */
final class RenderedReports {

  private RenderedReports() {}

  /**
   * Removes the PDFs under {@code folder} that show one of the keys ({@code id → customer key});
   * {@code perCustomer} receives, per id, the removed files (relative to the folder).
   */
  static List<Path> removeShowing(Path folder, Map<String, String> keys, Map<String, List<String>> perCustomer) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path pdf : files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf"))
          .sorted().toList()) {
        String text = text(pdf);
        boolean shows = false;
        for (Map.Entry<String, String> e : keys.entrySet()) {
          if (text.contains(e.getValue())) {
            perCustomer.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(folder.relativize(pdf).toString());
            shows = true;
          }
        }
        if (shows) {
          Files.delete(pdf);
          removed.add(pdf);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the rendered reports in " + folder, e);
    }
    return removed;
  }

  private static String text(Path pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(document);
    }
  }
}
