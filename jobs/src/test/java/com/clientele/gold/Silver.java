package com.clientele.gold;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Hand-written silver tables for the gold tests: each line is a compact comma-separated record
 * (empty = null), turned into rows of the real silver schema (other columns null).
 */
final class Silver {

  private final SparkSession spark;
  private final List<Row> customers = new ArrayList<>();
  private final List<Row> transactions = new ArrayList<>();
  private final List<Row> interactions = new ArrayList<>();
  private final List<Row> referrals = new ArrayList<>();
  private int sequence;

  Silver(SparkSession spark) {
    this.spark = spark;
  }

  /** key, nature, valid_from, valid_to, registered_date, region (a version of silver.customers). */
  Silver customer(String line) {
    String[] f = fields(line, 6);
    customers.add(row(TableCatalog.CUSTOMERS,
        "customer_key", f[0], "display_name_masked", f[0].charAt(0) + "*", "nature", f[1],
        "nature_label", f[1], "region", f[5], "registered_date", date(f[4]), "has_master_data", true,
        "valid_from", date(f[2]), "valid_to", date(f[3]), "is_current", f[3] == null));
    return this;
  }

  /** key, date, type (sale/refund), amount (refunds negative), cost. */
  Silver transaction(String line) {
    String[] f = fields(line, 5);
    transactions.add(row(TableCatalog.TRANSACTIONS,
        "transaction_id", "T" + (++sequence), "customer_key", f[0], "transaction_date", date(f[1]),
        "transaction_type", f[2], "amount", decimal(f[3]), "cost", decimal(f[4]), "file_id", "file-1"));
    return this;
  }

  /** key, type, category, received_at, first_response_at, resolved_at, satisfaction. */
  Silver interaction(String line) {
    String[] f = fields(line, 7);
    interactions.add(row(TableCatalog.INTERACTIONS,
        "interaction_id", "I" + (++sequence), "customer_key", f[0], "interaction_type", f[1], "category", f[2],
        "received_at", timestamp(f[3]), "first_response_at", timestamp(f[4]), "resolved_at", timestamp(f[5]),
        "satisfaction", f[6] == null ? null : Integer.valueOf(f[6])));
    return this;
  }

  /** referrer, referred, date, reward. */
  Silver referral(String line) {
    String[] f = fields(line, 4);
    referrals.add(row(TableCatalog.REFERRALS,
        "referral_id", "R" + (++sequence), "referrer_customer_key", f[0], "referred_customer_key", f[1],
        "referral_date", date(f[2]), "reward_amount", decimal(f[3])));
    return this;
  }

  Dataset<Row> customers() {
    return frame(TableCatalog.CUSTOMERS, customers);
  }

  Dataset<Row> transactions() {
    return frame(TableCatalog.TRANSACTIONS, transactions);
  }

  Dataset<Row> interactions() {
    return frame(TableCatalog.INTERACTIONS, interactions);
  }

  Dataset<Row> referrals() {
    return frame(TableCatalog.REFERRALS, referrals);
  }

  /** The as-of inputs of these silver tables. */
  GoldInputs asOf(String day) {
    return GoldInputs.prepare(CustomerState.build(customers(), transactions(), spark.createDataFrame(List.of(), TableCatalog.PAYMENT_UPDATES.schema()), interactions()), referrals(),
        LocalDate.parse(day));
  }

  private Dataset<Row> frame(Table table, List<Row> rows) {
    return spark.createDataFrame(rows, table.schema());
  }

  private static Row row(Table table, Object... pairs) {
    Object[] values = new Object[table.schema().size()];
    for (int i = 0; i < pairs.length; i += 2) {
      values[table.schema().fieldIndex((String) pairs[i])] = pairs[i + 1];
    }
    for (StructField f : table.schema().fields()) {
      if (f.name().equals("row_number")) {
        values[table.schema().fieldIndex("row_number")] = 1L;
      }
    }
    return RowFactory.create(values);
  }

  private static String[] fields(String line, int n) {
    String[] parts = line.split(",", -1);
    if (parts.length != n) {
      throw new IllegalArgumentException("expected " + n + " fields: " + line);
    }
    for (int i = 0; i < n; i++) {
      parts[i] = parts[i].isBlank() ? null : parts[i].trim();
    }
    return parts;
  }

  static Date date(String s) {
    return s == null ? null : Date.valueOf(s);
  }

  static BigDecimal decimal(String s) {
    return s == null ? null : new BigDecimal(s).setScale(2);
  }

  private static Timestamp timestamp(String s) {
    // The warehouse stores exporters' wall-clock time in a UTC session: build the instant at UTC.
    return s == null ? null : Timestamp.from(java.time.LocalDateTime.parse(s.replace(' ', 'T'))
        .toInstant(java.time.ZoneOffset.UTC));
  }
}
