package com.clientele.ingest;

import com.clientele.catalog.TableCatalog;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The read step of an ingest run: every landing file of the batch streamed in its own Spark task
 * ({@link ExportFileReader}) into one frame of records — the bronze columns that vary by row
 * ({@link #SCHEMA}; the per-file ones are in {@link FileLineage}) and {@code values} (the record's
 * text per canonical column of its kind, what the typing reads).
 */
final class BatchReader {

  private BatchReader() {}

  /** The records' schema: the bronze columns that vary by row (and file_id, logical_date), then values. */
  static final StructType SCHEMA = new StructType(java.util.Arrays.stream(
          TableCatalog.BRONZE_TRANSACTIONS.schema().fields())
      .filter(f -> !FileLineage.COLUMNS.contains(f.name()))
      .toArray(org.apache.spark.sql.types.StructField[]::new))
      .add("values", DataTypes.createArrayType(DataTypes.StringType));

  static Dataset<Row> read(SparkSession spark, List<LandingFile> files) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Broadcast, not captured: a task deserialises its whole lineage, and every later step reading these
    // records (or a frame shared from them) would otherwise decode the ~1,000 Hadoop properties again in
    // each of its tasks (a fifth of a small ingest's executor time, profiled with JFR).
    var hadoop = context.broadcast(
        new org.apache.spark.util.SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    JavaRDD<Row> rows = context.parallelize(files, Math.max(1, files.size()))
        .flatMap(file -> ExportFileReader.read(file, hadoop.value().value()));
    return spark.createDataFrame(rows, SCHEMA);
  }
}
