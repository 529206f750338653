package com.clientele.runtime;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Shared intermediate results, computed once and read by several later steps with short plans.
 *
 * <p>Spark copies a frame's whole plan into every place it is used, so a frame that feeds many later
 * steps both recomputes (unless cached) and makes every later plan long: analysing and describing
 * those plans on the driver then costs more than running them. {@link #share} does what
 * {@code localCheckpoint()} did for both problems, without its flaw: the rows are persisted (memory,
 * spilling to local disk) and the returned frame's plan is a single leaf over them. The persisted
 * blocks keep their lineage back to the Delta and landing files, so when an executor is lost Spark
 * recomputes the lost part; {@code localCheckpoint()} cut that lineage, and losing an executor killed
 * the job.
 *
 * <p>{@link #checkpoint} is the reliable alternative for a result that must survive without any
 * recomputation: it writes the rows to the checkpoint folder on the shared file system
 * ({@link SparkRuntime#useCheckpointDir}). It costs a write and a read of the rows, measured in
 * docs/benchmarks/NOTES.md.
 */
public final class Lineage {

  private Lineage() {}

  /** A shared result: the short-plan frame to read, and {@link #release} to free its blocks. */
  public record Shared(Dataset<Row> frame, Dataset<Row> persisted) {
    public void release() {
      persisted.unpersist(false);
    }
  }

  /**
   * Persists the frame (computed lazily, once, on first use) and returns a frame whose plan is one
   * leaf reading the persisted rows, with the original's statistics and partitioning.
   */
  public static Shared share(Dataset<Row> frame) {
    return share(frame, null);
  }

  /**
   * As {@link #share(Dataset)}, but computed now, as a Spark job named {@code name} (its time and
   * rows are logged): later steps, even concurrent ones, then find it computed.
   *
   * <p>The cache is Spark's columnar one, uncompressed ({@code spark.sql.inMemoryColumnarStorage.compressed=false}
   * in {@link SparkRuntime}): building compressed column batches was half of ingest's executor time;
   * a cache of copied binary rows (an RDD of {@code InternalRow}) measured no faster.
   */
  public static Shared share(Dataset<Row> frame, String name) {
    return persist(frame, name, persisted -> {
      RDD<InternalRow> rows = persisted.queryExecution().toRdd();
      // Spark's own Dataset.checkpoint builds the same leaf over its checkpointed RDD (internal API).
      LogicalRDD leaf = org.apache.spark.sql.execution.LogicalRDD$.MODULE$.fromDataset(rows, persisted, false);
      return org.apache.spark.sql.Dataset$.MODULE$.ofRows(frame.sparkSession(), leaf);
    });
  }

  /**
   * As {@link #share(Dataset, String)}, but later steps read the persisted rows through Spark's
   * cached relation itself, which hands each step only the columns it selects (column batch by
   * column batch), instead of a leaf that copies whole rows. For a frame whose own plan is already
   * short — a leaf over an RDD, such as the customer summaries, which are wide (a dozen nested month
   * arrays) and read by a dozen steps for a few columns each — so the steps' plans stay short too.
   */
  public static Shared shareColumns(Dataset<Row> frame, String name) {
    return persist(frame, java.util.Objects.requireNonNull(name, "name"), persisted -> persisted);
  }

  /**
   * Persists the frame and returns the frame later steps read ({@code reader} of the persisted one);
   * with a name, computed now as a Spark job of that name, its rows and time logged.
   */
  private static Shared persist(Dataset<Row> frame, String name,
      java.util.function.UnaryOperator<Dataset<Row>> reader) {
    var context = frame.sparkSession().sparkContext();
    String previous = context.getLocalProperty("spark.job.description");
    if (name != null) {
      context.setJobDescription(name);
    }
    long started = System.nanoTime();
    try {
      Dataset<Row> persisted = frame.persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> read = reader.apply(persisted);
      if (name != null) {
        long count = read.count();
        LOG.info("{}: {} rows in {} ms", name, count, (System.nanoTime() - started) / 1_000_000);
      }
      return new Shared(read, persisted);
    } finally {
      context.setJobDescription(previous);
    }
  }

  private static final org.apache.logging.log4j.Logger LOG =
      org.apache.logging.log4j.LogManager.getLogger(Lineage.class);

  /** The frame computed now, written reliably to the checkpoint folder, and read back from there. */
  public static Dataset<Row> checkpoint(Dataset<Row> frame) {
    return frame.checkpoint(true);
  }

  /** Kept for the current callers: a reliable checkpoint (see {@link #checkpoint}). */
  public static Dataset<Row> cut(Dataset<Row> frame) {
    return checkpoint(frame);
  }
}
