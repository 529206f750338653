package com.clientele.runtime;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed while creating a table (the crash suite caught it between two gold tables) leaves the
 * table's folder with a {@code _delta_log} that holds no commit, where Delta refuses to create the
 * table. The next write must create it; a folder with a real log is never cleared.
 */
@ExtendWith(SparkExtension.class)
class AbandonedTableCreationTest {

  @Test
  void aTableFolderWhoseLogHasNoCommitIsCreatedAfresh(SparkSession spark, @TempDir Path tmp) throws IOException {
    Warehouse warehouse = new Warehouse(spark, tmp.toString());
    Path folder = Path.of(java.net.URI.create(warehouse.pathOf(TableCatalog.QUALITY_RESULTS)));
    Path log = Files.createDirectories(folder.resolve("_delta_log"));
    Files.writeString(log.resolve(".00000000000000000000.json.0f1e2d3c.tmp"), "{\"commitInfo\":");
    Files.writeString(folder.resolve("part-00000-orphan.snappy.parquet"), "not a committed file");
    assertFalse(warehouse.exists(TableCatalog.QUALITY_RESULTS));

    warehouse.append(TableCatalog.QUALITY_RESULTS, spark.createDataFrame(List.of(row()),
        TableCatalog.QUALITY_RESULTS.schema()));

    assertTrue(warehouse.exists(TableCatalog.QUALITY_RESULTS));
    assertEquals(1, warehouse.read(TableCatalog.QUALITY_RESULTS).count());
    assertFalse(Files.exists(folder.resolve("part-00000-orphan.snappy.parquet")), "the abandoned folder was cleared");

    // A real table is never cleared: a second ensureExists keeps its rows.
    warehouse.ensureExists(TableCatalog.QUALITY_RESULTS);
    assertEquals(1, warehouse.read(TableCatalog.QUALITY_RESULTS).count());
  }

  /**
   * The state the crash suite met (a build killed after another thread's table had its log folders
   * but no commit): Delta creates {@code _delta_log/_commits} before the first commit, as a real
   * table here shows, and that empty folder must not pass for a commit.
   */
  @Test
  void anEmptyCommitsFolderIsNotACommit(SparkSession spark, @TempDir Path tmp) throws IOException {
    Warehouse real = new Warehouse(spark, tmp.resolve("real").toString());
    real.ensureExists(TableCatalog.QUALITY_RESULTS);
    Path realLog = Path.of(java.net.URI.create(real.pathOf(TableCatalog.QUALITY_RESULTS))).resolve("_delta_log");
    assertTrue(Files.isDirectory(realLog.resolve("_commits")), "Delta makes _delta_log/_commits with the log");

    Warehouse warehouse = new Warehouse(spark, tmp.resolve("abandoned").toString());
    Path folder = Path.of(java.net.URI.create(warehouse.pathOf(TableCatalog.QUALITY_RESULTS)));
    Files.createDirectories(folder.resolve("_delta_log").resolve("_commits"));
    assertFalse(warehouse.exists(TableCatalog.QUALITY_RESULTS));

    warehouse.append(TableCatalog.QUALITY_RESULTS, spark.createDataFrame(List.of(row()),
        TableCatalog.QUALITY_RESULTS.schema()));

    assertEquals(1, warehouse.read(TableCatalog.QUALITY_RESULTS).count());
    warehouse.ensureExists(TableCatalog.QUALITY_RESULTS);
    assertEquals(1, warehouse.read(TableCatalog.QUALITY_RESULTS).count(), "a real table is never cleared");
  }

  private static Row row() {
    Object[] values = new Object[TableCatalog.QUALITY_RESULTS.schema().size()];
    for (int i = 0; i < values.length; i++) {
      var field = TableCatalog.QUALITY_RESULTS.schema().fields()[i];
      values[i] = switch (field.dataType().typeName()) {
        case "string" -> "x";
        case "date" -> Date.valueOf("2026-04-01");
        case "long" -> 1L;
        case "integer" -> 1;
        case "double" -> 1.0;
        case "boolean" -> true;
        case "timestamp" -> java.sql.Timestamp.valueOf("2026-04-01 00:00:00");
        default -> null;
      };
    }
    return RowFactory.create(values);
  }
}
