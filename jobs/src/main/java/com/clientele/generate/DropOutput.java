package com.clientele.generate;

import com.clientele.config.ExportKind;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one delivery (the initial load or one daily increment): for each export kind the
 * folder {@code <landing>/<kind>/<date>/} with either {@code <kind>.csv} or, when split,
 * {@code <kind>-part-0001.csv}… Rows are dealt round-robin over the parts so every part has about the
 * same size without knowing the total in advance; a row and the extra lines mess attaches to it stay in
 * one part. Only one delivery is open at a time, so open files are bounded by 4 × parts.
 */
final class DropOutput implements Closeable {
    /** A written file: its path relative to the landing dir and its data lines. */
    record FileStat(String relativePath, ExportKind kind, long rows) {
    }

    private final Path landing;
    private final CsvWriter[][] parts;
    private final int[] cursor;
    private final List<FileStat> written;

    DropOutput(Path landing, String date, int filesPerKind, int bufferSize, List<FileStat> written) throws IOException {
        this.landing = landing;
        this.written = written;
        ExportKind[] kinds = ExportKind.values();
        parts = new CsvWriter[kinds.length][filesPerKind];
        cursor = new int[kinds.length];
        for (ExportKind kind : kinds) {
            Path dir = landing.resolve(kind.label()).resolve(date);
            Files.createDirectories(dir);
            for (int p = 0; p < filesPerKind; p++) {
                String name = filesPerKind == 1 ? kind.label() + ".csv"
                        : kind.label() + "-part-" + Text.zeroPad(p + 1L, 4) + ".csv";
                parts[kind.ordinal()][p] = new CsvWriter(dir.resolve(name), kind.columns(), bufferSize);
            }
        }
    }

    /** The part the next row of {@code kind} goes to (advances the round-robin). */
    CsvWriter next(ExportKind kind) {
        CsvWriter[] ps = parts[kind.ordinal()];
        int c = cursor[kind.ordinal()];
        cursor[kind.ordinal()] = c + 1 == ps.length ? 0 : c + 1;
        return ps[c];
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (CsvWriter[] ps : parts) {
            for (CsvWriter w : ps) {
                try {
                    w.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        for (ExportKind kind : ExportKind.values()) {
            for (CsvWriter w : parts[kind.ordinal()]) {
                String rel = landing.relativize(w.path()).toString().replace('\\', '/');
                written.add(new FileStat(rel, kind, w.rows()));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
