package com.clientele.testing;

import com.clientele.config.ClienteleConfig;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.GoldBuildJob;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A real warehouse of data-samples/: both sample days ingested ({@link #INGESTED}: the second appends,
 * replaces slices and merges the archive) and two gold snapshots built ({@link #BUILT}). Made once per
 * test JVM (two ingests and two builds, about a minute in the suite) and shared by the classes that
 * need such a warehouse: WarehouseCommentsTest reads it, MaintenanceJobTest changes a copy. Read-only:
 * copy it ({@link #copyTo}) before changing anything. Deleted when the JVM exits.
 */
public final class SampleWarehouse {

  public static final Path LANDING = Path.of("..", "data-samples", "landing");
  public static final List<String> INGESTED = List.of("2026-03-31", "2026-04-01");
  public static final List<String> BUILT = List.of("2026-03-30", "2026-03-31");

  private static Path root;

  private SampleWarehouse() {}

  /** The shared warehouse's folder, made on first use. */
  public static synchronized Path get(SparkSession spark) {
    if (root == null) {
      Path warehouse = Folders.temporaryUntilExit("clientele-sample-warehouse").resolve("warehouse");
      TestWarehouse wh = new TestWarehouse(spark, warehouse);
      for (String day : INGESTED) {
        wh.ingest(LANDING, day);
      }
      GoldBuildJob build = new GoldBuildJob(wh.warehouse(), AnalyticsSettings.from(ClienteleConfig.defaults()));
      for (String day : BUILT) {
        build.run(LocalDate.parse(day));
      }
      root = warehouse;
    }
    return root;
  }

  /** A copy of the shared warehouse at {@code to} (files, Delta logs and modification times). */
  public static Path copyTo(SparkSession spark, Path to) {
    return Folders.copy(get(spark), to);
  }
}
