package com.clientele.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.clientele.config.ExportKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-file constants of a batch's rows — source, kind, file path, file hash, run — kept out of
 * the per-row frames of an ingest run and attached by {@code file_id} where rows are written or where
 * a step orders or describes rows by their file path.
 *
 * <p>Why: every per-row frame a run shares (the records read, the typed rows, the de-duplicated
 * events) is built into Spark's columnar cache and read back, and these columns were about 170 of a
 * record's ~550 bytes while holding one value per file (profiled at 10M rows:
 * docs/benchmarks/NOTES.md). A row carries its file_id; the table of files is a few rows, joined by a
 * broadcast hash join.
 */
final class FileLineage {

  private FileLineage() {}

  /** The per-file columns, by the names the tables use (all strings). */
  static final List<String> COLUMNS = List.of("source_name", "kind", "source_file", "file_sha256", "ingest_run_id");

  /** The per-file columns the silver tables (and the customer archive) carry. */
  static final List<String> SILVER = List.of("source_name", "source_file", "ingest_run_id");

  /** file_id, then {@link #COLUMNS}. */
  static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema = new StructType().add("file_id", DataTypes.StringType, false);
    for (String c : COLUMNS) {
      schema = schema.add(c, DataTypes.StringType);
    }
    return schema;
  }

  /** The constants of the batch's files, read by this run. */
  static Dataset<Row> of(SparkSession spark, Collection<LandingFile> files, String runId) {
    List<Row> rows = new ArrayList<>();
    for (LandingFile f : files) {
      rows.add(RowFactory.create(f.fileId(), f.source().name(), f.source().kind().label(), f.sourceFile(), f.sha256(),
          runId));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The constants of the files of some bronze rows of a kind (bronze keeps them on every row). */
  static Dataset<Row> ofBronze(Dataset<Row> bronzeRows, ExportKind kind) {
    List<Column> columns = new ArrayList<>(List.of(col("file_id")));
    COLUMNS.forEach(c -> columns.add(c.equals("kind") ? lit(kind.label()).as(c) : col(c)));
    return bronzeRows.select(columns.toArray(Column[]::new)).distinct();
  }

  /**
   * The rows with their file's constants ({@code columns}, a subset of {@link #COLUMNS}): a broadcast
   * hash join on file_id. Callers pass the table of every file their rows come from; a left join all
   * the same, so that a row whose file were missing would show null constants instead of vanishing.
   */
  static Dataset<Row> attach(Dataset<Row> rows, Dataset<Row> files, List<String> columns) {
    List<Column> selection = new ArrayList<>(List.of(col("file_id")));
    columns.forEach(c -> selection.add(col(c)));
    Dataset<Row> table = files.select(selection.toArray(Column[]::new));
    return rows.join(broadcast(table), IngestClassifier.seq(List.of("file_id")), "left");
  }

  /** {@link #attach(Dataset, Dataset, List)} with every per-file column. */
  static Dataset<Row> attach(Dataset<Row> rows, Dataset<Row> files) {
    return attach(rows, files, COLUMNS);
  }
}
