package com.clientele.reports;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Locale formatting of every number, date and amount printed, and the words of the resource bundle.
 * Templates call it as {@code $P{FMT}}; tests use the same instance to know what a gold value looks
 * like on the page. Null prints as an em dash; a comparison without a base prints "not enough history".
 */
public final class Fmt {

  /** The kinds of value a KPI can have. */
  public static final String COUNT = "count";
  public static final String MONEY = "money";
  public static final String SHARE = "share";
  public static final String DECIMAL = "decimal";
  public static final String HOURS = "hours";

  private static final String MISSING = "—";
  private final Locale locale;
  private final Currency currency;
  private final ResourceBundle bundle;
  private final ReportThresholds thresholds;

  /** Numbers, dates and amounts only: the texts that mention a threshold need {@link #Fmt(Locale, String, ReportThresholds)}. */
  public Fmt(Locale locale, String currencyCode) {
    this(locale, currencyCode, null);
  }

  public Fmt(Locale locale, String currencyCode, ReportThresholds thresholds) {
    this.locale = locale;
    this.currency = Currency.getInstance(currencyCode);
    this.bundle = Messages.bundle(locale);
    this.thresholds = thresholds;
  }

  /** The configured thresholds the texts print (templates: {@code $P{FMT}.thresholds().responseHours()}). */
  public ReportThresholds thresholds() {
    if (thresholds == null) {
      throw new IllegalStateException("this formatter was made without the report thresholds");
    }
    return thresholds;
  }

  public Locale locale() {
    return locale;
  }

  public ResourceBundle bundle() {
    return bundle;
  }

  /**
   * The bundle's text for key; the key itself when missing (so a gap shows, never crashes). A text that mentions
   * a configured threshold is a pattern (it has a '{'), filled with the thresholds ({@link ReportThresholds}).
   */
  public String text(String key) {
    String text = pattern(key);
    return text.indexOf('{') < 0 ? text : new MessageFormat(text, locale).format(thresholds().arguments());
  }

  private String pattern(String key) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
  }

  /** The bundle pattern for key filled with args (MessageFormat, in the report's locale). */
  public String message(String key, Object... args) {
    return new MessageFormat(pattern(key), locale).format(args);
  }

  /**
   * The label of a coded value (segment names, schemes, KPI names, channels, categories): bundle key
   * prefix.value; a code the bundles do not know ({@code trade_fair}) is printed readably ("Trade
   * fair"), never as the raw code; any other value (an export's own words, e.g. 展会) as it came.
   */
  public String label(String prefix, Object value) {
    if (value == null) {
      return MISSING;
    }
    String key = prefix + "." + value;
    return bundle.containsKey(key) ? text(key) : readable(String.valueOf(value));
  }

  private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  /** A lower-case code with underscores as words ({@code trade_fair} → "Trade fair"); anything else unchanged. */
  static String readable(String value) {
    if (!CODE.matcher(value).matches()) {
      return value;
    }
    String words = value.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  public String count(Object value) {
    return value == null ? MISSING : NumberFormat.getIntegerInstance(locale).format(number(value));
  }

  /** Amounts in the exports' currency, with the locale's grouping and the currency's symbol. */
  public String money(Object value) {
    if (value == null) {
      return MISSING;
    }
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(currency);
    return format.format(number(value));
  }

  /** A share (0..1) as a percentage with one decimal. */
  public String percent(Object value) {
    return percentWith(value, 1);
  }

  /** A share as a whole percentage (heat-map cells). */
  public String percent0(Object value) {
    return percentWith(value, 0);
  }

  private String percentWith(Object value, int digits) {
    if (value == null) {
      return MISSING;
    }
    NumberFormat format = NumberFormat.getPercentInstance(locale);
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(number(value));
  }

  public String decimal(Object value, int digits) {
    if (value == null) {
      return MISSING;
    }
    NumberFormat format = NumberFormat.getNumberInstance(locale);
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(number(value));
  }

  /** A count with its sign (+3, −2, 0). */
  public String signed(Object value) {
    if (value == null) {
      return MISSING;
    }
    double v = number(value);
    return (v > 0 ? "+" : "") + count(value);
  }

  /** A lift (ratio of means) as "1.23×". */
  public String ratio(Object value) {
    return value == null ? MISSING : decimal(value, 2) + "×";
  }

  public String interval(Object low, Object high) {
    return low == null || high == null ? MISSING : decimal(low, 2) + " – " + decimal(high, 2);
  }

  public String yesNo(Object value) {
    return value == null ? MISSING : text(Boolean.TRUE.equals(value) ? "yes" : "no");
  }

  /** A value of the given kind (see the constants). */
  public String value(String kind, Object value) {
    if (value == null) {
      return MISSING;
    }
    return switch (kind) {
      case MONEY -> money(value);
      case SHARE -> percent(value);
      case DECIMAL -> decimal(value, 2);
      case HOURS -> decimal(value, 1);
      default -> count(value);
    };
  }

  /**
   * The change from base to current: relative (+12.5%) for counts and amounts, in percentage points
   * for shares, absolute for decimals and hours; "not enough history" when there is no base.
   */
  public String change(String kind, Object current, Object base) {
    if (base == null) {
      return text("no_history");
    }
    if (current == null) {
      return MISSING;
    }
    double c = number(current);
    double b = number(base);
    return switch (kind) {
      case SHARE -> message("change.points", (c - b) * 100);
      case DECIMAL, HOURS -> (c - b >= 0 ? "+" : "") + decimal(c - b, kind.equals(HOURS) ? 1 : 2);
      default -> b == 0 ? text("change.from_zero") : (c - b >= 0 ? "+" : "") + percent((c - b) / Math.abs(b));
    };
  }

  public String date(Object value) {
    LocalDate day = localDate(value);
    return day == null ? MISSING : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
  }

  public String dateTime(Object value) {
    if (value == null) {
      return MISSING;
    }
    LocalDateTime at = value instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).format(at);
  }

  public String renderedAt(ZonedDateTime at) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
        .format(at.toLocalDateTime()) + " " + at.getZone().getId();
  }

  /** A month as "Mar 2026" / "2026年3月". */
  public String month(Object value) {
    LocalDate day = localDate(value);
    if (day == null) {
      return MISSING;
    }
    return DateTimeFormatter.ofPattern(text("format.month"), locale).format(YearMonth.from(day));
  }

  /** A month as a short axis label ("Mar 26" / "26年3月"). */
  public String monthShort(Object value) {
    LocalDate day = localDate(value);
    return day == null ? MISSING : DateTimeFormatter.ofPattern(text("format.month_short"), locale).format(YearMonth.from(day));
  }

  static LocalDate localDate(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof YearMonth m) {
      return m.atDay(1);
    }
    throw new IllegalArgumentException("not a date: " + value.getClass().getName());
  }

  static double number(Object value) {
    if (value instanceof BigDecimal b) {
      return b.doubleValue();
    }
    return ((Number) value).doubleValue();
  }
}
