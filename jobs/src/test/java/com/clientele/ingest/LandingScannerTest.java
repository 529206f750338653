package com.clientele.ingest;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.config.ClienteleConfig;
import com.clientele.testing.LandingFolder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a scan picks: the run's day, late files of earlier days, completion markers. */
class LandingScannerTest {

  static final LocalDate DAY = LocalDate.parse("2026-04-03");

  static List<String> names(LandingScanner.Scan scan) {
    return scan.files().stream().map(LandingFile::sourceFile).toList();
  }

  static LandingScanner.Scan scan(Path landing, Optional<LocalDate> date, int lateDays, String marker,
      Set<String> loaded) {
    return LandingScanner.scan(landing.toString(), ClienteleConfig.defaults().sources(),
        new LandingScanner.Selection(date, lateDays, marker, loaded), new Configuration());
  }

  @Test
  void aDailyScanReadsItsDayAndNewFilesOfTheDaysBeforeWithinTheWindow(@TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp);
    landing.write("transactions", "2026-04-03", "a.csv", LandingFolder.TRANSACTIONS_HEADER);
    landing.write("transactions", "2026-04-02", "loaded.csv", LandingFolder.TRANSACTIONS_HEADER);
    landing.write("transactions", "2026-04-02", "late.csv", LandingFolder.TRANSACTIONS_HEADER);
    landing.write("transactions", "2026-03-20", "too-old.csv", LandingFolder.TRANSACTIONS_HEADER);
    landing.write("transactions", "2026-04-04", "later.csv", LandingFolder.TRANSACTIONS_HEADER);
    Set<String> loaded = Set.of("transactions/2026-04-02/loaded.csv", "transactions/2026-04-03/a.csv");

    assertEquals(List.of("transactions/2026-04-02/late.csv", "transactions/2026-04-03/a.csv"),
        names(scan(tmp, Optional.of(DAY), 7, "", loaded)),
        "the day's files (loaded or not: the ingest log decides by content), and late files not yet loaded");
    assertEquals(List.of("transactions/2026-04-03/a.csv"), names(scan(tmp, Optional.of(DAY), 0, "", loaded)));
    assertEquals(5, scan(tmp, Optional.empty(), 7, "", loaded).files().size(), "--all reads everything");
  }

  @Test
  void aDayFolderWithoutTheMarkerIsIncompleteAndNotRead(@TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp);
    landing.write("transactions", "2026-04-03", "a.csv", LandingFolder.TRANSACTIONS_HEADER);
    landing.write("customers", "2026-04-03", "c.csv", LandingFolder.CUSTOMERS_HEADER);
    landing.write("customers", "2026-04-03", "_SUCCESS");

    LandingScanner.Scan scan = scan(tmp, Optional.of(DAY), 0, "_SUCCESS", Set.of());
    assertEquals(List.of("customers/2026-04-03/c.csv"), names(scan));
    assertEquals(List.of("transactions/2026-04-03"), scan.incomplete());
    LandingScanner.Readiness waiting = LandingScanner.readiness(tmp.toString(), ClienteleConfig.defaults().sources(),
        DAY, "_SUCCESS", new Configuration());
    assertFalse(waiting.ready());
    assertEquals(1, waiting.files().get("transactions"));

    landing.write("transactions", "2026-04-03", "_SUCCESS");
    assertEquals(2, scan(tmp, Optional.of(DAY), 0, "_SUCCESS", Set.of()).files().size());
    assertTrue(LandingScanner.readiness(tmp.toString(), ClienteleConfig.defaults().sources(), DAY, "_SUCCESS",
        new Configuration()).ready());
    assertFalse(LandingScanner.readiness(tmp.toString(), ClienteleConfig.defaults().sources(),
        DAY.plusDays(1), "", new Configuration()).ready(), "a day without files is not ready");
  }
}
