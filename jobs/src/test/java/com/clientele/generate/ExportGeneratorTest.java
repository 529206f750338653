package com.clientele.generate;

import com.clientele.config.ExportKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout, determinism and exact counts of a generated landing folder. */
class ExportGeneratorTest {
    static final GeneratorSettings SETTINGS = new GeneratorSettings(7L, 2000, 20_000L, LocalDate.of(2025, 1, 1),
            LocalDate.of(2025, 12, 31), 4, 0.03, 2);

    @TempDir
    static Path dir;
    static Path landing;
    static GenerationSummary summary;

    @BeforeAll
    static void generate() throws IOException {
        landing = dir.resolve("messy");
        summary = ExportGenerator.generate(SETTINGS, landing);
    }

    @Test
    void sameSettingsGiveByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path tmp) throws IOException {
        GeneratorSettings s = GeneratorSettings.defaults().withFilesPerKind(2);
        ExportGenerator.generate(s, tmp.resolve("a"));
        ExportGenerator.generate(s, tmp.resolve("b"));
        ExportGenerator.generate(s.withSeed(43), tmp.resolve("c"));
        Map<String, String> a = LandingFiles.hashes(tmp.resolve("a"));
        Map<String, String> c = LandingFiles.hashes(tmp.resolve("c"));
        assertEquals(a, LandingFiles.hashes(tmp.resolve("b")));
        assertEquals(a.keySet(), c.keySet());
        assertNotEquals(a.get("transactions/2026-03-31/transactions-part-0001.csv"),
                c.get("transactions/2026-03-31/transactions-part-0001.csv"));
        assertNotEquals(a.get("customers/2026-03-31/customers-part-0001.csv"),
                c.get("customers/2026-03-31/customers-part-0001.csv"));
    }

    @Test
    void writesExactlyTheLandingLayoutAndTheManifest() throws IOException {
        Set<String> expected = new TreeSet<>();
        expected.add(ExportGenerator.MANIFEST);
        for (int d = 0; d <= SETTINGS.dailyDrops(); d++) {
            String date = SETTINGS.historyEnd().plusDays(d).toString();
            for (ExportKind k : ExportKind.values()) {
                for (int p = 1; p <= 2; p++) {
                    expected.add(k.label() + "/" + date + "/" + k.label() + "-part-000" + p + ".csv");
                }
            }
        }
        assertEquals(expected, LandingFiles.hashes(landing).keySet());
        assertEquals(expected.size() - 1, summary.filesWritten());
        for (ExportKind k : ExportKind.values()) {
            for (Path f : LandingFiles.files(landing, k.label())) {
                String header = Files.readAllLines(f, StandardCharsets.UTF_8).get(0);
                assertEquals(String.join(",", k.columns()), header, f.toString());
            }
        }
        String manifest = Files.readString(landing.resolve(ExportGenerator.MANIFEST));
        assertTrue(manifest.contains("\"seed\": 7"), manifest);
        assertTrue(manifest.contains("\"transactionRows\": " + summary.transactionRows()), manifest);
        assertTrue(manifest.contains("\"transactions.bad_date\": "
                + summary.mess(ExportKind.TRANSACTIONS, MessKind.BAD_DATE)), manifest);
    }

    @Test
    void singleFilePerKindIsNamedAfterTheKind(@TempDir Path tmp) throws IOException {
        ExportGenerator.generate(GeneratorSettings.defaults().withDailyDrops(0), tmp);
        try (Stream<Path> s = Files.walk(tmp)) {
            List<String> csv = s.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".csv")).sorted().toList();
            assertEquals(List.of("customers/2026-03-31/customers.csv", "interactions/2026-03-31/interactions.csv",
                    "referrals/2026-03-31/referrals.csv", "transactions/2026-03-31/transactions.csv"), csv);
        }
    }

    @Test
    void summaryCountsAreTheLinesInTheFiles() {
        for (ExportKind k : ExportKind.values()) {
            assertEquals(summary.rows(k), LandingFiles.lines(landing, k.label()).size(), k.label());
        }
        assertTrue(summary.describe().contains(summary.transactionRows() + " transactions"), summary.describe());
    }

    @Test
    void customersExactlyAsRequestedAndTransactionsWithinTolerance() {
        Set<String> ids = customerIds();
        assertEquals(SETTINGS.customers(), ids.size());
        assertTrue(ids.contains("C000001") && ids.contains("C002000"), "ids C000001..C002000");
        long tx = summary.transactionRows();
        assertTrue(Math.abs(tx - SETTINGS.transactions()) < SETTINGS.transactions() * 0.05, "transactions " + tx);
    }

    @Test
    void onlyMessyRowsHaveAWrongColumnCount() {
        long wrong = 0;
        for (ExportKind k : ExportKind.values()) {
            for (List<String> row : LandingFiles.rows(landing, k.label())) {
                if (row.size() != k.columns().size()) {
                    wrong++;
                    assertTrue(Math.abs(row.size() - k.columns().size()) == 1, row.toString());
                }
            }
        }
        assertEquals(summary.messWrongColumnCounts(), wrong);
    }

    @Test
    void messShareIsAsRequested() {
        double share = (double) summary.messTotal() / summary.totalRows();
        assertTrue(share > SETTINGS.messyShare() * 0.75 && share < SETTINGS.messyShare() * 1.25, "share " + share);
        for (MessKind m : MessKind.values()) {
            long n = 0;
            for (ExportKind k : ExportKind.values()) {
                n += summary.mess(k, m);
            }
            assertTrue(n > 0, "some " + m);
        }
    }

    /** Every counted mess can be found in the files, and nothing else is broken: the ingest's quarantine test oracle. */
    @Test
    void eachKindOfMessIsFoundExactlyAsCounted() {
        Set<String> customers = customerIds();
        for (ExportKind k : ExportKind.values()) {
            long badDates = 0;
            long missing = 0;
            long unknown = 0;
            long badAmounts = 0;
            long negativeSales = 0;
            long duplicates = 0;
            for (Path f : LandingFiles.files(landing, k.label())) {
                String previous = null;
                for (String line : readData(f)) {
                    if (line.equals(previous)) {
                        duplicates++;
                    }
                    previous = line;
                    List<String> row = LandingFiles.parse(line);
                    if (row.size() != k.columns().size()) {
                        continue;
                    }
                    if (!parses(row.get(MessInjector.dateColumn(k)), k == ExportKind.INTERACTIONS)) {
                        badDates++;
                    }
                    String customer = row.get(MessInjector.customerColumn(k));
                    if (customer.isEmpty()) {
                        missing++;
                    } else if (!customers.contains(customer)) {
                        unknown++;
                    }
                    if (k == ExportKind.TRANSACTIONS) {
                        try {
                            if (new java.math.BigDecimal(row.get(3)).signum() < 0 && row.get(4).equals("sale")) {
                                negativeSales++;
                            }
                        } catch (NumberFormatException e) {
                            badAmounts++;
                        }
                    }
                }
            }
            assertEquals(summary.mess(k, MessKind.BAD_DATE), badDates, k + " bad dates");
            assertEquals(summary.mess(k, MessKind.MISSING_CUSTOMER_ID), missing, k + " missing ids");
            assertEquals(summary.mess(k, MessKind.UNKNOWN_CUSTOMER), unknown, k + " unknown customers");
            assertEquals(summary.mess(k, MessKind.BAD_AMOUNT), badAmounts, k + " bad amounts");
            assertEquals(summary.mess(k, MessKind.NEGATIVE_SALE), negativeSales, k + " negative sales");
            assertEquals(summary.mess(k, MessKind.DUPLICATE_ROW), duplicates, k + " duplicates");
        }
        // duplicate-key conflicts: a transaction id on two lines with different content (the paid date
        // aside: a line exported again once paid is payment news, not a conflict)
        Map<String, Set<String>> byId = new java.util.HashMap<>();
        for (List<String> row : LandingFiles.rows(landing, "transactions")) {
            List<String> content = new java.util.ArrayList<>(row);
            if (content.size() > 10) {
                content.set(10, "");
            }
            byId.computeIfAbsent(row.get(0), x -> new HashSet<>()).add(content.toString());
        }
        long conflicts = byId.values().stream().filter(v -> v.size() > 1).count();
        assertEquals(summary.messDuplicateKeyConflicts(), conflicts);
    }

    /**
     * Clean data: every line exported unpaid and paid within the daily drops is exported again, on the day
     * of its paid date, with nothing else changed; the summary counts those lines.
     */
    @Test
    void linesPaidAfterTheirExportAreExportedAgainOnThePaymentDay(@TempDir Path tmp) throws IOException {
        GenerationSummary clean = ExportGenerator.generate(SETTINGS.withMessyShare(0), tmp);
        Map<String, List<String>> first = new java.util.HashMap<>();
        long again = 0;
        for (Path file : LandingFiles.files(tmp, "transactions")) {
            String day = file.getParent().getFileName().toString();
            List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            for (List<String> row : lines.subList(1, lines.size()).stream().map(LandingFiles::parse).toList()) {
                List<String> earlier = first.putIfAbsent(row.get(0), row);
                if (earlier != null) {
                    again++;
                    assertEquals(earlier.subList(0, 10), row.subList(0, 10), "only the paid date changes: " + row);
                    assertEquals("", earlier.get(10), "first exported unpaid: " + earlier);
                    assertEquals(day, row.get(10), "exported again on the day it was paid: " + row);
                }
            }
        }
        assertTrue(again > 0, "some lines were paid during the daily drops");
        assertEquals(clean.paymentUpdateRows(), again);
    }

    @Test
    void noMessWhenTheShareIsZeroAndTheCleanDataIsUnchanged(@TempDir Path tmp) throws IOException {
        GenerationSummary clean = ExportGenerator.generate(SETTINGS.withMessyShare(0), tmp);
        assertEquals(0, clean.messTotal());
        assertEquals(SETTINGS.customers(), clean.customerRows() - clean.customerChanges());
        for (ExportKind k : ExportKind.values()) {
            for (List<String> row : LandingFiles.rows(tmp, k.label())) {
                assertEquals(k.columns().size(), row.size());
            }
        }
        // the mess has its own random stream: the same customers exist with the same first row
        assertEquals(LandingFiles.lines(tmp, "customers").get(0), LandingFiles.lines(landing, "customers").get(0));
    }

    @Test
    void peopleHaveBirthdaysThatAgreeWithTheirIdNumbersAndOrganisationsFoundingDates() {
        int birthdays = 0;
        int founded = 0;
        List<String> columns = ExportKind.CUSTOMERS.columns();
        for (List<String> row : LandingFiles.rows(landing, "customers")) {
            if (row.size() != columns.size() || row.get(0).isEmpty()) {
                continue;
            }
            String nature = row.get(columns.indexOf("nature"));
            boolean person = nature.equals("individual") || nature.equals("个人");
            String birthday = row.get(columns.indexOf("birthday"));
            String founding = row.get(columns.indexOf("founding_date"));
            String id = row.get(columns.indexOf("id_number"));
            if (!birthday.isEmpty()) {
                birthdays++;
                assertTrue(person, "only people have a birthday: " + row);
                if (id.length() == 18 && parses(birthday, false)) {
                    assertEquals(id.substring(6, 14), birthday.replace("-", ""), "the ID number's date: " + row);
                }
            }
            if (!founding.isEmpty()) {
                founded++;
                assertFalse(person, "only organisations have a founding date: " + row);
            }
        }
        assertTrue(birthdays > 100 && founded > 50, birthdays + " birthdays, " + founded + " founding dates");
    }

    private static Set<String> customerIds() {
        Set<String> ids = new HashSet<>();
        for (List<String> row : LandingFiles.rows(landing, "customers")) {
            if (row.size() == ExportKind.CUSTOMERS.columns().size() && !row.get(0).isEmpty()) {
                ids.add(row.get(0));
            }
        }
        return ids;
    }

    private static List<String> readData(Path f) {
        try {
            List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
            return new ArrayList<>(all.subList(1, all.size()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean parses(String value, boolean timestamp) {
        try {
            if (timestamp) {
                java.time.LocalDateTime.parse(value.replace(' ', 'T'));
            } else {
                LocalDate.parse(value);
            }
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void customersFilesOfDailyDropsHoldNewAndChangedCustomers() {
        long changed = 0;
        Set<String> seen = new HashSet<>();
        for (int d = 0; d <= SETTINGS.dailyDrops(); d++) {
            String date = SETTINGS.historyEnd().plusDays(d).toString();
            for (Path f : LandingFiles.files(landing, "customers")) {
                if (!f.getParent().getFileName().toString().equals(date)) {
                    continue;
                }
                for (String line : readData(f)) {
                    List<String> row = LandingFiles.parse(line);
                    if (row.size() != ExportKind.CUSTOMERS.columns().size() || row.get(0).isEmpty() || !parses(row.get(10), false)) {
                        continue;
                    }
                    if (d > 0 && row.get(10).compareTo(date) < 0 && seen.contains(row.get(0))) {
                        changed++;
                    }
                }
                for (String line : readData(f)) {
                    seen.add(LandingFiles.parse(line).get(0));
                }
            }
        }
        assertTrue(changed > 0, "changed customers in daily drops");
        assertTrue(summary.customerChanges() > 0);
        assertFalse(changed > summary.customerChanges() + summary.messRows(ExportKind.CUSTOMERS));
    }
}
