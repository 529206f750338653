package com.clientele.gold;

import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_profile — the customer archive (客户档案): one row per customer that exists at the
 * as-of date, with the facts of {@link CustomerFacts} and every segment label of
 * {@link CustomerSegments}. Personal data never reaches it: only the pseudonymous customer_key and
 * the masked display name (张*, J*** S.) from silver.
 */
public final class CustomerProfile {

  private CustomerProfile() {}

  /** The archive rows from the classified facts ({@link CustomerSegments#classify}). */
  public static Dataset<Row> compute(Dataset<Row> classified, LocalDate asOf) {
    return GoldColumns.conform(TableCatalog.CUSTOMER_PROFILE,
        classified.withColumn("as_of_date", GoldColumns.date(asOf)));
  }
}
