package com.clientele.ingest;

import com.clientele.config.SourceDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads one export file as a stream of records, one per record of the file, in file order, without
 * holding the file in memory. Runs inside a Spark task, one file per task. A record is the bronze
 * row without the per-file constants ({@link BatchReader#SCHEMA}; the bronze tables are in
 * {@link com.clientele.catalog.TableCatalog}, the constants in {@link FileLineage}; personal columns
 * left out of {@code fields} and the raw text withheld for exports with personal data) followed by
 * {@code values}: the record's text for each canonical column of its kind, in canonical order (null
 * where the file has no such column) — what the typing reads ({@link RecordColumns}).
 *
 * <p>Records: CSV records may span lines inside quotes (RFC 4180); whitespace-separated files
 * split on runs of blanks; JSON Lines hold one object per line. Blank lines are not records.
 * row_number counts records (1 = the first after the header); line_number is the physical line
 * where the record starts. A record that cannot be read gets a {@link QuarantineReason} instead of
 * fields, so it reaches the quarantine with its raw text rather than vanishing.
 */
public final class ExportFileReader implements Iterator<Row> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The longest field read (characters); a longer one quarantines its row as value_too_long. */
  public static final int MAX_FIELD_CHARS = 1_000_000;

  private final LandingFile file;
  /** The (normalised) headers of the file's personal columns: kept out of bronze. */
  private final java.util.Set<String> personalHeaders;
  private final String format;
  private final BufferedReader reader;
  private final CsvParser csv;
  private List<String> header;
  private String missingColumns;
  private String duplicateColumns;
  /** The (normalised) headers the source maps to canonical columns. */
  private final java.util.Set<String> mappedHeaders;
  private long lineNumber;
  private long rowNumber;
  private Row next;
  private boolean finished;

  private ExportFileReader(LandingFile file, Configuration hadoopConf) throws IOException {
    this.file = file;
    this.personalHeaders = file.source().kind().personalColumns().stream().map(file.source()::header)
        .collect(java.util.stream.Collectors.toSet());
    this.mappedHeaders = file.source().kind().columns().stream().map(file.source()::header)
        .collect(java.util.stream.Collectors.toSet());
    this.format = file.source().formatFor(file.sourceFile());
    Path path = new Path(file.uri());
    InputStream in = path.getFileSystem(hadoopConf).open(path);
    if (file.hasByteOrderMark() && file.encoding().equals("UTF-8")) {
      in.skipNBytes(3); // (a UTF-16 decoder reads its byte-order mark itself)
    }
    this.reader = new BufferedReader(new InputStreamReader(in, Charset.forName(file.encoding())), 1 << 16);
    this.csv = format.equals("csv") ? new CsvParser(csvSettings(file.source().delimiter())) : null;
  }

  /** The bronze rows of a file, read lazily. */
  public static Iterator<Row> read(LandingFile file, Configuration hadoopConf) {
    try {
      ExportFileReader reader = new ExportFileReader(file, hadoopConf);
      if (!reader.format.equals("jsonl")) {
        reader.readHeader();
      }
      return reader;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.sourceFile(), e);
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = readRecord();
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = next;
    next = null;
    return row;
  }

  private void readHeader() throws IOException {
    String[] record = nextRawRecord();
    if (record == null) {
      header = List.of();
      return;
    }
    List<String> fields = format.equals("csv") ? splitCsv(record[0]) : splitWhitespace(record[0]);
    if (fields == null) {
      throw new IllegalArgumentException(file.sourceFile() + ": the header line cannot be read");
    }
    header = fields.stream().map(SourceDefinition::normaliseHeader).toList();
    List<String> missing = file.source().requiredHeaders().stream().filter(h -> !header.contains(h)).toList();
    missingColumns = missing.isEmpty() ? null : "file has no column " + String.join(", ", missing)
        + " (its header: " + abbreviate(String.join(", ", header)) + ")";
    List<String> twice = header.stream().filter(h -> java.util.Collections.frequency(header, h) > 1).distinct().toList();
    duplicateColumns = twice.isEmpty() ? null : "the header names column(s) " + String.join(", ", twice)
        + " more than once: which value is meant is ambiguous";
  }

  /** The next record's raw text and its first line number, or null at the end of the file. */
  private String[] nextRawRecord() throws IOException {
    if (finished) {
      return null;
    }
    String line;
    do {
      line = reader.readLine();
      if (line == null) {
        close();
        return null;
      }
      lineNumber++;
    } while (line.isBlank());
    long start = lineNumber;
    if (format.equals("csv")) {
      StringBuilder record = new StringBuilder(line);
      while (endsInsideQuotes(record, file.source().delimiter())) {
        String more = reader.readLine();
        if (more == null) {
          return new String[] {record.toString(), Long.toString(start), "unterminated"};
        }
        lineNumber++;
        record.append('\n').append(more);
      }
      line = record.toString();
    }
    return new String[] {line, Long.toString(start), null};
  }

  private Row readRecord() {
    try {
      String[] raw = nextRawRecord();
      if (raw == null) {
        return null;
      }
      rowNumber++;
      String text = raw[0];
      long start = Long.parseLong(raw[1]);
      if (raw[2] != null) {
        return row(start, text, null, QuarantineReason.UNTERMINATED_QUOTE, "a quoted field is not closed before the end of the file");
      }
      if (text.indexOf('\uFFFD') >= 0) {
        return row(start, text, null, QuarantineReason.INVALID_ENCODING, "bytes not valid in " + file.encoding());
      }
      if (text.indexOf('\u0000') >= 0) {
        return row(start, text, null, QuarantineReason.INVALID_ENCODING,
            "a NUL byte (0x00) at character " + (text.indexOf('\u0000') + 1) + " of the record: not text");
      }
      if (format.equals("jsonl")) {
        return jsonRow(start, text);
      }
      if (missingColumns != null) {
        return row(start, text, null, QuarantineReason.MISSING_REQUIRED_COLUMN, missingColumns);
      }
      if (duplicateColumns != null) {
        return row(start, text, null, QuarantineReason.DUPLICATE_COLUMN, duplicateColumns);
      }
      List<String> values = format.equals("csv") ? splitCsv(text) : splitWhitespace(text);
      if (values == null) {
        return row(start, text, null, QuarantineReason.WRONG_COLUMN_COUNT, "the CSV record cannot be parsed");
      }
      if (values.size() != header.size()) {
        return row(start, text, null, QuarantineReason.WRONG_COLUMN_COUNT,
            values.size() + " fields, the header has " + header.size());
      }
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).length() > MAX_FIELD_CHARS) {
          return row(start, text, null, QuarantineReason.VALUE_TOO_LONG, "field " + (i + 1) + " (" + header.get(i)
              + ") has " + values.get(i).length() + " characters, more than " + MAX_FIELD_CHARS);
        }
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        fields.put(header.get(i), values.get(i));
      }
      return row(start, text, fields, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.sourceFile(), e);
    }
  }

  private Row jsonRow(long start, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      return row(start, text, null, QuarantineReason.MALFORMED_JSON, firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      return row(start, text, null, QuarantineReason.MALFORMED_JSON, "the line is not a JSON object");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String problem = null;
    QuarantineReason reason = null;
    for (var it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      JsonNode value = entry.getValue();
      String key = SourceDefinition.normaliseHeader(entry.getKey());
      String text1 = value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
      if (problem == null && value.isContainerNode() && mappedHeaders.contains(key)) {
        reason = QuarantineReason.MALFORMED_JSON;
        problem = "field '" + entry.getKey() + "' holds a JSON " + (value.isArray() ? "array" : "object")
            + ", not a value";
      } else if (problem == null && text1 != null && text1.length() > MAX_FIELD_CHARS) {
        reason = QuarantineReason.VALUE_TOO_LONG;
        problem = "field '" + entry.getKey() + "' has " + text1.length() + " characters, more than " + MAX_FIELD_CHARS;
      }
      fields.put(key, text1);
    }
    if (problem != null) {
      return row(start, text, null, reason, problem);
    }
    return row(start, text, fields, null, null);
  }

  private Row row(long line, String raw, Map<String, String> fields, QuarantineReason problem, String detail) {
    String[] values = null;
    Map<String, String> kept = fields;
    if (fields != null) {
      List<String> columns = file.source().kind().columns();
      values = new String[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = fields.get(file.source().header(columns.get(i)));
      }
      if (!personalHeaders.isEmpty()) {
        kept = new LinkedHashMap<>(fields);
        kept.keySet().removeAll(personalHeaders);
      }
    }
    return RowFactory.create(
        file.fileId(), Date.valueOf(file.logicalDate()), rowNumber, line, personalHeaders.isEmpty() ? raw : null,
        kept == null ? null : scala.collection.JavaConverters.mapAsScalaMap(kept),
        problem == null ? null : problem.code(), detail, values);
  }

  private List<String> splitCsv(String text) {
    try {
      String[] values = csv.parseLine(text);
      List<String> out = new ArrayList<>(values == null ? 0 : values.length);
      if (values != null) {
        for (String v : values) {
          out.add(v == null ? "" : v);
        }
      }
      return out;
    } catch (TextParsingException e) {
      return null;
    }
  }

  private static List<String> splitWhitespace(String text) {
    return List.of(text.strip().split("\\s+"));
  }

  /**
   * Whether a CSV record is cut inside a quoted field (so it continues on the next line). A quote
   * opens a quoted field only at the start of a field (RFC 4180), so a stray inch mark in
   * {@code 5" screen} does not swallow the lines after it; {@code ""} inside quotes is an escaped quote.
   */
  static boolean endsInsideQuotes(CharSequence s, char delimiter) {
    boolean inQuotes = false;
    boolean fieldStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            i++;
          } else {
            inQuotes = false;
          }
        }
      } else if (c == '"' && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else {
        fieldStart = c == delimiter || c == '\n';
      }
    }
    return inQuotes;
  }

  private static CsvParserSettings csvSettings(char delimiter) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(delimiter);
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.getFormat().setLineSeparator("\n");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setMaxCharsPerColumn(-1); // any length: a field over MAX_FIELD_CHARS is quarantined, not a parse error
    settings.setMaxColumns(1024);
    settings.setLineSeparatorDetectionEnabled(false);
    settings.setHeaderExtractionEnabled(false);
    return settings;
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " characters)";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "not valid JSON";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private void close() {
    finished = true;
    try {
      reader.close();
    } catch (IOException ignored) {
      // reading is finished; nothing to recover
    }
  }
}
