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

    double unitDays() {
      return this == DAYS ? 1.0 : 7.0;
    }
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
