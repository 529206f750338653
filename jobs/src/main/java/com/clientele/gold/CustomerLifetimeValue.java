package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.clv.BgNbd;
import com.clientele.clv.GammaGamma;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * gold.customer_lifetime_value — what each customer is worth ahead, from the models of
 * {@link LifetimeValueModels} (docs/clv.md). One row per customer with a purchase by the as-of date
 * (customers who never bought get none):
 * <ul>
 *   <li>frequency, recency, age, monetary_value: lifetimes' RFM summary of the customer's purchase
 *       days ({@link RfmSummary#ofDays}; frequency = repeat purchase periods, recency and age = T in
 *       clv.time-unit, default weeks of one-day periods);</li>
 *   <li>p_alive: BG/NBD P(alive | x, tₓ, T) — 1 for a customer who bought once, since in the model a
 *       customer can only drop out right after a repeat purchase;</li>
 *   <li>expected_purchases_30d / _90d / _365d: E[Y(t) | x, tₓ, T], t = 30, 90, 365 days in the unit;</li>
 *   <li>expected_average_order_value: Gamma-Gamma E[M | x, mₓ] (the population mean for x = 0);</li>
 *   <li>clv: Σ over the clv.horizon-months months i of E[M] · (E[Y(i·u)] − E[Y((i−1)·u)]) / (1 + d)^i,
 *       u a month in the unit (lifetimes: 30 days, 4.345 weeks), d = clv.monthly-discount-rate;</li>
 *   <li>value_at_risk = clv × (1 − p_alive): the value expected if alive that the chance of having
 *       gone puts at risk;</li>
 *   <li>clv_rank: 1 for the largest clv (ties by customer_key); clv_decile = ⌊(rank − 1) · 10 / n⌋ + 1
 *       over the n customers (1 = the top tenth).</li>
 * </ul>
 * The predictions are null when the models could not be fitted (gold.clv_model's status): all of them
 * without BG/NBD; the expected order value, clv, value_at_risk, rank and decile without Gamma-Gamma.
 */
public final class CustomerLifetimeValue {

  private CustomerLifetimeValue() {}

  /** Horizons of the expected purchases, in days. */
  static final int[] HORIZON_DAYS = {30, 90, 365};

  private static final StructType SCORED = StructType.fromDDL(
      "customer_key STRING, frequency DOUBLE, recency DOUBLE, age DOUBLE, monetary_value DOUBLE, p_alive DOUBLE, "
          + "expected_purchases_30d DOUBLE, expected_purchases_90d DOUBLE, expected_purchases_365d DOUBLE, "
          + "expected_average_order_value DOUBLE, clv DOUBLE, value_at_risk DOUBLE");

  /** A month in the model's unit, as lifetimes: 30 days, or 4.345 weeks. */
  static double unitsPerMonth(RfmSummary.TimeUnit unit) {
    return unit == RfmSummary.TimeUnit.DAYS ? 30.0 : 4.345;
  }

  /**
   * The scored customers (the table's columns but the date, rank and decile) of the RFM rows
   * ({@link LifetimeValueModels#rfm}), partition by partition with no shuffle, on Spark's internal rows
   * (no conversion to and from Java rows).
   */
  public static Dataset<Row> score(Dataset<Row> rfm, LifetimeValueModels.Fitted fitted) {
    Scorer scorer = fitted.purchasesUsable() ? new Scorer(fitted) : null;
    int width = SCORED.size();
    JavaRDD<InternalRow> scored = rfm.select("customer_key", "frequency", "recency", "age", "monetary_value")
        .queryExecution().toRdd().toJavaRDD().mapPartitions(rows -> {
          Scorer.Memo memo = scorer == null ? null : scorer.memo();
          return new Iterator<InternalRow>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public InternalRow next() {
              InternalRow r = rows.next();
              Object[] values = new Object[width];
              values[0] = r.isNullAt(0) ? null : r.getUTF8String(0).clone(); // the input row is reused
              double x = r.getDouble(1);
              double recency = r.getDouble(2);
              double age = r.getDouble(3);
              double m = r.getDouble(4);
              values[1] = x;
              values[2] = recency;
              values[3] = age;
              values[4] = m;
              if (memo != null) {
                double[] s = memo.score(x, recency, age, m);
                for (int i = 0; i < s.length; i++) {
                  values[5 + i] = s[i];
                }
              }
              return new GenericInternalRow(values);
            }
          };
        });
    return rfm.sparkSession().internalCreateDataFrame(scored.rdd(), SCORED, false);
  }

  /**
   * The table: the scored customers ({@link #score}) ranked by clv. The rank is exact: one
   * range-partitioned sort, each partition's rows then numbered after the counts of the partitions
   * before it (zipWithIndex), so no single task ever holds every customer.
   */
  public static Dataset<Row> compute(Dataset<Row> scored, LifetimeValueModels.Fitted fitted, LocalDate asOf) {
    Date day = Date.valueOf(asOf);
    if (!fitted.usable()) {
      return GoldColumns.conform(TableCatalog.CUSTOMER_LIFETIME_VALUE, scored
          .withColumn("as_of_date", lit(day)).withColumn("clv_rank", lit(null).cast("bigint"))
          .withColumn("clv_decile", lit(null).cast("int")));
    }
    long customers = fitted.bgNbd().customers();
    Dataset<Row> sorted = scored.orderBy(col("clv").desc(), col("customer_key"));
    int width = SCORED.size();
    JavaRDD<Row> ranked = sorted.javaRDD().zipWithIndex().map(pair -> {
      Row r = pair._1();
      Object[] values = new Object[width + 3];
      values[0] = day;
      for (int i = 0; i < width; i++) {
        values[i + 1] = r.get(i);
      }
      long rank = pair._2() + 1;
      values[width + 1] = rank;
      values[width + 2] = (int) ((rank - 1) * 10 / customers) + 1;
      return RowFactory.create(values);
    });
    StructType schema = new StructType().add("as_of_date", "date");
    for (var field : SCORED.fields()) {
      schema = schema.add(field);
    }
    schema = schema.add("clv_rank", "bigint").add("clv_decile", "int");
    return GoldColumns.conform(TableCatalog.CUSTOMER_LIFETIME_VALUE,
        scored.sparkSession().createDataFrame(ranked, schema));
  }

  /**
   * The predictions of fitted models. Everything but P(alive) and E[M] depends on a customer only
   * through (x, T): the expected purchases if alive and the discounted sum of the monthly increments
   * of the CLV are kept per (x, T) seen in a partition, and each customer's values are those times
   * their P(alive) (the conditional expectation is exactly the expectation if alive times P(alive)).
   */
  static final class Scorer implements Serializable {
    private final BgNbd.Params bgNbd;
    private final GammaGamma.Params gammaGamma;
    private final double[] horizons;
    private final double month;
    private final int months;
    private final double discount;

    Scorer(LifetimeValueModels.Fitted fitted) {
      this.bgNbd = fitted.bgNbd().fit().params();
      this.gammaGamma = fitted.usable() ? fitted.gammaGamma().fit().params() : null;
      double unitDays = fitted.settings().timeUnit().unitDays();
      this.horizons = new double[HORIZON_DAYS.length];
      for (int i = 0; i < horizons.length; i++) {
        horizons[i] = HORIZON_DAYS[i] / unitDays;
      }
      this.month = unitsPerMonth(fitted.settings().timeUnit());
      this.months = fitted.settings().horizonMonths();
      this.discount = fitted.settings().monthlyDiscountRate();
    }

    private record Key(double x, double age) {}

    Memo memo() {
      return new Memo();
    }

    /** The per-(x, T) values of one partition. */
    final class Memo {
      private final Map<Key, double[]> byFrequencyAndAge = new HashMap<>();

      /**
       * p_alive, expected purchases (30, 90, 365 days), then — when the spend model was fitted too —
       * E[M], clv, value_at_risk.
       */
      double[] score(double x, double recency, double age, double m) {
        double[] ifAlive = byFrequencyAndAge.computeIfAbsent(new Key(x, age), k -> ifAlive(x, age));
        double alive = BgNbd.probabilityAlive(bgNbd, x, recency, age);
        if (gammaGamma == null) {
          return new double[] {alive, ifAlive[0] * alive, ifAlive[1] * alive, ifAlive[2] * alive};
        }
        double value = GammaGamma.conditionalExpectedValue(gammaGamma, x, m);
        double clv = value * ifAlive[horizons.length] * alive;
        return new double[] {alive, ifAlive[0] * alive, ifAlive[1] * alive, ifAlive[2] * alive, value, clv,
            clv * (1 - alive)};
      }

      /** Expected purchases if alive at each horizon, then the discounted sum of monthly increments. */
      private double[] ifAlive(double x, double age) {
        double[] out = new double[horizons.length + 1];
        for (int i = 0; i < horizons.length; i++) {
          out[i] = BgNbd.expectedPurchasesIfAlive(bgNbd, horizons[i], x, age);
        }
        double sum = 0;
        double before = 0;
        for (int i = 1; i <= months; i++) {
          double upTo = BgNbd.expectedPurchasesIfAlive(bgNbd, i * month, x, age);
          sum += (upTo - before) / Math.pow(1 + discount, i);
          before = upTo;
        }
        out[horizons.length] = sum;
        return out;
      }
    }
  }
}
