package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.clv.BgNbd;
import com.clientele.clv.CustomerGroup;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code clientele clv-validate}: the calibration/holdout check of the BG/NBD model, as in the
 * papers (Fader, Hardie &amp; Lee 2005, figures 3 and 5). The model is fitted on the sale lines up to
 * the calibration end D (lifetimes' summary in the configured unit, {@link RfmSummary#compute}); each
 * customer of the calibration period is then predicted E[Y(t) | x, tₓ, T] purchases for the holdout
 * (D, E] and compared with what they did — purchase periods (days, or weeks with the weeks unit) with
 * a sale line in the holdout:
 * <ul>
 *   <li>by week of the holdout: the cumulative repeat purchases of all calibration customers, actual
 *       and predicted (t = the days since D, in the unit);</li>
 *   <li>by calibration frequency x = 0 … 6 and 7+: the customers, and the mean actual and predicted
 *       holdout purchases (the conditional expectations);</li>
 *   <li>the mean absolute error of the customers' predicted holdout purchases, and the totals.</li>
 * </ul>
 * Customers whose first purchase is after D are not in the calibration, so not in the check.
 */
public final class LifetimeValueValidation {

  private LifetimeValueValidation() {}

  /** The highest frequency with its own bucket; the last bucket holds it and every higher one. */
  static final int TOP_BUCKET = 7;

  public record Week(int week, String weekEnd, long actualCumulative, double predictedCumulative) {}

  public record Bucket(String frequency, long customers, double actualMean, double predictedMean) {}

  public record Result(String calibrationEnd, String holdoutEnd, String timeUnit, BgNbd.Params params,
      boolean converged, long customers, long actualTotal, double predictedTotal, double meanAbsoluteError,
      List<Week> weeks, List<Bucket> buckets) {

    public String describe() {
      StringBuilder out = new StringBuilder();
      out.append(String.format("BG/NBD calibration to %s, holdout to %s (%s): %d customers%n", calibrationEnd,
          holdoutEnd, timeUnit, customers));
      out.append(String.format("  r %.6g  alpha %.6g  a %.6g  b %.6g  (converged: %s)%n", params.r(), params.alpha(),
          params.a(), params.b(), converged));
      out.append(String.format("  holdout repeat purchases: actual %d, predicted %.1f (%+.2f%%)%n", actualTotal,
          predictedTotal, 100 * (predictedTotal - actualTotal) / Math.max(1, actualTotal)));
      out.append(String.format("  mean absolute error per customer: %.4f%n%n", meanAbsoluteError));
      out.append(String.format("  %-5s %-10s %12s %12s%n", "week", "ends", "actual", "predicted"));
      for (Week w : weeks) {
        out.append(String.format("  %-5d %-10s %12d %12.1f%n", w.week(), w.weekEnd(), w.actualCumulative(),
            w.predictedCumulative()));
      }
      out.append(String.format("%n  %-9s %10s %14s %14s%n", "frequency", "customers", "actual mean", "predicted mean"));
      for (Bucket b : buckets) {
        out.append(String.format("  %-9s %10d %14.4f %14.4f%n", b.frequency(), b.customers(), b.actualMean(),
            b.predictedMean()));
      }
      return out.toString();
    }
  }

  /**
   * @param transactions silver.transactions-shaped rows (customer_key, transaction_date,
   *     transaction_type, amount)
   */
  public static Result run(Dataset<Row> transactions, LocalDate calibrationEnd, LocalDate holdoutEnd,
      AnalyticsSettings settings) {
    if (!holdoutEnd.isAfter(calibrationEnd)) {
      throw new IllegalArgumentException("the holdout end " + holdoutEnd + " must be after the calibration end "
          + calibrationEnd);
    }
    RfmSummary.TimeUnit unit = settings.clv().timeUnit();
    Dataset<Row> sales = transactions.where(col("transaction_type").equalTo("sale"))
        .select("customer_key", "transaction_date", "amount");
    Dataset<Row> calibration = RfmSummary.compute(sales.where(col("transaction_date").leq(GoldColumns.date(calibrationEnd))),
        calibrationEnd, unit);
    Column d = GoldColumns.date(calibrationEnd);
    Dataset<Row> holdout = sales.where(col("transaction_date").gt(d)
            .and(col("transaction_date").leq(GoldColumns.date(holdoutEnd))))
        .select(col("customer_key"), unit.period(col("transaction_date")).as("_period"),
            // the week of the holdout a purchase period falls in (1 = the 7 days after D)
            ceil(datediff(col("transaction_date"), d).divide(7.0)).cast("int").as("_week"))
        .groupBy("customer_key", "_period").agg(min("_week").as("_week"))
        .join(calibration.select("customer_key"), "customer_key");
    Dataset<Row> perCustomer = calibration.join(holdout.groupBy("customer_key").agg(count(lit(1)).as("_actual")),
        new String[] {"customer_key"}, "left").na().fill(0L, new String[] {"_actual"});
    List<Row> groups = perCustomer.groupBy("frequency", "recency", "T", "_actual").count().collectAsList();
    Map<List<Double>, Long> byRfm = new LinkedHashMap<>();
    for (Row r : groups) {
      byRfm.merge(List.of(r.getDouble(0), r.getDouble(1), r.getDouble(2)), r.getLong(4), Long::sum);
    }
    List<CustomerGroup> fitGroups = new ArrayList<>();
    byRfm.forEach((k, n) -> fitGroups.add(new CustomerGroup(k.get(0), k.get(1), k.get(2), 0, n)));
    var fit = BgNbd.fit(fitGroups);
    BgNbd.Params p = fit.params();
    double unitDays = unit.unitDays();
    double holdoutLength = ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd) / unitDays;

    long customers = 0;
    long actualTotal = 0;
    double predictedTotal = 0;
    double absoluteError = 0;
    long[] bucketCustomers = new long[TOP_BUCKET + 1];
    double[] bucketActual = new double[TOP_BUCKET + 1];
    double[] bucketPredicted = new double[TOP_BUCKET + 1];
    for (Row r : groups) {
      double x = r.getDouble(0);
      long actual = r.getLong(3);
      long n = r.getLong(4);
      double predicted = BgNbd.conditionalExpectedPurchases(p, holdoutLength, x, r.getDouble(1), r.getDouble(2));
      customers += n;
      actualTotal += actual * n;
      predictedTotal += predicted * n;
      absoluteError += Math.abs(predicted - actual) * n;
      int bucket = (int) Math.min(TOP_BUCKET, x);
      bucketCustomers[bucket] += n;
      bucketActual[bucket] += actual * n;
      bucketPredicted[bucket] += predicted * n;
    }
    List<Bucket> buckets = new ArrayList<>();
    for (int b = 0; b <= TOP_BUCKET; b++) {
      if (bucketCustomers[b] > 0) {
        buckets.add(new Bucket(b == TOP_BUCKET ? TOP_BUCKET + "+" : String.valueOf(b), bucketCustomers[b],
            bucketActual[b] / bucketCustomers[b], bucketPredicted[b] / bucketCustomers[b]));
      }
    }

    int weeks = (int) Math.ceil(ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd) / 7.0);
    long[] actualByWeek = new long[weeks + 1];
    for (Row r : holdout.groupBy("_week").count().collectAsList()) {
      actualByWeek[r.getInt(0)] += r.getLong(1);
    }
    List<Week> weekly = new ArrayList<>();
    long cumulative = 0;
    for (int w = 1; w <= weeks; w++) {
      cumulative += actualByWeek[w];
      LocalDate end = calibrationEnd.plusDays(Math.min(7L * w, ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd)));
      double t = ChronoUnit.DAYS.between(calibrationEnd, end) / unitDays;
      double predicted = 0;
      for (CustomerGroup g : fitGroups) {
        predicted += g.customers() * BgNbd.conditionalExpectedPurchases(p, t, g.frequency(), g.recency(), g.age());
      }
      weekly.add(new Week(w, end.toString(), cumulative, predicted));
    }
    return new Result(calibrationEnd.toString(), holdoutEnd.toString(), unit.settingName(), p, fit.converged(), customers, actualTotal,
        predictedTotal, customers == 0 ? 0 : absoluteError / customers, weekly, buckets);
  }
}
