package com.clientele.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One CSV file in the canonical format: UTF-8 without BOM, a header row, comma separators, {@code \n}
 * line ends, and RFC-4180 quoting only for values that contain a comma, a quote or a line break.
 * {@code null} is written as the empty string (= unknown). Counts the data lines it writes.
 */
final class CsvWriter implements Closeable {
    private final Path path;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[512];
    private long rows;

    CsvWriter(Path path, List<String> header, int bufferSize) throws IOException {
        this.path = path;
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8),
                bufferSize);
        writeLine(header.toArray(new String[0]), header.size());
        rows = 0;
    }

    Path path() {
        return path;
    }

    /** Data lines written so far. */
    long rows() {
        return rows;
    }

    /** Writes the first {@code count} fields as one line (count may differ from the header: mess). */
    void writeRow(String[] fields, int count) throws IOException {
        writeLine(fields, count);
    }

    private void writeLine(String[] fields, int count) throws IOException {
        StringBuilder sb = line;
        sb.setLength(0);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, fields[i]);
        }
        sb.append('\n');
        int n = sb.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        sb.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
        rows++;
    }

    /** Appends one value, quoted (with doubled quotes) only if it needs to be. */
    static void appendField(StringBuilder sb, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        boolean quote = false;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
