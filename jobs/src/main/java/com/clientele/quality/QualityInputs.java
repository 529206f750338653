package com.clientele.quality;

import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The tables the rules look at (a missing table reads as empty, so its rules say so). */
public record QualityInputs(Dataset<Row> ingestLog, Dataset<Row> customers, Dataset<Row> transactions,
    Dataset<Row> interactions, Dataset<Row> referrals, Dataset<Row> customerProfile,
    Dataset<Row> customerSegments, Dataset<Row> loyaltyMetrics, Dataset<Row> churnCohorts,
    Dataset<Row> leakyBucket, Dataset<Row> atRiskCustomers, Dataset<Row> customerLifetimeValue) {

  public static QualityInputs from(Warehouse warehouse) {
    return new QualityInputs(warehouse.read(TableCatalog.INGEST_LOG), warehouse.read(TableCatalog.CUSTOMERS),
        warehouse.read(TableCatalog.TRANSACTIONS), warehouse.read(TableCatalog.INTERACTIONS),
        warehouse.read(TableCatalog.REFERRALS), warehouse.read(TableCatalog.CUSTOMER_PROFILE),
        warehouse.read(TableCatalog.CUSTOMER_SEGMENTS), warehouse.read(TableCatalog.LOYALTY_METRICS),
        warehouse.read(TableCatalog.CHURN_COHORTS), warehouse.read(TableCatalog.LEAKY_BUCKET),
        warehouse.read(TableCatalog.AT_RISK_CUSTOMERS), warehouse.read(TableCatalog.CUSTOMER_LIFETIME_VALUE));
  }
}
