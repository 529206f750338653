package com.clientele.generate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GeneratorSettings d = GeneratorSettings.defaults();
        assertEquals(42L, d.seed());
        assertEquals(300, d.customers());
        assertEquals(3000L, d.transactions());
        assertEquals(LocalDate.of(2025, 1, 1), d.historyStart());
        assertEquals(LocalDate.of(2026, 3, 31), d.historyEnd());
        assertEquals(5, d.dailyDrops());
        assertEquals(0.02, d.messyShare());
        assertEquals(1, d.filesPerKind());
        assertDoesNotThrow(d::validate);
    }

    private static String problem(GeneratorSettings s) {
        return assertThrows(IllegalArgumentException.class, s::validate).getMessage();
    }

    @Test
    void eachBadSettingIsNamedWithItsValue() {
        GeneratorSettings d = GeneratorSettings.defaults();
        assertTrue(problem(d.withCustomers(0)).contains("customers must be between 1 and"));
        assertTrue(problem(d.withCustomers(0)).contains("(was 0)"));
        assertTrue(problem(d.withTransactions(-5)).contains("transactions must not be negative (was -5)"));
        assertTrue(problem(d.withCustomers(2).withTransactions(1_000_000)).contains("per customer"));
        assertTrue(problem(d.withHistory(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)))
                .contains("historyEnd (2025-01-01) must not be before historyStart (2025-02-01)"));
        assertTrue(problem(d.withHistory(null, LocalDate.of(2025, 1, 1))).contains("historyStart must be set"));
        assertTrue(problem(d.withDailyDrops(-1)).contains("dailyDrops must be between 0 and 366 (was -1)"));
        assertTrue(problem(d.withMessyShare(0.9)).contains("messyShare must be between 0 and 0.5 (was 0.9)"));
        assertTrue(problem(d.withMessyShare(Double.NaN)).contains("messyShare"));
        assertTrue(problem(d.withFilesPerKind(0)).contains("filesPerKind must be between 1 and 1000 (was 0)"));
    }

    @Test
    void allProblemsAreReportedTogether() {
        String msg = problem(GeneratorSettings.defaults().withCustomers(-1).withDailyDrops(1000).withFilesPerKind(0));
        assertTrue(msg.startsWith("Invalid generator settings: "), msg);
        assertTrue(msg.contains("customers") && msg.contains("dailyDrops") && msg.contains("filesPerKind"), msg);
    }

    @Test
    void generateRefusesInvalidSettingsBeforeWritingAnything(@TempDir Path dir) throws Exception {
        Path landing = dir.resolve("landing");
        assertThrows(IllegalArgumentException.class,
                () -> ExportGenerator.generate(GeneratorSettings.defaults().withCustomers(0), landing));
        assertTrue(Files.notExists(landing));
    }
}
