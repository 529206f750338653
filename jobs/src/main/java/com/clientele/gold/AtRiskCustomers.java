package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * gold.at_risk_customers — the win-back list. A customer is on it when valuable (value position
 * key, grade A, or any VIP tier) and either at risk (no purchase within the active window, not yet
 * churned) or recently churned (churned for fewer than recently-churned-days days, i.e. days since
 * the last purchase &lt; churn-inactivity-days + recently-churned-days). priority orders the list by
 * value at stake (largest first, then customer_key) — or, with at-risk.rank-by = value-at-risk, by
 * value_at_risk of gold.customer_lifetime_value (CLV × (1 − P(alive)), largest first, customers
 * without one after those with one, then by value at stake); flag_reason says in words why the
 * customer is on it (with P(alive) when the lifecycle's at-risk rule is p-alive).
 */
public final class AtRiskCustomers {

  private AtRiskCustomers() {}

  /**
   * @param classified the classified facts ({@link CustomerSegments#classify})
   * @param scored the customers' lifetime values ({@link CustomerLifetimeValue#score})
   */
  public static Dataset<Row> compute(Dataset<Row> classified, Dataset<Row> scored, LocalDate asOf,
      AnalyticsSettings s) {
    Column valuable = col("value_position").equalTo("key").or(col("abc_grade").equalTo("A"))
        .or(col("vip_tier").notEqual(CustomerSegments.NONE));
    Column since = col("days_since_last_purchase");
    Column flagged = col("lifecycle_stage").equalTo("at_risk")
        .or(col("lifecycle_stage").equalTo("churned")
            .and(since.lt(s.churnInactivityDays() + s.recentlyChurnedDays())));
    Column riskReason = concat(lit("at risk: no purchase for "), since, lit(" days"));
    if (s.atRiskRule() == AnalyticsSettings.AtRiskRule.P_ALIVE) {
      riskReason = coalesce(concat(lit("at risk: P(alive) "), format_number(col("p_alive"), 2),
          lit(", no purchase for "), since, lit(" days")), riskReason);
    }
    Column stage = when(col("lifecycle_stage").equalTo("at_risk"), riskReason)
        .otherwise(concat(lit("churned: no purchase for "), since, lit(" days")));
    Column why = concat_ws(", ",
        when(col("value_position").equalTo("key"), lit("key customer")),
        when(col("abc_grade").equalTo("A"), lit("grade A")),
        when(col("vip_tier").notEqual(CustomerSegments.NONE), concat(col("vip_tier"), lit(" VIP"))));
    Column complaints = when(col("open_complaint_count").gt(0),
        concat(col("open_complaint_count"), lit(" open complaint(s)")));
    // The list is short (valuable and lapsing customers only): one ordered window is fine.
    Dataset<Row> list = classified.where(valuable.and(flagged))
        .withColumn("as_of_date", GoldColumns.date(asOf))
        .withColumn("flag_reason", concat_ws("; ", stage, why, complaints));
    Column order = row_number().over(Window.orderBy(col("value_at_stake").desc(), col("customer_key")));
    if (s.atRiskRanking() == AnalyticsSettings.AtRiskRanking.VALUE_AT_RISK) {
      // The list is small and the scores are not: the scores of the listed customers only, broadcast.
      Dataset<Row> risk = scored.select("customer_key", "value_at_risk")
          .join(broadcast(list.select("customer_key")), new String[] {"customer_key"}, "left_semi");
      list = list.join(broadcast(risk), new String[] {"customer_key"}, "left");
      order = row_number().over(Window.orderBy(col("value_at_risk").desc_nulls_last(),
          col("value_at_stake").desc(), col("customer_key")));
    }
    list = list.withColumn("priority", order);
    return GoldColumns.conform(TableCatalog.AT_RISK_CUSTOMERS, list);
  }
}
