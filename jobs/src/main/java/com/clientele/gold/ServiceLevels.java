package com.clientele.gold;

import static com.clientele.gold.GoldColumns.secondsBetween;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;

/**
 * The service measures on interactions (as known at the end of the as-of date, see
 * {@link GoldInputs}), defined once for the archive and the loyalty metrics.
 */
final class ServiceLevels {

  private ServiceLevels() {}

  static final String COMPLAINT = "complaint";

  /** A complaint: interaction_type = complaint (投诉). */
  static Column isComplaint() {
    return col("interaction_type").equalTo(COMPLAINT);
  }

  /** Open: not resolved by the end of the as-of date (never answered ones included). */
  static Column isOpen() {
    return col("resolved_at").isNull();
  }

  /**
   * Answered in time: the first response came within response-hours (the 24-hour service standard)
   * of receipt. A complaint never answered is not answered in time.
   */
  static Column answeredInTime(AnalyticsSettings s) {
    return col("first_response_at").isNotNull()
        .and(secondsBetween(col("received_at"), col("first_response_at")).leq(s.responseHours() * 3600L));
  }

  /** Resolution time in hours (receipt to resolution); null while open. */
  static Column resolutionHours() {
    return when(col("resolved_at").isNotNull(), secondsBetween(col("received_at"), col("resolved_at")).divide(3600.0));
  }
}
