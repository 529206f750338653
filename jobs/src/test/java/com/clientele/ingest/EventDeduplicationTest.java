package com.clientele.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clientele.testing.SparkExtension;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * De-duplication by id gives the same, hand-worked statuses whichever way silver is searched: a
 * small batch broadcasts its ids, a large one joins (and skips the join when silver is empty).
 */
@ExtendWith(SparkExtension.class)
class EventDeduplicationTest {

  private static final StructType SCHEMA = StructType.fromDDL("interaction_id STRING, record_hash STRING, "
      + "logical_date DATE, source_file STRING, file_id STRING, row_number BIGINT");

  private static Row row(String id, String hash, String file, long number) {
    return RowFactory.create(id, hash, Date.valueOf("2026-03-02"), file + ".csv", file, number);
  }

  /** row_number → status, searched as a small batch and as a large one; both must agree. */
  private static Map<Long, String> statuses(SparkSession spark, List<Row> batch, List<Row> silver) {
    // The batch's rows carry their file_id; their files' paths come from the table of files.
    Dataset<Row> rows = spark.createDataFrame(batch, SCHEMA);
    Dataset<Row> valid = rows.drop("source_file");
    Dataset<Row> files = rows.select("file_id", "source_file").distinct();
    Dataset<Row> existing = spark.createDataFrame(silver, SCHEMA);
    Map<Long, String> small = collect(EventDeduplication.classify(valid, batch.size(), files, existing,
        "interaction_id"));
    Map<Long, String> large = collect(EventDeduplication.classify(valid, EventDeduplication.SMALL_BATCH + 1, files,
        existing, "interaction_id"));
    assertEquals(small, large, "a small and a large batch classify alike");
    return small;
  }

  /** row_number → status, and for a conflict the row it conflicts with ("status: detail"). */
  private static Map<Long, String> collect(Dataset<Row> classified) {
    Map<Long, String> out = new TreeMap<>();
    classified.select("row_number", "dedup_status", "dedup_detail").collectAsList()
        .forEach(r -> out.put(r.getLong(0), r.getString(1).equals("conflict")
            ? "conflict: " + r.getString(2) : r.getString(1)));
    return out;
  }

  private static final List<Row> BATCH = List.of(
      row("i1", "h1", "f1", 1),
      row("i2", "h2", "f1", 2),
      row("i2", "h2", "f1", 3), // the same line again
      row("i3", "h3", "f1", 4),
      row("i3", "hX", "f1", 5)); // the same id, other content

  @Test
  void intoAnEmptyTable(SparkSession spark) {
    assertEquals(Map.of(1L, "new", 2L, "new", 3L, "duplicate", 4L, "new",
        5L, "conflict: interaction_id 'i3' is already used with different content by f1.csv row 4"),
        statuses(spark, BATCH, List.of()));
  }

  @Test
  void againstRowsSilverHolds(SparkSession spark) {
    List<Row> silver = List.of(
        row("i1", "h1", "f0", 9), // the same line, loaded before: a duplicate
        row("i2", "hZ", "f0", 7), // the id with other content: a conflict
        row("i3", "h3", "f1", 4)); // this very line, written by an interrupted run: already loaded
    assertEquals(Map.of(1L, "duplicate",
        2L, "conflict: interaction_id 'i2' is already used with different content by f0.csv row 7",
        3L, "duplicate", 4L, "already_loaded",
        5L, "conflict: interaction_id 'i3' is already used with different content by f1.csv row 4"),
        statuses(spark, BATCH, silver));
  }
}
