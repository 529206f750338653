package com.clientele.reports;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;

/**
 * The report templates. Each is named by its JRXML path; the build compiles it to a {@code .jasper} beside it
 * ({@link TemplateCompiler}), which is what a run loads. Only when that compiled resource is missing (e.g. a
 * classes folder built without the build step) is the JRXML compiled here, once per JVM, with a warning: that
 * costs about a second per template.
 */
public final class Templates {

  private static final String ROOT = "com/clientele/reports/";
  public static final String PACK = ROOT + "common/pack.jrxml";
  public static final String TEXT_LIST = ROOT + "common/text-list.jrxml";
  public static final String BAR_CHART = ROOT + "common/bar-chart.jrxml";
  public static final String COHORT_HEATMAP = ROOT + "common/cohort-heatmap.jrxml";
  public static final String AT_RISK_TABLE = ROOT + "common/at-risk-table.jrxml";
  public static final String REFERRAL_LIFT_TABLE = ROOT + "common/referral-lift-table.jrxml";
  public static final String KPI_TABLE = ROOT + "executive-summary/kpi-table.jrxml";
  public static final String SEGMENT_TABLE = ROOT + "executive-summary/segment-table.jrxml";
  public static final String PARETO_CHART = ROOT + "executive-summary/pareto-chart.jrxml";
  public static final String VALUE_AHEAD_TABLE = ROOT + "executive-summary/value-ahead-table.jrxml";
  public static final String VALUE_WATCH_TABLE = ROOT + "executive-summary/value-watch-table.jrxml";
  public static final String LEAKY_BUCKET_TABLE = ROOT + "churn-referral/leaky-bucket-table.jrxml";
  public static final String CHURN_REASONS_TABLE = ROOT + "churn-referral/churn-reasons-table.jrxml";
  public static final String REFERRAL_MONTHLY_TABLE = ROOT + "churn-referral/referral-monthly-table.jrxml";
  public static final String CREDIT_FOLLOW_UP_TABLE = ROOT + "churn-referral/credit-follow-up-table.jrxml";
  public static final String CARE_PLAN_TABLE = ROOT + "churn-referral/care-plan-table.jrxml";
  public static final String CARDS = ROOT + "customer-cards/customer-cards.jrxml";
  public static final String CARD_HISTORY_CHART = ROOT + "customer-cards/history-chart.jrxml";
  public static final String CARD_SERVICE_RECORDS = ROOT + "customer-cards/service-records.jrxml";
  public static final String CARD_FEEDBACK = ROOT + "customer-cards/feedback.jrxml";
  public static final String CARD_REFERRALS = ROOT + "customer-cards/referrals.jrxml";

  /** Every template, for the compile-all test. */
  public static final java.util.List<String> ALL = java.util.List.of(PACK, TEXT_LIST, BAR_CHART, COHORT_HEATMAP,
      AT_RISK_TABLE, REFERRAL_LIFT_TABLE, KPI_TABLE, SEGMENT_TABLE, PARETO_CHART, VALUE_AHEAD_TABLE, VALUE_WATCH_TABLE,
      LEAKY_BUCKET_TABLE, CHURN_REASONS_TABLE, REFERRAL_MONTHLY_TABLE, CREDIT_FOLLOW_UP_TABLE, CARE_PLAN_TABLE, CARDS, CARD_HISTORY_CHART, CARD_SERVICE_RECORDS,
      CARD_FEEDBACK, CARD_REFERRALS);

  private static final Map<String, JasperReport> COMPILED = new ConcurrentHashMap<>();
  private static final org.apache.commons.logging.Log LOG =
      org.apache.commons.logging.LogFactory.getLog(Templates.class);

  private Templates() {}

  static {
    compileAgainstOurOwnJar();
  }

  /**
   * JasperReports compiles a template's expressions with the JDK's compiler against
   * {@code java.class.path}. Under {@code java -jar} that is our jar; under spark-submit our jar is
   * loaded by Spark's own class loader and is not on it, so the compiler would not find
   * JasperReports' classes. The compile class path is therefore the JVM's plus the jar (or folder)
   * JasperReports and these templates' classes come from.
   */
  private static void compileAgainstOurOwnJar() {
    java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
    for (Class<?> c : new Class<?>[] {JasperCompileManager.class, Templates.class}) {
      try {
        var source = c.getProtectionDomain().getCodeSource();
        if (source != null && "file".equals(source.getLocation().getProtocol())) {
          entries.add(java.nio.file.Path.of(source.getLocation().toURI()).toString());
        }
      } catch (java.net.URISyntaxException | SecurityException e) {
        // keep the JVM's own class path only
      }
    }
    String jvm = System.getProperty("java.class.path", "");
    if (!jvm.isEmpty()) {
      entries.addAll(java.util.List.of(jvm.split(java.io.File.pathSeparator)));
    }
    net.sf.jasperreports.engine.DefaultJasperReportsContext.getInstance().setProperty(
        net.sf.jasperreports.engine.design.JRCompiler.COMPILER_CLASSPATH,
        String.join(java.io.File.pathSeparator, entries));
  }

  /** The template, loaded from its compiled {@code .jasper} (compiled from the JRXML only when that is missing). */
  public static JasperReport compiled(String path) {
    return COMPILED.computeIfAbsent(path, Templates::load);
  }

  /** The compiled resource of a template: {@code x/y.jrxml} → {@code x/y.jasper}. */
  static String compiledName(String path) {
    if (!path.endsWith(".jrxml")) {
      throw new IllegalArgumentException("not a JRXML template: " + path);
    }
    return path.substring(0, path.length() - ".jrxml".length()) + ".jasper";
  }

  private static JasperReport load(String path) {
    String jasper = compiledName(path);
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(jasper)) {
      if (in != null) {
        return (JasperReport) JRLoader.loadObject(in);
      }
    } catch (JRException | java.io.IOException e) {
      throw new IllegalStateException("cannot load " + jasper + ": " + e.getMessage(), e);
    }
    LOG.warn("compiled template " + jasper + " not found on the classpath; compiling " + path
        + " at run time (slow: build the reports module to precompile the templates)");
    return compile(path);
  }

  /** Compiles a JRXML template from the classpath (the build step, and the fallback above). */
  static JasperReport compile(String path) {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("report template not found on the classpath: " + path);
      }
      return JasperCompileManager.compileReport(in);
    } catch (JRException | java.io.IOException e) {
      throw new IllegalStateException("cannot compile " + path + ": " + e.getMessage(), e);
    }
  }
}
