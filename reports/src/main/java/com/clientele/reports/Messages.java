package com.clientele.reports;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** The reports' words: {@code com/clientele/reports/messages_<locale>.properties} (UTF-8). */
public final class Messages {

  public static final String BUNDLE = "com.clientele.reports.messages";
  public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
  /** The locales a report is rendered in by default. */
  public static final List<Locale> LOCALES = List.of(ZH_CN, Locale.ENGLISH);

  private Messages() {}

  public static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
        ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The tag used in file names: zh-CN, en. */
  public static String tag(Locale locale) {
    return locale.toLanguageTag();
  }

  /** zh-CN / zh_CN / en → a supported locale; anything else is refused. */
  public static Locale parse(String tag) {
    Locale locale = Locale.forLanguageTag(tag.replace('_', '-'));
    for (Locale supported : LOCALES) {
      if (supported.getLanguage().equals(locale.getLanguage())) {
        return supported;
      }
    }
    throw new IllegalArgumentException("unsupported locale " + tag + " (use zh-CN or en)");
  }
}
