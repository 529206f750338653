package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-customer RFM summary of the lifetimes library ({@code lifetimes.utils.
 * summary_data_from_transaction_data}), the input of the BG/NBD and Gamma-Gamma lifetime-value
 * models. For an observation end date and a time unit:
 * <ol>
 *   <li>transactions are bucketed into periods of the unit (days; or calendar weeks Monday–Sunday,
 *       pandas' {@code to_period('W')}) and summed per customer and period; periods after the
 *       observation end's period are dropped (so with weeks, the rest of the end date's week counts);</li>
 *   <li>frequency = the number of periods with a purchase − 1 (repeat purchase periods);</li>
 *   <li>recency = last period − first period, and T = the observation end's period − the first period,
 *       in units (days, or weeks: days / 7);</li>
 *   <li>monetary_value = the mean of the per-period totals of the repeat periods (the first period
 *       left out), 0 when frequency = 0.</li>
 * </ol>
 * Every row given counts as a purchase, as in lifetimes (repeated lines on one day are summed into
 * that day; zero amounts count): pass sale lines only if refunds should not count.
 * All four values are doubles, like lifetimes' output.
 */
public final class RfmSummary {

  private RfmSummary() {}

  /** The time unit of recency and T, with lifetimes' matching arguments. */
  public enum TimeUnit {
    /** {@code freq='D'}. */
    DAYS,
    /** {@code freq='W'}: calendar weeks; purchases in one week are one period. */
    WEEKS,
    /** {@code freq='D', freq_multiplier=7}: day periods, recency and T in (fractional) weeks. */
    DAYS_IN_WEEKS;

    Column period(Column date) {
      return this == WEEKS ? to_date(date_trunc("week", date)) : date;
    }

    /** The period (its first day, in epoch days) of an epoch day: the day, or its week's Monday. */
    int period(int epochDay) {
      return this == WEEKS ? epochDay - Math.floorMod(epochDay + 3, 7) : epochDay;
    }

    /** The length of the unit of recency and T in days. */
    public double unitDays() {
      return this == DAYS ? 1.0 : 7.0;
    }

    /** The unit as the settings spell it. */
    public String settingName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The unit a setting names (days, weeks, days-in-weeks). */
    public static TimeUnit fromSetting(String name) {
      for (TimeUnit u : values()) {
        if (u.settingName().equals(name)) {
          return u;
        }
      }
      throw new IllegalArgumentException("unknown time unit '" + name + "' (days, weeks or days-in-weeks)");
    }
  }

  /**
   * The same summary for one customer from their days in date order (as {@link PurchaseHistory.Days}
   * holds them): the days with a sale line on or before the as-of day are the purchases, each day's
   * value its sales in cents. Unlike {@link #compute} with calendar weeks, nothing after the as-of day
   * counts (a snapshot never reads ahead), so the as-of day's week is cut there.
   *
   * @return {frequency, recency, T, monetary_value}, or null when the customer had no purchase by then
   */
  static double[] ofDays(int[] dates, int[] purchaseLines, long[] salesCents, int asOf, TimeUnit unit) {
    int first = Integer.MIN_VALUE;
    int current = Integer.MIN_VALUE;
    int periods = 0;
    long currentCents = 0;
    double repeatSum = 0;
    for (int i = 0; i < dates.length && dates[i] <= asOf; i++) {
      if (purchaseLines[i] <= 0) {
        continue;
      }
      int period = unit.period(dates[i]);
      if (period != current) {
        if (periods > 1) {
          repeatSum += currentCents / 100.0;
        }
        if (periods == 0) {
          first = period;
        }
        current = period;
        currentCents = 0;
        periods++;
      }
      currentCents += salesCents[i];
    }
    if (periods == 0) {
      return null;
    }
    if (periods > 1) {
      repeatSum += currentCents / 100.0;
    }
    double frequency = periods - 1;
    double unitDays = unit.unitDays();
    return new double[] {frequency, (current - first) / unitDays, (unit.period(asOf) - first) / unitDays,
        frequency > 0 ? repeatSum / frequency : 0.0};
  }

  /** The summary of silver.transactions-shaped rows (customer_key, transaction_date, amount). */
  public static Dataset<Row> compute(Dataset<Row> transactions, LocalDate observationEnd, TimeUnit unit) {
    return compute(transactions, "customer_key", "transaction_date", "amount", observationEnd, unit);
  }

  /**
   * The summary: one row per customer with a transaction up to the observation end — customer
   * column, frequency, recency, T, monetary_value.
   */
  public static Dataset<Row> compute(Dataset<Row> transactions, String customerColumn, String dateColumn,
      String amountColumn, LocalDate observationEnd, TimeUnit unit) {
    Column endPeriod = unit.period(GoldColumns.date(observationEnd));
    Dataset<Row> periods = transactions
        .withColumn("_period", unit.period(col(dateColumn)))
        .where(col("_period").leq(endPeriod))
        .groupBy(col(customerColumn), col("_period"))
        .agg(sum(col(amountColumn)).as("_value"));
    Dataset<Row> withFirst = periods.withColumn("_first",
        min("_period").over(org.apache.spark.sql.expressions.Window.partitionBy(customerColumn)));
    double unitDays = unit.unitDays();
    return withFirst.groupBy(col(customerColumn)).agg(
        count(lit(1)).minus(1).cast("double").as("frequency"),
        datediff(max("_period"), min("_period")).divide(unitDays).as("recency"),
        datediff(endPeriod, min("_period")).divide(unitDays).as("T"),
        // The mean in double precision, as lifetimes (a decimal mean would be rounded to 4 more digits).
        coalesce(avg(when(col("_period").notEqual(col("_first")), col("_value").cast("double"))), lit(0.0))
            .as("monetary_value"));
  }
}
