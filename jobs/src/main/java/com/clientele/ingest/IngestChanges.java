package com.clientele.ingest;

import com.clientele.catalog.Table;
import com.clientele.config.ExportKind;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything an ingest run will write, as computed by {@link IngestClassifier} before anything is
 * written: the checks on it ({@link IngestJob}) come first, then {@link IngestWriter} writes it.
 *
 * @param bronze per kind present in the batch: its records (bronze columns and more)
 * @param customers the new archive versions and the versions they replace, for both archive
 *     tables; null when the batch brings no customers
 * @param fresh per silver event table: the rows to append
 * @param quarantine the batch's quarantined rows (outcome columns)
 * @param settled rows of earlier files that waited for their customer and are now loaded or
 *     duplicates (file_id, row_number, outcome); null when nothing was retried
 * @param outcomes one row per input row of the batch's files: what became of it
 */
record IngestChanges(Map<ExportKind, Dataset<Row>> bronze, CustomerVersions customers, Map<Table, Dataset<Row>> fresh,
    Dataset<Row> quarantine, Dataset<Row> settled, Dataset<Row> outcomes) {

  /**
   * SCD2 changes of silver.customers and silver.customer_pii (see {@link CustomerHistory}); {@code onlyNew}
   * when none of the batch's customers is in the archive yet (both tables: the personal-data twin holds
   * the same customers), so both histories are appended rather than merged.
   */
  record CustomerVersions(Dataset<Row> history, Dataset<Row> obsolete, Dataset<Row> piiHistory,
      Dataset<Row> piiObsolete, boolean onlyNew, boolean piiOnlyNew) {}
}
