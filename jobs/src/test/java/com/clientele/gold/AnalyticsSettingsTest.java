package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analytics settings: the documented defaults, overrides, and validation that names every problem. */
class AnalyticsSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    AnalyticsSettings s = AnalyticsSettings.defaults();
    assertEquals(365, s.newCustomerDays());
    assertEquals(90, s.activeWindowDays());
    assertEquals(180, s.churnInactivityDays());
    assertEquals(0.80, s.keyRevenueShare());
    assertEquals(0.95, s.generalRevenueShare());
    assertEquals(new BigDecimal("20000.00"), s.gradeAMinAmount());
    assertEquals(List.of(0.2, 0.4, 0.6, 0.8), s.rfmScoreEdges());
    assertEquals(List.of("platinum", "gold", "silver"), s.vipTiers().stream().map(AnalyticsSettings.VipTier::name).toList());
    assertEquals(new AnalyticsSettings.RfmRule("cant_lose", 1, 2, 4, 5, 4, 5), s.rfmSegments().get(4));
    assertEquals(new AnalyticsSettings.RfmRule("champions", 4, 5, 4, 5, 1, 5), s.rfmSegments().get(0),
        "a missing range means 1..5");
  }

  @Test
  void aUserFileOverridesSingleKeys() {
    AnalyticsSettings s = MonthlyMetricsTest.settings("churn-inactivity-days = 120, grade.a.min-amount = 12345.67");
    assertEquals(120, s.churnInactivityDays());
    assertEquals(new BigDecimal("12345.67"), s.gradeAMinAmount());
    assertEquals(90, s.activeWindowDays());
  }

  @Test
  void badSettingsAreAllReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonthlyMetricsTest.settings(
        "churn-inactivity-days = 60, active-window-days = 90, rfm.score-edges = [0.5, 0.2], top-customers-percent = 0"));
    assertTrue(e.getMessage().contains("churn-inactivity-days"), e.getMessage());
    assertTrue(e.getMessage().contains("rfm.score-edges"), e.getMessage());
    assertTrue(e.getMessage().contains("top-customers-percent"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MonthlyMetricsTest.settings("grade.b.min-amount = 1.234"));
  }
}
