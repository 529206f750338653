package com.clientele.gold;

import static org.apache.spark.sql.functions.col;

import com.clientele.catalog.TableCatalog;
import com.clientele.clv.BgNbd;
import com.clientele.clv.FrequencyBlocks;
import com.clientele.clv.GammaGamma;
import com.clientele.clv.ModelFit;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * gold.clv_model — the lifetime-value models of one as-of date, fitted by maximum likelihood on
 * Spark-aggregated sufficient statistics (docs/clv.md):
 * <ul>
 *   <li>bg_nbd: BG/NBD (Fader, Hardie &amp; Lee 2005) on every customer with a purchase by the as-of
 *       date, grouped by identical (frequency, recency, T) — far fewer rows than customers — parameters
 *       r, alpha, a, b;</li>
 *   <li>gamma_gamma: Gamma-Gamma on the repeat customers with a positive mean repeat value, grouped by
 *       (frequency, monetary_value) — parameters p, q, v.</li>
 * </ul>
 * status: fitted; not_converged (the search stopped at its evaluation limit or a bound: parameters are
 * kept for inspection, the model's predictions are not made); insufficient_data (fewer than clv.min-customers
 * customers to fit to: no parameters). log_likelihood is the total over the customers used (natural
 * log), evaluations the objective evaluations of the search, customers and customer_groups what the
 * fit saw. Nothing here depends on the wall clock: the groups are ordered before fitting, so a re-run
 * gives the same parameters to the last bit; the fit's duration goes to the build's log.
 */
public final class LifetimeValueModels {

  private LifetimeValueModels() {}

  public static final String BG_NBD = "bg_nbd";
  public static final String GAMMA_GAMMA = "gamma_gamma";
  public static final String FITTED = "fitted";
  public static final String NOT_CONVERGED = "not_converged";
  public static final String INSUFFICIENT_DATA = "insufficient_data";

  /** One model's outcome: its status, the fit (null with insufficient data), and the groups it saw. */
  public record Outcome<P>(String status, ModelFit<P> fit, long customers, long groups) implements Serializable {}

  /**
   * Both models of one as-of date, with the settings the predictions use, and the expectations of
   * {@link CustomerLifetimeValue#score} that depend on a customer through (x, T) only, for each distinct
   * (x, T) of the customers fitted (null unless BG/NBD was fitted).
   */
  public record Fitted(Outcome<BgNbd.Params> bgNbd, Outcome<GammaGamma.Params> gammaGamma,
      AnalyticsSettings.Clv settings, double seconds, CustomerLifetimeValue.IfAliveTable expectations)
      implements Serializable {

    /** Whether the purchase model was fitted: P(alive) and expected purchases can be predicted. */
    public boolean purchasesUsable() {
      return FITTED.equals(bgNbd.status());
    }

    /** Whether both models were fitted: the expected order value and the CLV can be predicted too. */
    public boolean usable() {
      return purchasesUsable() && FITTED.equals(gammaGamma.status());
    }
  }

  /**
   * The models' input: customer_key, frequency, recency, age (T), monetary_value of each customer
   * with a purchase by the as-of date ({@link CustomerSummaries}).
   */
  public static Dataset<Row> rfm(Dataset<Row> summaries) {
    return summaries.where(col("is_customer").and(col("clv_frequency").isNotNull()))
        .select(col("customer_key"), col("clv_frequency").as("frequency"), col("clv_recency").as("recency"),
            col("clv_age").as("age"), col("clv_monetary_value").as("monetary_value"));
  }

  /**
   * Fits both models to the RFM rows ({@link #rfm}): one Spark pass brings the four summary columns to
   * the driver as primitive arrays (about 32 bytes a customer, less than the groups as rows), where
   * they are grouped ({@link FrequencyBlocks#purchases}, {@link FrequencyBlocks#spend}) and the
   * two searches run side by side; once BG/NBD is fitted, its expectations per distinct (x, T) are
   * computed while Gamma-Gamma is still being fitted.
   */
  public static Fitted fit(Dataset<Row> rfm, AnalyticsSettings.Clv settings) {
    long start = System.nanoTime();
    double[][] columns = columns(rfm.select("frequency", "recency", "age", "monetary_value"));
    int n = columns[0].length;
    // The two models are independent: the spend model is grouped and fitted on a thread of its own
    // while this one does the purchase model (each fit is deterministic, so the order changes nothing).
    ExecutorService second = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "clv-gamma-gamma");
      thread.setDaemon(true);
      return thread;
    });
    Outcome<BgNbd.Params> bgNbd;
    Outcome<GammaGamma.Params> gammaGamma;
    CustomerLifetimeValue.IfAliveTable expectations = null;
    try {
      Future<Outcome<GammaGamma.Params>> spend = second.submit(
          () -> outcome(FrequencyBlocks.spend(columns[0], columns[3], n), settings, GammaGamma::fit));
      FrequencyBlocks purchases = FrequencyBlocks.purchases(columns[0], columns[1], columns[2], n);
      bgNbd = outcome(purchases, settings, BgNbd::fit);
      if (FITTED.equals(bgNbd.status())) {
        // while the spend model is still being fitted
        expectations = new CustomerLifetimeValue.Scorer(bgNbd.fit().params(), null, settings)
            .table(purchases.frequenciesAndAges());
      }
      gammaGamma = spend.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fitting the lifetime-value models", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      second.shutdownNow();
    }
    if (FITTED.equals(gammaGamma.status()) && !(gammaGamma.fit().params().q() > 1)) {
      // E[M] needs q > 1 (a finite population mean spend): the fit is unusable for predictions
      gammaGamma = new Outcome<>(NOT_CONVERGED, gammaGamma.fit(), gammaGamma.customers(), gammaGamma.groups());
    }
    return new Fitted(bgNbd, gammaGamma, settings, (System.nanoTime() - start) / 1e9, expectations);
  }

  /**
   * The double columns of the rows as arrays on the driver, in partition order: each partition
   * fills its own arrays from Spark's internal rows (no row objects), the driver joins them.
   */
  static double[][] columns(Dataset<Row> doubles) {
    String[] names = doubles.columns();
    int width = names.length;
    List<double[][]> parts = doubles.queryExecution().toRdd().toJavaRDD().mapPartitions(rows -> {
      double[][] out = new double[width][1024];
      int n = 0;
      while (rows.hasNext()) {
        InternalRow r = rows.next();
        if (n == out[0].length) {
          for (int c = 0; c < width; c++) {
            out[c] = Arrays.copyOf(out[c], n * 2);
          }
        }
        for (int c = 0; c < width; c++) {
          if (r.isNullAt(c)) {
            throw new IllegalStateException("a lifetime-value summary column is null: " + names[c]);
          }
          out[c][n] = r.getDouble(c);
        }
        n++;
      }
      for (int c = 0; c < width; c++) {
        out[c] = Arrays.copyOf(out[c], n);
      }
      return java.util.Collections.singletonList(out).iterator();
    }).collect();
    int total = parts.stream().mapToInt(p -> p[0].length).sum();
    double[][] columns = new double[width][total];
    int at = 0;
    for (double[][] part : parts) {
      for (int c = 0; c < width; c++) {
        System.arraycopy(part[c], 0, columns[c], at, part[c].length);
      }
      at += part[0].length;
    }
    return columns;
  }

  private static <P> Outcome<P> outcome(FrequencyBlocks groups, AnalyticsSettings.Clv settings,
      java.util.function.Function<FrequencyBlocks, ModelFit<P>> fitter) {
    long customers = groups.customers();
    if (customers < settings.minCustomers()) {
      return new Outcome<>(INSUFFICIENT_DATA, null, customers, groups.groups());
    }
    ModelFit<P> fit = fitter.apply(groups);
    return new Outcome<>(fit.converged() ? FITTED : NOT_CONVERGED, fit, customers, groups.groups());
  }

  /** The gold.clv_model rows of the as-of date. */
  public static Dataset<Row> compute(SparkSession spark, Fitted fitted, LocalDate asOf) {
    List<Row> rows = new ArrayList<>();
    Map<String, Double> bg = new LinkedHashMap<>();
    if (fitted.bgNbd().fit() != null) {
      BgNbd.Params p = fitted.bgNbd().fit().params();
      bg.put("r", p.r());
      bg.put("alpha", p.alpha());
      bg.put("a", p.a());
      bg.put("b", p.b());
    }
    Map<String, Double> gg = new LinkedHashMap<>();
    if (fitted.gammaGamma().fit() != null) {
      GammaGamma.Params p = fitted.gammaGamma().fit().params();
      gg.put("p", p.p());
      gg.put("q", p.q());
      gg.put("v", p.v());
    }
    rows.add(row(asOf, BG_NBD, fitted.bgNbd(), bg, fitted.settings()));
    rows.add(row(asOf, GAMMA_GAMMA, fitted.gammaGamma(), gg, fitted.settings()));
    return GoldColumns.conform(TableCatalog.CLV_MODEL,
        spark.createDataFrame(rows, TableCatalog.CLV_MODEL.schema()));
  }

  private static Row row(LocalDate asOf, String model, Outcome<?> outcome, Map<String, Double> parameters,
      AnalyticsSettings.Clv s) {
    ModelFit<?> fit = outcome.fit();
    return RowFactory.create(Date.valueOf(asOf), model, outcome.status(),
        fit == null ? null : parameters,
        fit == null ? null : fit.logLikelihood(), fit == null ? null : fit.converged(),
        fit == null ? null : fit.evaluations(), outcome.customers(), outcome.groups(),
        s.timeUnit().settingName(), s.horizonMonths(), s.monthlyDiscountRate());
  }
}
