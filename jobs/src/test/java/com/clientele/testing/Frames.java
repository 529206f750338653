package com.clientele.testing;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Helpers to compare tables whose rows may come in any order. */
public final class Frames {

  private Frames() {}

  /**
   * Asserts two frames hold the same rows (in any order), ignoring the given columns, with
   * spark-testing-base's row-by-row comparison.
   */
  public static void assertSameRows(com.holdenkarau.spark.testing.JavaDataFrameSuiteBase frames,
      Dataset<Row> expected, Dataset<Row> actual, String... without) {
    scala.Function1<Dataset<Row>, scala.runtime.BoxedUnit> show = d -> scala.runtime.BoxedUnit.UNIT;
    frames.assertDataFrameEquals(comparable(expected, without), comparable(actual, without), show);
  }

  /** The frame without the given columns, sorted by every remaining column. */
  public static Dataset<Row> comparable(Dataset<Row> frame, String... without) {
    Dataset<Row> kept = frame.drop(without);
    Column[] order = Arrays.stream(kept.columns()).map(functions::col).toArray(Column[]::new);
    return kept.orderBy(order);
  }
}
