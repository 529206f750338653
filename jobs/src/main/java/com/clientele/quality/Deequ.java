package com.clientele.quality;

import com.amazon.deequ.checks.Check;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The Deequ constraints this project uses, as plain Java functions (Deequ's API is Scala: Options,
 * Seqs and Function1 assertions). Each returns the change to a {@link Check} that adds one constraint.
 */
final class Deequ {

  private Deequ() {}

  /** Every value of the column is present. */
  static UnaryOperator<Check> complete(String column) {
    return c -> c.isComplete(column, Option.empty(), Option.empty());
  }

  /** No two rows share the combination of the columns. */
  static UnaryOperator<Check> unique(String... columns) {
    return c -> c.hasUniqueness(seq(columns), assertion(v -> v == 1.0), Option.empty());
  }

  /** Every row satisfies the SQL condition (write "x IS NULL OR ..." where nulls are allowed). */
  static UnaryOperator<Check> holds(String name, String condition) {
    return c -> c.satisfies(condition, name, assertion(v -> v == 1.0), Option.empty(),
        scala.collection.immutable.List$.MODULE$.empty(), Option.empty());
  }

  /** The dataset has at least {@code min} rows (optionally only those matching {@code where}). */
  static UnaryOperator<Check> atLeastRows(long min, String where) {
    Function1<Object, Object> atLeast = n -> ((Number) n).longValue() >= min;
    return c -> where == null ? c.hasSize(atLeast, Option.empty()) : c.hasSize(atLeast, Option.empty()).where(where);
  }

  static <T> Seq<T> emptySeq() {
    return JavaConverters.asScalaBuffer(new java.util.ArrayList<T>()).toSeq();
  }

  private static Seq<String> seq(String... values) {
    return JavaConverters.asScalaBuffer(Arrays.asList(values)).toSeq();
  }

  private interface DoubleTest {
    boolean test(double value);
  }

  private static Function1<Object, Object> assertion(DoubleTest test) {
    return v -> test.test(((Number) v).doubleValue());
  }
}
