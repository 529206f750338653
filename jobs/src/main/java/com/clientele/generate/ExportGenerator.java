package com.clientele.generate;

import com.clientele.config.ExportKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of the synthetic export generator: writes a landing folder in the canonical export
 * format (see {@code data-samples/README.md}) — an initial load dated {@code historyEnd} and
 * {@code dailyDrops} daily increments — plus a {@code _generator.json} manifest, and nothing else.
 * Existing files with the same names are overwritten; other files in the landing dir are left alone.
 *
 * <p>Deterministic (same settings → byte-identical files) and streaming: memory grows with the
 * customers, not the transactions.
 */
public final class ExportGenerator {
    /** Name of the manifest written next to the kind folders. */
    public static final String MANIFEST = "_generator.json";

    private ExportGenerator() {
    }

    /**
     * Generates the landing folder.
     *
     * @throws IllegalArgumentException if the settings are invalid (see {@link GeneratorSettings#validate()})
     * @throws IOException              if a file cannot be written
     */
    public static GenerationSummary generate(GeneratorSettings settings, Path landingDir) throws IOException {
        settings.validate();
        Files.createDirectories(landingDir);
        GenerationRun run = new GenerationRun(settings, landingDir);
        GenerationSummary summary = run.run();
        writeManifest(landingDir.resolve(MANIFEST), settings, summary, run.intensity(), run.files());
        return summary;
    }

    private static void writeManifest(Path path, GeneratorSettings s, GenerationSummary sum, double intensity,
                                      List<DropOutput.FileStat> files) throws IOException {
        Json j = new Json();
        j.open('{');
        j.field("generator").string("clientele-synthetic-exports");
        j.field("formatVersion").number(1);
        j.field("settings").open('{');
        j.field("seed").number(s.seed());
        j.field("customers").number(s.customers());
        j.field("transactions").number(s.transactions());
        j.field("historyStart").string(s.historyStart().toString());
        j.field("historyEnd").string(s.historyEnd().toString());
        j.field("dailyDrops").number(s.dailyDrops());
        j.field("messyShare").raw(Double.toString(s.messyShare()));
        j.field("filesPerKind").number(s.filesPerKind());
        j.close('}');
        j.field("purchaseIntensity").raw(Double.toString(intensity));
        j.field("summary").open('{');
        j.field("customerRows").number(sum.customerRows());
        j.field("transactionRows").number(sum.transactionRows());
        j.field("interactionRows").number(sum.interactionRows());
        j.field("referralRows").number(sum.referralRows());
        j.field("customers").number(sum.customers());
        j.field("leads").number(sum.leads());
        j.field("customerChanges").number(sum.customerChanges());
        j.field("messDuplicateRows").number(sum.messDuplicateRows());
        j.field("messBadDates").number(sum.messBadDates());
        j.field("messBadAmounts").number(sum.messBadAmounts());
        j.field("messNegativeSales").number(sum.messNegativeSales());
        j.field("messUnknownCustomers").number(sum.messUnknownCustomers());
        j.field("messMissingCustomerIds").number(sum.messMissingCustomerIds());
        j.field("messWrongColumnCounts").number(sum.messWrongColumnCounts());
        j.field("messDuplicateKeyConflicts").number(sum.messDuplicateKeyConflicts());
        j.field("messByKind").open('{');
        for (ExportKind k : ExportKind.values()) {
            for (MessKind m : MessKind.values()) {
                j.field(GenerationSummary.key(k, m)).number(sum.mess(k, m));
            }
        }
        j.close('}');
        j.field("filesWritten").number(sum.filesWritten());
        j.close('}');
        j.field("files").open('[');
        for (DropOutput.FileStat f : files) {
            j.element().open('{');
            j.field("path").string(f.relativePath());
            j.field("kind").string(f.kind().label());
            j.field("rows").number(f.rows());
            j.close('}');
        }
        j.close(']');
        j.close('}');
        Files.writeString(path, j.toString() + "\n");
    }

    /** Just enough of a JSON writer for the manifest: fixed key order, two-space indent. */
    private static final class Json {
        private final StringBuilder sb = new StringBuilder();
        private int depth;
        private boolean first = true;

        Json open(char c) {
            sb.append(c);
            depth++;
            first = true;
            return this;
        }

        Json close(char c) {
            depth--;
            newline();
            sb.append(c);
            first = false;
            return this;
        }

        Json field(String name) {
            element();
            quoted(name);
            sb.append(": ");
            return this;
        }

        Json element() {
            if (!first) {
                sb.append(',');
            }
            newline();
            first = true;
            return this;
        }

        Json string(String v) {
            quoted(v);
            first = false;
            return this;
        }

        Json number(long v) {
            return raw(Long.toString(v));
        }

        Json raw(String v) {
            sb.append(v);
            first = false;
            return this;
        }

        private void newline() {
            sb.append('\n');
            for (int i = 0; i < depth; i++) {
                sb.append("  ");
            }
        }

        private void quoted(String v) {
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
