package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.customer_daily_activity: silver.transactions summed per customer, day and file. It is the
 * only input the gold layer takes from transactions, so a daily build scans just the new files'
 * rows (the gold job appends their aggregate once per file_id) and the rest of the work grows with
 * customer-days, not transaction lines.
 */
public final class CustomerDailyActivity {

  private CustomerDailyActivity() {}

  /**
   * Transactions (silver.transactions columns: customer_key, transaction_date, transaction_type,
   * amount, cost, file_id) → one row per customer_key, activity_date and file_id:
   * purchase_lines = sale lines, refund_lines = refund lines, sales_amount = sum of sale amounts,
   * refund_amount = sum of refund amounts (negative), net_amount = their sum,
   * costed_sales_amount / profit_amount = the amount and amount − cost of the sale lines whose cost
   * is known. A sale line counts as a purchase even when its amount is 0; a refund never does.
   */
  public static Dataset<Row> aggregate(Dataset<Row> transactions) {
    Column sale = col("transaction_type").equalTo("sale");
    Column refund = col("transaction_type").equalTo("refund");
    Column costed = sale.and(col("cost").isNotNull());
    Dataset<Row> daily = transactions
        .groupBy(col("customer_key"), col("transaction_date").as("activity_date"), col("file_id"))
        .agg(
            count(when(sale, lit(1))).as("purchase_lines"),
            count(when(refund, lit(1))).as("refund_lines"),
            coalesce(sum(when(sale, col("amount"))), lit(0)).as("sales_amount"),
            coalesce(sum(when(refund, col("amount"))), lit(0)).as("refund_amount"),
            sum(col("amount")).as("net_amount"),
            coalesce(sum(when(costed, col("amount"))), lit(0)).as("costed_sales_amount"),
            coalesce(sum(when(costed, col("amount").minus(col("cost")))), lit(0)).as("profit_amount"));
    return GoldColumns.conform(TableCatalog.CUSTOMER_DAILY_ACTIVITY, daily);
  }
}
