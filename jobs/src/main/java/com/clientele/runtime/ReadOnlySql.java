package com.clientele.runtime;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.Function1;
import scala.Option;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * A Spark session extension that makes the SQL server read-only once {@link #enforce} is called (after
 * the server registered its catalog): queries, SHOW, DESCRIBE, EXPLAIN, USE, REFRESH and reading
 * settings pass; every other command (INSERT, DELETE, UPDATE, MERGE, CREATE, DROP, ALTER, CACHE,
 * VACUUM, OPTIMIZE, ...) is refused, and so is a SET that would re-open what the catalog closes
 * (path queries, other catalogs). The Thrift Server has no SQL authorisation of its own, and BI users
 * must not be able to change or drop the tables executives' figures come from.
 */
public final class ReadOnlySql extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> implements Serializable {

  private static volatile boolean enforced;

  /** The commands a read-only session may run (by the simple name's prefix). */
  private static final List<String> ALLOWED = List.of("Show", "Describe", "Explain", "SetCatalogAndNamespace",
      "RefreshTable", "ResetCommand");

  /** Settings a read-only session may not change. */
  private static final List<String> PROTECTED = List.of("spark.sql.runsqlonfiles", "spark.sql.catalog.",
      "spark.sql.extensions", "spark.sql.catalogimplementation", "spark.sql.warehouse.dir");

  /** From now on, commands that change anything are refused in every session of this JVM. */
  public static void enforce() {
    enforced = true;
  }

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(new CheckBuilder());
    return BoxedUnit.UNIT;
  }

  private static final class CheckBuilder extends AbstractFunction1<SparkSession, Function1<LogicalPlan, BoxedUnit>>
      implements Serializable {
    @Override
    public Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
      return new Check();
    }
  }

  private static final class Check extends AbstractFunction1<LogicalPlan, BoxedUnit> implements Serializable {
    @Override
    public BoxedUnit apply(LogicalPlan plan) {
      if (enforced) {
        check(plan);
      }
      return BoxedUnit.UNIT;
    }
  }

  static void check(LogicalPlan plan) {
    if (!(plan instanceof Command)) {
      return;
    }
    String name = plan.getClass().getSimpleName();
    if (plan instanceof SetCommand set) {
      Option<Tuple2<String, Option<String>>> kv = set.kv();
      if (kv.isDefined() && kv.get()._2().isDefined()) {
        String key = kv.get()._1().toLowerCase(Locale.ROOT);
        if (PROTECTED.stream().anyMatch(key::startsWith)) {
          throw new UnsupportedOperationException("the SQL server is read-only: " + kv.get()._1()
              + " cannot be changed here");
        }
      }
      return;
    }
    if (ALLOWED.stream().noneMatch(name::startsWith)) {
      throw new UnsupportedOperationException("the SQL server is read-only: " + name + " is not allowed "
          + "(queries, SHOW, DESCRIBE, EXPLAIN, USE and SET are)");
    }
  }
}
