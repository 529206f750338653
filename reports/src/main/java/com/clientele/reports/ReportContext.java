package com.clientele.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * What every page states: the month reported, the as-of date of the gold snapshot it comes from, when
 * it was rendered (injected, so tests are deterministic), the language and currency of the page, and the
 * configured thresholds its words mention.
 */
public record ReportContext(YearMonth month, LocalDate asOfDate, ZonedDateTime renderedAt, Locale locale,
                            String currency, ReportThresholds thresholds) {

  public Fmt fmt() {
    return new Fmt(locale, currency, thresholds);
  }
}
