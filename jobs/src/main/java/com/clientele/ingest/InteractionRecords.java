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

/** Interactions export rows → typed, validated silver.interactions rows. */
final class InteractionRecords {

  static final List<String> CONTENT = List.of("customer_id", "interaction_type", "channel", "category",
      "received_at", "first_response_at", "resolved_at", "satisfaction", "summary", "resolution");

  private InteractionRecords() {}

  /** Types and validates one source's bronze rows; adds {@code rejection} and {@code record_hash}. */
  static Dataset<Row> typed(Dataset<Row> bronze, SourceDefinition source, ClienteleConfig config) {
    Dataset<Row> texts = bronze.select(withLineage(
        idText(source, ExportKind.INTERACTIONS, "interaction_id").as("t_interaction_id"),
        text(ExportKind.INTERACTIONS, "customer_id").as("customer_id"),
        text(ExportKind.INTERACTIONS, "interaction_type").as("t_interaction_type"),
        text(ExportKind.INTERACTIONS, "channel").as("channel"),
        text(ExportKind.INTERACTIONS, "category").as("category"),
        text(ExportKind.INTERACTIONS, "received_at").as("t_received_at"),
        text(ExportKind.INTERACTIONS, "first_response_at").as("t_first_response_at"),
        text(ExportKind.INTERACTIONS, "resolved_at").as("t_resolved_at"),
        text(ExportKind.INTERACTIONS, "satisfaction").as("t_satisfaction"),
        text(ExportKind.INTERACTIONS, "summary").as("summary"),
        text(ExportKind.INTERACTIONS, "resolution").as("resolution")));
    List<String> formats = source.timestampFormats();
    Dataset<Row> typed = texts
        .withColumn("interaction_type", mapped(col("t_interaction_type"), config.interactionTypeLabels()))
        .withColumn("received_at", timestamp(col("t_received_at"), formats))
        .withColumn("first_response_at", timestamp(col("t_first_response_at"), formats))
        .withColumn("resolved_at", timestamp(col("t_resolved_at"), formats))
        .withColumn("satisfaction", integer(col("t_satisfaction")));
    List<Rule> rules = new ArrayList<>();
    if (source.hasRecordId()) {
      rules.add(Rule.of(col("t_interaction_id").isNull(), QuarantineReason.MISSING_KEY, "interaction_id is empty"));
    }
    rules.add(Rule.of(col("customer_id").isNull(), QuarantineReason.MISSING_KEY, "customer_id is empty"));
    rules.add(Rule.of(col("t_interaction_type").isNull(), QuarantineReason.MISSING_VALUE, "interaction_type is empty"));
    rules.add(new Rule(col("interaction_type").isNull(), QuarantineReason.UNKNOWN_VALUE,
        detail("interaction_type", col("t_interaction_type"))));
    rules.add(Rule.of(col("t_received_at").isNull(), QuarantineReason.MISSING_VALUE, "received_at is empty"));
    for (String c : List.of("received_at", "first_response_at", "resolved_at")) {
      rules.add(new Rule(unparsed(col("t_" + c), col(c)), QuarantineReason.UNPARSEABLE_TIMESTAMP, detail(c, col("t_" + c))));
    }
    rules.add(Rule.of(col("first_response_at").lt(col("received_at")), QuarantineReason.INCONSISTENT_TIMESTAMPS,
        "first_response_at is before received_at"));
    rules.add(Rule.of(col("resolved_at").lt(col("received_at")), QuarantineReason.INCONSISTENT_TIMESTAMPS,
        "resolved_at is before received_at"));
    rules.add(new Rule(unparsed(col("t_satisfaction"), col("satisfaction")), QuarantineReason.UNPARSEABLE_NUMBER,
        detail("satisfaction", col("t_satisfaction"))));
    rules.add(new Rule(col("satisfaction").lt(1).or(col("satisfaction").gt(5)), QuarantineReason.OUT_OF_RANGE,
        detail("satisfaction (1..5)", col("t_satisfaction"))));
    Dataset<Row> checked = typed
        .withColumn("rejection", firstFailure(rules))
        .withColumn("record_hash", contentHash(CONTENT));
    return withRecordId(checked, source, "interaction_id");
  }
}
