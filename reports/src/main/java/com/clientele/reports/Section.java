package com.clientele.reports;

import java.util.List;
import java.util.Map;

/**
 * One section of a report: a heading, the template that prints it (a classpath path), its rows (maps keyed
 * by column name), extra template parameters, and an optional note under it.
 */
public record Section(String title, String template, List<? extends Map<String, ?>> rows,
                      Map<String, Object> parameters, String note, boolean newPage) {

  public static Section of(String title, String template, List<? extends Map<String, ?>> rows, String note) {
    return new Section(title, template, rows, Map.of(), note, false);
  }

  public Section withParameters(Map<String, Object> extra) {
    return new Section(title, template, rows, extra, note, newPage);
  }

  public Section onNewPage() {
    return new Section(title, template, rows, parameters, note, true);
  }

  /** A section of sentences (text-list). */
  public static Section text(String title, List<String> sentences, String note) {
    return of(title, Templates.TEXT_LIST, sentences.stream().map(s -> Map.of("text", s)).toList(), note);
  }
}
