package com.clientele.gold;

import static com.clientele.gold.GoldColumns.date;
import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What every gold table of an as-of date reads: the customers' state (silver.customer_state: archive
 * versions, days and interactions, later ones included — {@link CustomerSummaries} reads each as it was
 * known at the end of the as-of date) and the referrals dated up to the as-of date. Nothing later than
 * the as-of date is visible, so a snapshot depends on silver, the date and the settings alone
 * (re-running a past date gives the same tables as long as silver holds the same rows).
 *
 * @param asOf the as-of date
 * @param state silver.customer_state rows
 * @param referrals silver.referrals rows dated up to the as-of date
 */
public record GoldInputs(LocalDate asOf, Dataset<Row> state, Dataset<Row> referrals) {

  /** The as-of inputs from silver.customer_state and silver.referrals. */
  public static GoldInputs prepare(Dataset<Row> state, Dataset<Row> silverReferrals, LocalDate asOf) {
    return new GoldInputs(asOf, state, silverReferrals.where(col("referral_date").leq(date(asOf))));
  }

  Column asOfDate() {
    return date(asOf);
  }
}
