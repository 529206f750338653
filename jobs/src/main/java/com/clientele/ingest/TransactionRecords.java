package com.clientele.ingest;

import static com.clientele.ingest.RowChecks.*;
import static org.apache.spark.sql.functions.*;

import com.clientele.config.ClienteleConfig;
import com.clientele.config.ExportKind;
import com.clientele.config.SourceDefinition;
import com.clientele.ingest.RowChecks.Rule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Transactions export rows → typed, validated silver.transactions rows. */
final class TransactionRecords {

  /** The content that identifies a purchase line (hashed; for id-less sources, part of the id). */
  static final List<String> CONTENT = List.of("customer_id", "transaction_date", "transaction_type",
      "amount", "quantity", "cost", "product_category", "channel", "payment_due_date", "paid_date");

  private TransactionRecords() {}

  /**
   * Types and validates one source's bronze rows. Adds the canonical typed columns, {@code rejection}
   * (null when valid) and {@code record_hash}. Refunds get a negative amount.
   */
  static Dataset<Row> typed(Dataset<Row> bronze, SourceDefinition source, ClienteleConfig config) {
    Dataset<Row> texts = bronze.select(withLineage(
        idText(source, ExportKind.TRANSACTIONS, "transaction_id").as("t_transaction_id"),
        text(ExportKind.TRANSACTIONS, "customer_id").as("customer_id"),
        text(ExportKind.TRANSACTIONS, "transaction_date").as("t_transaction_date"),
        text(ExportKind.TRANSACTIONS, "amount").as("t_amount"),
        text(ExportKind.TRANSACTIONS, "transaction_type").as("t_transaction_type"),
        text(ExportKind.TRANSACTIONS, "quantity").as("t_quantity"),
        text(ExportKind.TRANSACTIONS, "cost").as("t_cost"),
        text(ExportKind.TRANSACTIONS, "product_category").as("product_category"),
        text(ExportKind.TRANSACTIONS, "channel").as("channel"),
        text(ExportKind.TRANSACTIONS, "payment_due_date").as("t_payment_due_date"),
        text(ExportKind.TRANSACTIONS, "paid_date").as("t_paid_date")));
    List<String> dates = source.dateFormats();
    Dataset<Row> typed = texts
        .withColumn("transaction_date", date(col("t_transaction_date"), dates))
        .withColumn("unsigned_amount", amount(col("t_amount")))
        .withColumn("transaction_type", when(col("t_transaction_type").isNull(), lit("sale"))
            .otherwise(mapped(col("t_transaction_type"), config.transactionTypeLabels())))
        .withColumn("quantity", integer(col("t_quantity")))
        .withColumn("cost", amount(col("t_cost")))
        .withColumn("payment_due_date", date(col("t_payment_due_date"), dates))
        .withColumn("paid_date", date(col("t_paid_date"), dates));
    List<Rule> rules = new ArrayList<>();
    if (source.hasRecordId()) {
      rules.add(Rule.of(col("t_transaction_id").isNull(), QuarantineReason.MISSING_KEY, "transaction_id is empty"));
    }
    rules.add(Rule.of(col("customer_id").isNull(), QuarantineReason.MISSING_KEY, "customer_id is empty"));
    rules.add(Rule.of(col("t_transaction_date").isNull(), QuarantineReason.MISSING_VALUE, "transaction_date is empty"));
    rules.add(new Rule(unparsed(col("t_transaction_date"), col("transaction_date")), QuarantineReason.UNPARSEABLE_DATE,
        detail("transaction_date", col("t_transaction_date"))));
    rules.add(new Rule(col("transaction_date").gt(col("logical_date")), QuarantineReason.FUTURE_DATE,
        concat(detail("transaction_date", col("t_transaction_date")),
            lit(" is after the file's day "), col("logical_date").cast("string"))));
    rules.add(Rule.of(col("t_amount").isNull(), QuarantineReason.MISSING_VALUE, "amount is empty"));
    rules.add(new Rule(unparsed(col("t_amount"), col("unsigned_amount")), QuarantineReason.UNPARSEABLE_AMOUNT,
        detail("amount", col("t_amount"))));
    rules.add(new Rule(col("transaction_type").isNull(), QuarantineReason.UNKNOWN_VALUE,
        detail("transaction_type", col("t_transaction_type"))));
    rules.add(new Rule(col("transaction_type").equalTo("sale").and(col("unsigned_amount").lt(0)),
        QuarantineReason.NEGATIVE_AMOUNT, detail("sale with negative amount", col("t_amount"))));
    rules.add(new Rule(unparsed(col("t_quantity"), col("quantity")), QuarantineReason.UNPARSEABLE_NUMBER,
        detail("quantity", col("t_quantity"))));
    rules.add(new Rule(unparsed(col("t_cost"), col("cost")), QuarantineReason.UNPARSEABLE_AMOUNT,
        detail("cost", col("t_cost"))));
    rules.add(new Rule(col("cost").lt(0), QuarantineReason.NEGATIVE_AMOUNT, detail("cost", col("t_cost"))));
    rules.add(new Rule(unparsed(col("t_payment_due_date"), col("payment_due_date")), QuarantineReason.UNPARSEABLE_DATE,
        detail("payment_due_date", col("t_payment_due_date"))));
    rules.add(new Rule(unparsed(col("t_paid_date"), col("paid_date")), QuarantineReason.UNPARSEABLE_DATE,
        detail("paid_date", col("t_paid_date"))));
    Dataset<Row> checked = typed
        .withColumn("amount", when(col("transaction_type").equalTo("refund"), negate(abs(col("unsigned_amount"))))
            .otherwise(col("unsigned_amount")))
        .withColumn("rejection", firstFailure(rules))
        .withColumn("record_hash", contentHash(CONTENT));
    return withRecordId(checked, source, "transaction_id");
  }

}
