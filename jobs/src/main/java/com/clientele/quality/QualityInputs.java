package com.clientele.quality;

import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The tables the rules look at (a missing table reads as empty, so its rules say so). */
public record QualityInputs(Dataset<Row> ingestLog, Dataset<Row> customers, Dataset<Row> transactions,
    Dataset<Row> interactions, Dataset<Row> referrals, Dataset<Row> customerProfile,
    Dataset<Row> customerSegments, Dataset<Row> loyaltyMetrics, Dataset<Row> churnCohorts,
    Dataset<Row> leakyBucket, Dataset<Row> atRiskCustomers, Dataset<Row> customerLifetimeValue,
    Dataset<Row> paymentUpdates, Dataset<Row> customerCredit, Dataset<Row> careActions) {

  public static QualityInputs from(Warehouse warehouse) {
    Dataset<Row> log = warehouse.read(TableCatalog.INGEST_LOG);
    for (String column : java.util.List.of("rejected_reason", "rejected_detail")) {
      if (!java.util.Arrays.asList(log.columns()).contains(column)) {
        // an ingest log from before file rejections (the next ingest adds the columns): nothing was rejected
        log = log.withColumn(column, org.apache.spark.sql.functions.lit(null).cast("string"));
      }
    }
    return new QualityInputs(log, warehouse.read(TableCatalog.CUSTOMERS),
        warehouse.read(TableCatalog.TRANSACTIONS), warehouse.read(TableCatalog.INTERACTIONS),
        warehouse.read(TableCatalog.REFERRALS), warehouse.read(TableCatalog.CUSTOMER_PROFILE),
        warehouse.read(TableCatalog.CUSTOMER_SEGMENTS), warehouse.read(TableCatalog.LOYALTY_METRICS),
        warehouse.read(TableCatalog.CHURN_COHORTS), warehouse.read(TableCatalog.LEAKY_BUCKET),
        warehouse.read(TableCatalog.AT_RISK_CUSTOMERS), warehouse.read(TableCatalog.CUSTOMER_LIFETIME_VALUE),
        warehouse.read(TableCatalog.PAYMENT_UPDATES), warehouse.read(TableCatalog.CUSTOMER_CREDIT),
        warehouse.read(TableCatalog.CARE_ACTIONS));
  }
}
