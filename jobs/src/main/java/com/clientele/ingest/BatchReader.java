package com.clientele.ingest;

import com.clientele.catalog.TableCatalog;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The read step of an ingest run: every landing file of the batch streamed in its own Spark task
 * ({@link ExportFileReader}) into one frame of records — the bronze columns, {@code kind}, and
 * {@code values} (the record's text per canonical column of its kind, what the typing reads).
 */
final class BatchReader {

  private BatchReader() {}

  /** The records' schema: bronze columns, then kind and values. */
  static final StructType SCHEMA = TableCatalog.BRONZE_TRANSACTIONS.schema()
      .add("values", DataTypes.createArrayType(DataTypes.StringType))
      .add("kind", DataTypes.StringType);

  static Dataset<Row> read(SparkSession spark, List<LandingFile> files, String runId) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Broadcast, not captured: a task deserialises its whole lineage, and every later step reading these
    // records (or a frame shared from them) would otherwise decode the ~1,000 Hadoop properties again in
    // each of its tasks (a fifth of a small ingest's executor time, profiled with JFR).
    var hadoop = context.broadcast(
        new org.apache.spark.util.SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    JavaRDD<Row> rows = context.parallelize(files, Math.max(1, files.size()))
        .flatMap(file -> {
          var records = ExportFileReader.read(file, runId, hadoop.value().value());
          String kind = file.source().kind().label();
          return new java.util.Iterator<Row>() {
            @Override
            public boolean hasNext() {
              return records.hasNext();
            }

            @Override
            public Row next() {
              Row r = records.next();
              Object[] values = new Object[r.size() + 1];
              for (int i = 0; i < r.size(); i++) {
                values[i] = r.get(i);
              }
              values[r.size()] = kind;
              return RowFactory.create(values);
            }
          };
        });
    return spark.createDataFrame(rows, SCHEMA);
  }
}
