package com.clientele.report;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.config.ClienteleConfig;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.reports.ReportThresholds;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The report job hands the thresholds of the settings it runs with to the pages. */
class ReportThresholdsTest {

  @Test
  void theReportContextCarriesTheConfiguredThresholds() {
    AnalyticsSettings settings = AnalyticsSettings.from(ConfigFactory.parseString(
            "response-hours = 48, top-customers-percent = 10, new-customer-days = 400, churn-inactivity-days = 200, "
                + "credit.follow-up.past-due-days = 45")
        .withFallback(ClienteleConfig.defaults().raw().getConfig("clientele.analytics")));
    assertEquals(new ReportThresholds(48, 10, 400, 200, 45), ReportJob.thresholds(settings));
  }

  @Test
  void theBundledDefaultsAreTheOnesThePagesUsedToPrint() {
    assertEquals(new ReportThresholds(24, 20, 365, 180, 31), ReportJob.thresholds(AnalyticsSettings.defaults()));
  }
}
