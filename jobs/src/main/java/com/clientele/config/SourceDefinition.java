package com.clientele.config;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to read one source of export files: where its files are, their format and encoding, and
 * which of the export's own headers holds each canonical column.
 *
 * @param columnHeaders canonical column → the export's header, lower-cased and trimmed (bronze
 *     normalises headers the same way); every canonical column of the kind has an entry
 */
public record SourceDefinition(
    String name,
    ExportKind kind,
    String folder,
    String filesGlob,
    String format,
    String encoding,
    char delimiter,
    boolean hasRecordId,
    boolean registersCustomers,
    List<String> dateFormats,
    List<String> timestampFormats,
    Map<String, String> columnHeaders) implements Serializable {

  public static final List<String> FORMATS = List.of("auto", "csv", "whitespace", "jsonl");
  public static final List<String> ENCODINGS = List.of("auto", "UTF-8", "GB18030", "GBK");

  public SourceDefinition {
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException(
          "source '" + name + "': format must be one of " + FORMATS + ", not '" + format + "'");
    }
    if (!ENCODINGS.contains(encoding)) {
      throw new IllegalArgumentException(
          "source '" + name + "': encoding must be one of " + ENCODINGS + ", not '" + encoding + "'");
    }
    if (registersCustomers && kind != ExportKind.TRANSACTIONS) {
      throw new IllegalArgumentException(
          "source '" + name + "': registers-customers only applies to transactions sources");
    }
    columnHeaders = Map.copyOf(columnHeaders);
  }

  /** The header (normalised) that holds a canonical column in this source's files. */
  public String header(String canonicalColumn) {
    String header = columnHeaders.get(canonicalColumn);
    if (header == null) {
      throw new IllegalArgumentException("no canonical column '" + canonicalColumn + "' in " + kind.label());
    }
    return header;
  }

  /** Headers a file of this source must have, else every row of it is quarantined. */
  public List<String> requiredHeaders() {
    var required = new java.util.ArrayList<String>();
    if (hasRecordId) {
      required.add(header(kind.idColumn()));
    }
    kind.requiredColumns().forEach(c -> required.add(header(c)));
    return required;
  }

  /** The file format, resolving {@code auto} from the file name. */
  public String formatFor(String fileName) {
    if (!format.equals("auto")) {
      return format;
    }
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson") ? "jsonl" : "csv";
  }

  /** Normalises a header the way bronze stores it: trimmed, BOM removed, lower case. */
  public static String normaliseHeader(String header) {
    String h = header == null ? "" : header;
    if (!h.isEmpty() && h.charAt(0) == '\uFEFF') {
      h = h.substring(1);
    }
    return h.trim().toLowerCase(Locale.ROOT);
  }
}
