package com.clientele.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * Masked display names for reports and gold tables: enough to recognise a customer one already
 * knows, not enough to identify a stranger. Chinese names keep the first character (张伟 → 张*,
 * 欧阳娜娜 → 欧***); Latin names keep the first letter of the first word and the initial of the
 * last (John Smith → J*** S.); a single Latin word keeps its first letter (Acme → A***).
 */
public final class NameMasker {

  private NameMasker() {}

  public static String mask(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String trimmed = name.strip();
    if (Character.UnicodeScript.of(trimmed.codePointAt(0)) == Character.UnicodeScript.HAN) {
      int count = trimmed.codePointCount(0, trimmed.length());
      int first = trimmed.codePointAt(0);
      return new String(Character.toChars(first)) + "*".repeat(Math.max(1, count - 1));
    }
    List<String> words = new ArrayList<>(List.of(trimmed.split("\\s+")));
    String first = words.get(0);
    String masked = new String(Character.toChars(first.codePointAt(0))) + "***";
    if (words.size() > 1) {
      String last = words.get(words.size() - 1);
      masked += " " + new String(Character.toChars(last.codePointAt(0))) + ".";
    }
    return masked;
  }
}
