package com.clientele.ingest;

import static com.clientele.ingest.RowChecks.*;
import static org.apache.spark.sql.functions.*;

import com.clientele.config.ClienteleConfig;
import com.clientele.config.ExportKind;
import com.clientele.config.SourceDefinition;
import com.clientele.ingest.RowChecks.Rule;
import com.clientele.privacy.PersonalDataProtector;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Customers export rows → typed, validated customer versions: the non-personal attributes (for
 * silver.customers) and the encrypted personal data (for the restricted silver.customer_pii).
 */
final class CustomerRecords {

  /** Non-personal attributes whose change starts a new version of silver.customers. */
  static final List<String> ATTRIBUTES = List.of("display_name_masked", "nature", "nature_label",
      "industry", "region", "acquisition_channel", "registered_date", "has_master_data", "birth_month_day",
      "founding_month_day");

  /**
   * Attributes added after the first release: they enter the attribute hash only when set, so the
   * hash of a customer without them — and so their version history — is what it always was.
   */
  private static final List<String> LATER_ATTRIBUTES = List.of("birth_month_day", "founding_month_day");

  /** The personal dates (the month and day of each also live in silver.customers, for care planning). */
  private static final List<String> PERSONAL_DATES = List.of("birthday", "founding_date");

  /** Encrypted personal columns of silver.customer_pii. */
  static final List<String> PERSONAL = List.of("encrypted_customer_id", "encrypted_name",
      "encrypted_phone", "encrypted_email", "encrypted_address", "encrypted_id_number", "encrypted_birthday",
      "encrypted_founding_date");

  private CustomerRecords() {}

  /** Types and validates one source's bronze rows; adds {@code rejection}. */
  static Dataset<Row> typed(Dataset<Row> bronze, SourceDefinition source, ClienteleConfig config) {
    List<Column> texts = new ArrayList<>();
    for (String c : ExportKind.CUSTOMERS.columns()) {
      if (!c.equals("registered_date") && !c.equals("nature") && !PERSONAL_DATES.contains(c)) {
        texts.add(text(ExportKind.CUSTOMERS, c).as(c));
      }
    }
    texts.add(text(ExportKind.CUSTOMERS, "nature").as("nature_label"));
    texts.add(text(ExportKind.CUSTOMERS, "registered_date").as("t_registered_date"));
    for (String c : PERSONAL_DATES) {
      texts.add(text(ExportKind.CUSTOMERS, c).as("t_" + c));
    }
    Dataset<Row> typed = bronze
        .select(withLineage(texts.toArray(Column[]::new)))
        .withColumn("nature", mapped(col("nature_label"), config.natureLabels()))
        .withColumn("registered_date", date(col("t_registered_date"), source.dateFormats()));
    List<Rule> rules = new ArrayList<>(List.of(
        Rule.of(col("customer_id").isNull(), QuarantineReason.MISSING_KEY, "customer_id is empty"),
        new Rule(unparsed(col("t_registered_date"), col("registered_date")), QuarantineReason.UNPARSEABLE_DATE,
            detail("registered_date", col("t_registered_date")))));
    for (String c : PERSONAL_DATES) {
      typed = typed.withColumn(c, date(col("t_" + c), source.dateFormats()));
      // The detail names the column, never the value: a birthday is personal data.
      rules.add(Rule.of(unparsed(col("t_" + c), col(c)), QuarantineReason.UNPARSEABLE_DATE,
          c + " is not a date in the source's date formats"));
    }
    return typed.withColumn("rejection", firstFailure(rules))
        .drop(PERSONAL_DATES.stream().map(c -> "t_" + c).toArray(String[]::new));
  }

  /**
   * Valid rows → version candidates: pseudonymous key, masked name, attribute hash, encrypted
   * personal columns and their keyed hash. Plain personal values are dropped here.
   */
  static Dataset<Row> versions(Dataset<Row> valid, PersonalDataProtector protector) {
    Dataset<Row> withAttributes = valid
        .withColumn("customer_key", Pseudonyms.customerKey(protector, col("customer_id")))
        .withColumn("display_name_masked", Pseudonyms.maskedName(col("name")))
        .withColumn("has_master_data", lit(true))
        .withColumn("birth_month_day", date_format(col("birthday"), "MM-dd"))
        .withColumn("founding_month_day", date_format(col("founding_date"), "MM-dd"));
    return protect(withAttributes, protector);
  }

  /**
   * Customers known only from a transactions source that registers customers (e.g. CDNOW): one
   * version per new customer id, without master data, dated by its first transaction's file. The
   * transactions carry their file's constants ({@link FileLineage#SILVER}).
   */
  static Dataset<Row> registered(Dataset<Row> validTransactions, PersonalDataProtector protector) {
    Dataset<Row> first = validTransactions
        .withColumn("_order", row_number().over(org.apache.spark.sql.expressions.Window
            .partitionBy("customer_id").orderBy("logical_date", "source_file", "row_number")))
        .where(col("_order").equalTo(1));
    List<Column> keep = new ArrayList<>();
    Outcomes.LINEAGE.forEach(c -> keep.add(col(c)));
    FileLineage.SILVER.forEach(c -> keep.add(col(c)));
    keep.add(col("customer_id"));
    // Nothing of the transaction line is kept: it is not a customers row.
    Dataset<Row> registered = first.select(keep.toArray(Column[]::new))
        .withColumn("customer_key", Pseudonyms.customerKey(protector, col("customer_id")));
    for (String c : List.of("name", "phone", "email", "address", "id_number", "display_name_masked",
        "nature", "nature_label", "industry", "region", "acquisition_channel", "birth_month_day",
        "founding_month_day")) {
      registered = registered.withColumn(c, lit(null).cast("string"));
    }
    registered = registered
        .withColumn("registered_date", lit(null).cast("date"))
        .withColumn("birthday", lit(null).cast("date"))
        .withColumn("founding_date", lit(null).cast("date"))
        .withColumn("has_master_data", lit(false));
    return protect(registered, protector);
  }

  private static Dataset<Row> protect(Dataset<Row> rows, PersonalDataProtector protector) {
    List<String> firstAttributes = ATTRIBUTES.stream().filter(c -> !LATER_ATTRIBUTES.contains(c)).toList();
    for (String c : PERSONAL_DATES) {
      rows = rows.withColumn(c, date_format(col(c), "yyyy-MM-dd"));
    }
    // concat_ws skips nulls: an unset later column leaves the hashed text as it was before it existed.
    Column attributeHash = sha2(concat_ws("\u0001", concat_ws("\u0001", firstAttributes.stream()
        .map(c -> coalesce(col(c).cast("string"), lit("\u0000"))).toArray(Column[]::new)),
        optionalParts(LATER_ATTRIBUTES)), 256);
    Dataset<Row> out = rows.withColumn("attribute_hash", attributeHash)
        .withColumn("personal_hash", Pseudonyms.keyedHash(protector, concat_ws("\u0001",
            coalesce(col("customer_id"), lit("")), coalesce(col("name"), lit("\u0000")),
            coalesce(col("phone"), lit("\u0000")), coalesce(col("email"), lit("\u0000")),
            coalesce(col("address"), lit("\u0000")), coalesce(col("id_number"), lit("\u0000")),
            optionalParts(PERSONAL_DATES))));
    List<String> personal = List.of("customer_id", "name", "phone", "email", "address", "id_number", "birthday",
        "founding_date");
    for (String field : personal) {
      out = out.withColumn("encrypted_" + field, Pseudonyms.encrypt(protector, field, col(field)));
    }
    return out.drop(personal.toArray(String[]::new));
  }

  /** "name=value" for each set column, joined by \u0001; null (skipped by concat_ws) when none is set. */
  private static Column optionalParts(List<String> columns) {
    Column[] parts = columns.stream().map(c -> concat(lit(c + "="), col(c).cast("string"))).toArray(Column[]::new);
    Column joined = concat_ws("\u0001", parts);
    return when(joined.equalTo(""), lit(null).cast("string")).otherwise(joined);
  }
}
