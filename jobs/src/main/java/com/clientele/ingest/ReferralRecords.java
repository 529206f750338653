package com.clientele.ingest;

import static com.clientele.ingest.RowChecks.*;
import static org.apache.spark.sql.functions.*;

import com.clientele.config.ExportKind;
import com.clientele.config.SourceDefinition;
import com.clientele.ingest.RowChecks.Rule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Referrals export rows → typed, validated silver.referrals rows. */
final class ReferralRecords {

  static final List<String> CONTENT = List.of("referrer_customer_id", "referred_customer_id",
      "referral_date", "reward_amount");

  private ReferralRecords() {}

  static Dataset<Row> typed(Dataset<Row> bronze, SourceDefinition source) {
    Dataset<Row> texts = bronze.select(withLineage(
        idText(source, ExportKind.REFERRALS, "referral_id").as("t_referral_id"),
        text(ExportKind.REFERRALS, "referrer_customer_id").as("referrer_customer_id"),
        text(ExportKind.REFERRALS, "referred_customer_id").as("referred_customer_id"),
        text(ExportKind.REFERRALS, "referral_date").as("t_referral_date"),
        text(ExportKind.REFERRALS, "reward_amount").as("t_reward_amount")));
    Dataset<Row> typed = texts
        .withColumn("referral_date", date(col("t_referral_date"), source.dateFormats()))
        .withColumn("reward_amount", amount(col("t_reward_amount")));
    List<Rule> rules = new ArrayList<>();
    if (source.hasRecordId()) {
      rules.add(Rule.of(col("t_referral_id").isNull(), QuarantineReason.MISSING_KEY, "referral_id is empty"));
    }
    rules.add(Rule.of(col("referrer_customer_id").isNull(), QuarantineReason.MISSING_KEY, "referrer_customer_id is empty"));
    rules.add(Rule.of(col("referred_customer_id").isNull(), QuarantineReason.MISSING_KEY, "referred_customer_id is empty"));
    rules.add(Rule.of(col("t_referral_date").isNull(), QuarantineReason.MISSING_VALUE, "referral_date is empty"));
    rules.add(new Rule(unparsed(col("t_referral_date"), col("referral_date")), QuarantineReason.UNPARSEABLE_DATE,
        detail("referral_date", col("t_referral_date"))));
    rules.add(new Rule(unparsed(col("t_reward_amount"), col("reward_amount")), QuarantineReason.UNPARSEABLE_AMOUNT,
        detail("reward_amount", col("t_reward_amount"))));
    rules.add(new Rule(col("reward_amount").lt(0), QuarantineReason.NEGATIVE_AMOUNT,
        detail("reward_amount", col("t_reward_amount"))));
    rules.add(new Rule(col("referrer_customer_id").equalTo(col("referred_customer_id")), QuarantineReason.SELF_REFERRAL,
        detail("customer refers themself", col("referrer_customer_id"))));
    Dataset<Row> checked = typed
        .withColumn("rejection", firstFailure(rules))
        .withColumn("record_hash", contentHash(CONTENT));
    return withRecordId(checked, source, "referral_id");
  }
}
