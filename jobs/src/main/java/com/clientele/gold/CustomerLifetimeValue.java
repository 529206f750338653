package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.clv.BgNbd;
import com.clientele.clv.GammaGamma;
import com.clientele.clv.Hashing;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
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
   * (no conversion to and from Java rows). The expectations per distinct (x, T) come from the fit
   * ({@link LifetimeValueModels.Fitted#expectations}), broadcast to the partitions. Each partition
   * fills one mutable row of primitive slots per customer: the scan that reads this RDD
   * (RDDScanExec) copies every row into its own unsafe row before asking for the next, as it does for
   * any RDD of internal rows, so neither the row nor the key's bytes need copying here.
   */
  public static Dataset<Row> score(Dataset<Row> rfm, LifetimeValueModels.Fitted fitted) {
    Scorer scorer = fitted.purchasesUsable() ? new Scorer(fitted.bgNbd().fit().params(),
        fitted.usable() ? fitted.gammaGamma().fit().params() : null, fitted.settings()) : null;
    Broadcast<IfAliveTable> table = scorer == null || fitted.expectations() == null ? null
        : JavaSparkContext.fromSparkContext(rfm.sparkSession().sparkContext()).broadcast(fitted.expectations());
    int width = SCORED.size();
    JavaRDD<InternalRow> scored = rfm.select("customer_key", "frequency", "recency", "age", "monetary_value")
        .queryExecution().toRdd().toJavaRDD().mapPartitions(rows -> {
          Scorer.Memo memo = scorer == null ? null : scorer.memo(table == null ? null : table.value());
          SpecificInternalRow out = new SpecificInternalRow(SCORED);
          double[] predictions = new double[width - 5];
          return new Iterator<InternalRow>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public InternalRow next() {
              InternalRow r = rows.next();
              if (r.isNullAt(0)) {
                out.setNullAt(0);
              } else {
                out.update(0, r.getUTF8String(0));
              }
              double x = r.getDouble(1);
              double recency = r.getDouble(2);
              double age = r.getDouble(3);
              double m = r.getDouble(4);
              out.setDouble(1, x);
              out.setDouble(2, recency);
              out.setDouble(3, age);
              out.setDouble(4, m);
              int scores = memo == null ? 0 : memo.score(x, recency, age, m, predictions);
              for (int i = 0; i < predictions.length; i++) {
                if (i < scores) {
                  out.setDouble(5 + i, predictions[i]);
                } else {
                  out.setNullAt(5 + i);
                }
              }
              return out;
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
   * The values of {@link Scorer} that depend on a customer through (x, T) only — the expected
   * purchases if alive at each horizon, then the discounted sum of the CLV's monthly increments — for
   * every distinct (x, T) fitted, computed once on the driver (on all its cores) and broadcast, instead
   * of once per partition that meets the pair.
   */
  static final class IfAliveTable implements Serializable {
    private final double[] values;
    private final int width;
    private final int pairs;
    /** An open-addressing hash table of the pairs' bits: slot → x, T and the offset of their values (−1: empty). */
    private final long[] frequencyBits;
    private final long[] ageBits;
    private final int[] offsets;

    /** Distinct pairs {@code (x[i], age[i])} with {@code width} values each in {@code values}. */
    IfAliveTable(double[] x, double[] age, double[] values, int width) {
      this.values = values;
      this.width = width;
      this.pairs = x.length;
      int slots = Integer.highestOneBit(Math.max(4, x.length * 2 - 1)) * 2;
      this.frequencyBits = new long[slots];
      this.ageBits = new long[slots];
      this.offsets = new int[slots];
      java.util.Arrays.fill(offsets, -1);
      for (int i = 0; i < x.length; i++) {
        long fx = Double.doubleToLongBits(x[i]);
        long fa = Double.doubleToLongBits(age[i]);
        int j = slot(fx, fa);
        frequencyBits[j] = fx;
        ageBits[j] = fa;
        offsets[j] = i * width;
      }
    }

    private int slot(long fx, long fa) {
      int mask = offsets.length - 1;
      int j = (int) Hashing.mix(fx * 31 + fa) & mask;
      while (offsets[j] >= 0 && (frequencyBits[j] != fx || ageBits[j] != fa)) {
        j = (j + 1) & mask;
      }
      return j;
    }

    /** The number of (x, T) pairs. */
    int pairs() {
      return pairs;
    }

    /** The offset of the pair's values in {@link #values}, or −1 when the pair is not in the table. */
    int offset(double x, double age) {
      return offsets[slot(Double.doubleToLongBits(x), Double.doubleToLongBits(age))];
    }
  }

  /**
   * The predictions of fitted models. Everything but P(alive) and E[M] depends on a customer only
   * through (x, T): the expected purchases if alive and the discounted sum of the monthly increments
   * of the CLV are taken from the {@link IfAliveTable} of the pairs fitted (or, for a pair not in it,
   * computed and kept for the partition), and each customer's values are those times their P(alive)
   * (the conditional expectation is exactly the expectation if alive times P(alive)).
   */
  static final class Scorer implements Serializable {
    private final BgNbd.Params bgNbd;
    private final GammaGamma.Params gammaGamma;
    private final double[] horizons;
    private final double month;
    private final int months;
    private final double discount;

    /** The scorer of a BG/NBD fit and, if there is one, a usable Gamma-Gamma fit (else null). */
    Scorer(BgNbd.Params bgNbd, GammaGamma.Params gammaGamma, AnalyticsSettings.Clv settings) {
      this.bgNbd = bgNbd;
      this.gammaGamma = gammaGamma;
      double unitDays = settings.timeUnit().unitDays();
      this.horizons = new double[HORIZON_DAYS.length];
      for (int i = 0; i < horizons.length; i++) {
        horizons[i] = HORIZON_DAYS[i] / unitDays;
      }
      this.month = unitsPerMonth(settings.timeUnit());
      this.months = settings.horizonMonths();
      this.discount = settings.monthlyDiscountRate();
    }

    private record Key(double x, double age) {}

    /** The table of the pairs {@code {x[], T[]}} (ordered by x then T, distinct), computed in parallel. */
    IfAliveTable table(double[][] frequenciesAndAges) {
      double[] x = frequenciesAndAges[0];
      double[] age = frequenciesAndAges[1];
      int width = horizons.length + 1;
      double[] values = new double[x.length * width];
      IntStream.range(0, x.length).parallel()
          .forEach(i -> System.arraycopy(ifAlive(x[i], age[i]), 0, values, i * width, width));
      return new IfAliveTable(x, age, values, width);
    }

    Memo memo(IfAliveTable table) {
      return new Memo(table);
    }

    /** The per-(x, T) values of one partition: the table's, else computed once in the partition. */
    final class Memo {
      private final IfAliveTable table;
      private final Map<Key, double[]> byFrequencyAndAge = new HashMap<>();

      Memo(IfAliveTable table) {
        this.table = table;
      }

      /**
       * Writes p_alive, expected purchases (30, 90, 365 days), then — when the spend model was fitted
       * too — E[M], clv, value_at_risk into {@code out}; returns how many it wrote (4 or 7).
       */
      int score(double x, double recency, double age, double m, double[] out) {
        double[] values;
        int at = table == null ? -1 : table.offset(x, age);
        if (at >= 0) {
          values = table.values;
        } else {
          values = byFrequencyAndAge.computeIfAbsent(new Key(x, age), k -> ifAlive(x, age));
          at = 0;
        }
        double alive = BgNbd.probabilityAlive(bgNbd, x, recency, age);
        out[0] = alive;
        out[1] = values[at] * alive;
        out[2] = values[at + 1] * alive;
        out[3] = values[at + 2] * alive;
        if (gammaGamma == null) {
          return 4;
        }
        double value = GammaGamma.conditionalExpectedValue(gammaGamma, x, m);
        double clv = value * values[at + horizons.length] * alive;
        out[4] = value;
        out[5] = clv;
        out[6] = clv * (1 - alive);
        return 7;
      }
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
