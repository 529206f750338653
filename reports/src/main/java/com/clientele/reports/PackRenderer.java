package com.clientele.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/** Fills the page frame (common/pack.jrxml) with sections and writes the PDF. */
final class PackRenderer {

  private PackRenderer() {}

  static void render(ReportKind kind, ReportContext ctx, List<Section> sections, Path pdf) {
    Fmt fmt = ctx.fmt();
    List<Map<String, ?>> records = new ArrayList<>();
    for (Section section : sections) {
      Map<String, Object> parameters = baseParameters(ctx, fmt);
      parameters.putAll(section.parameters());
      Map<String, Object> record = new HashMap<>();
      record.put("section_title", section.title());
      record.put("report", Templates.compiled(section.template()));
      record.put("data", dataSource(section.rows()));
      record.put("parameters", parameters);
      record.put("note", section.note());
      record.put("new_page", section.newPage());
      records.add(record);
    }
    Map<String, Object> parameters = baseParameters(ctx, fmt);
    parameters.putAll(frameParameters(kind, ctx, fmt));
    write(Templates.compiled(Templates.PACK), parameters, new JRMapCollectionDataSource(records), pdf);
  }

  static Map<String, Object> baseParameters(ReportContext ctx, Fmt fmt) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put(JRParameter.REPORT_LOCALE, ctx.locale());
    parameters.put(JRParameter.REPORT_RESOURCE_BUNDLE, fmt.bundle());
    parameters.put("FMT", fmt);
    return parameters;
  }

  static Map<String, Object> frameParameters(ReportKind kind, ReportContext ctx, Fmt fmt) {
    return Map.of(
        "REPORT_NAME", fmt.text(kind.titleKey()),
        "PERIOD_LABEL", fmt.month(ctx.month()),
        "AS_OF_LABEL", fmt.date(ctx.asOfDate()),
        "RENDERED_AT_LABEL", fmt.renderedAt(ctx.renderedAt()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static JRMapCollectionDataSource dataSource(List<? extends Map<String, ?>> rows) {
    return new JRMapCollectionDataSource((List) rows);
  }

  static void write(JasperReport report, Map<String, Object> parameters, net.sf.jasperreports.engine.JRDataSource data,
      Path pdf) {
    try {
      JasperPrint print = fill(report, parameters, data);
      Files.createDirectories(pdf.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(pdf)) {
        JasperExportManager.exportReportToPdfStream(print, out);
      }
    } catch (JRException | IOException e) {
      throw new IllegalStateException("cannot render " + pdf + ": " + e.getMessage(), e);
    }
  }

  /** The filled pages (laid out, not yet exported). */
  static JasperPrint fill(JasperReport report, Map<String, Object> parameters,
      net.sf.jasperreports.engine.JRDataSource data) throws JRException {
    return JasperFillManager.fillReport(report, parameters, data);
  }
}
