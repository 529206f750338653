package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.testing.SharedDatasets;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifetime-value tables end to end on CDNOW: the master log ingested through config/cdnow.conf,
 * the gold build run as of the calibration end 1997-09-30 (default unit: one-day periods in weeks),
 * and gold.clv_model / gold.customer_lifetime_value compared with the lifetimes package (0.11.3, the
 * reference files of {@code bench/src/main/python/clv_lifetimes_reference.py}); then clv-validate's
 * holdout check to 1998-06-30 with its actual figures counted here from the raw file.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowLifetimeValueTest {

  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

  TestWarehouse wh;
  Properties reference = new Properties();
  Map<String, Row> clv = new HashMap<>();
  Map<String, Row> models = new HashMap<>();
  LifetimeValueValidation.Result validation;
  /** customer id → its purchase days. */
  Map<String, TreeSet<LocalDate>> days = new HashMap<>();

  @BeforeAll
  void ingestAndBuild(SparkSession spark, @TempDir Path tmp) throws IOException {
    Path cdnow = SharedDatasets.require("cdnow/CDNOW_master.txt");
    for (String line : Files.readAllLines(cdnow, StandardCharsets.US_ASCII)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 4 && !f[0].equals("customer_id")) {
        days.computeIfAbsent(f[0], k -> new TreeSet<>()).add(LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE));
      }
    }
    try (InputStream in = resource("cdnow-lifetimes-params.properties")) {
      reference.load(in);
    }
    Path landing = tmp.resolve("landing");
    Files.createDirectories(landing.resolve("cdnow/1998-06-30"));
    Files.copy(cdnow, landing.resolve("cdnow/1998-06-30/CDNOW_master.txt"));
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"),
        ClienteleConfig.load(Optional.of(Path.of("..", "config", "cdnow.conf"))));
    wh.ingestAll(landing);
    AnalyticsSettings settings = AnalyticsSettings.defaults();
    new GoldBuildJob(wh.warehouse(), settings).run(CALIBRATION_END);
    for (Row r : wh.warehouse().read(TableCatalog.CUSTOMER_LIFETIME_VALUE).collectAsList()) {
      clv.put(r.getString(r.fieldIndex("customer_key")), r);
    }
    for (Row r : wh.warehouse().read(TableCatalog.CLV_MODEL).collectAsList()) {
      models.put(r.getString(r.fieldIndex("model")), r);
    }
    validation = LifetimeValueValidation.run(wh.warehouse().read(TableCatalog.TRANSACTIONS), CALIBRATION_END,
        HOLDOUT_END, settings);
  }

  static InputStream resource(String name) {
    InputStream in = CdnowLifetimeValueTest.class.getResourceAsStream("/clv/" + name);
    assertNotNull(in, "test resource clv/" + name);
    return in;
  }

  double ref(String key) {
    String value = reference.getProperty(key);
    assertNotNull(value, "reference value " + key);
    return Double.parseDouble(value);
  }

  static void relative(double expected, double actual, double tolerance, String what) {
    assertEquals(expected, actual, tolerance * Math.abs(expected), what);
  }

  @Test
  void theModelsAreLifetimesModels() {
    Row bg = models.get(LifetimeValueModels.BG_NBD);
    Row gg = models.get(LifetimeValueModels.GAMMA_GAMMA);
    assertEquals(2, models.size());
    assertEquals(LifetimeValueModels.FITTED, bg.getAs("status"));
    assertEquals(LifetimeValueModels.FITTED, gg.getAs("status"));
    assertEquals((long) ref("customers"), (long) bg.<Long>getAs("customers"));
    assertEquals((long) ref("repeat_customers"), (long) gg.<Long>getAs("customers"));
    Map<String, Double> p = bg.getJavaMap(bg.fieldIndex("parameters"));
    for (String name : List.of("r", "alpha", "a", "b")) {
      relative(ref("bgnbd." + name), p.get(name), 1e-3, "BG/NBD " + name);
    }
    Map<String, Double> q = gg.getJavaMap(gg.fieldIndex("parameters"));
    for (String name : List.of("p", "q", "v")) {
      relative(ref("gammagamma." + name), q.get(name), 1e-3, "Gamma-Gamma " + name);
    }
    assertEquals("days-in-weeks", bg.getAs("time_unit"));
    assertTrue(bg.<Long>getAs("customer_groups") < bg.<Long>getAs("customers") / 2, "grouping shrinks the input");
  }

  /**
   * Every customer who bought by the calibration end has a row whose summary and predictions equal
   * lifetimes' (per distinct summary in the reference file): P(alive) and the expected purchases in
   * 30 / 90 / 365 days within 1e-5 — the two optimisers' end points differ by about 1e-6 relative
   * on a likelihood this flat (clv.CdnowModelsTest shows the formulas agree to 1e-9 at equal
   * parameters).
   */
  @Test
  void everyCustomersPredictionsEqualLifetimes() throws IOException {
    long bought = days.values().stream().filter(d -> !d.first().isAfter(CALIBRATION_END)).count();
    assertEquals(bought, clv.size(), "one row per customer with a purchase by the calibration end");
    Map<List<Integer>, double[]> lifetimes = new HashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(resource("cdnow-lifetimes-bgnbd.csv.gz")), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        lifetimes.put(List.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])),
            new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7])});
      }
    }
    double worst = 0;
    for (Row r : clv.values()) {
      List<Integer> key = List.of((int) r.<Double>getAs("frequency").doubleValue(),
          (int) Math.round(r.<Double>getAs("recency") * 7), (int) Math.round(r.<Double>getAs("age") * 7));
      double[] expected = lifetimes.get(key);
      assertNotNull(expected, "lifetimes has no customer with summary " + key);
      String[] columns = {"p_alive", "expected_purchases_30d", "expected_purchases_90d", "expected_purchases_365d"};
      for (int i = 0; i < columns.length; i++) {
        double ours = r.<Double>getAs(columns[i]);
        worst = Math.max(worst, Math.abs(ours - expected[i]));
        assertEquals(expected[i], ours, 1e-5, columns[i] + " of " + key);
      }
    }
    assertTrue(worst > 0 && worst < 1e-5, "largest difference " + worst);
  }

  @Test
  void lifetimeValueAndRanksEqualLifetimes() {
    double total = clv.values().stream().mapToDouble(r -> r.<Double>getAs("clv")).sum();
    // lifetimes' total with its own parameters; ours differ by ~1e-6 relative (see above)
    relative(ref("clv.12_months_1_percent.total"), total, 1e-5, "total 12-month CLV");
    for (String customer : List.of("00001", "00002", "00004", "00018", "00115")) {
      relative(ref("clv.12_months_1_percent." + customer), clv.get(wh.key(customer)).<Double>getAs("clv"), 1e-5,
          "CLV of " + customer);
    }
    List<Row> byRank = clv.values().stream().sorted((a, b) -> Long.compare(a.getAs("clv_rank"), b.getAs("clv_rank")))
        .toList();
    for (int i = 0; i < byRank.size(); i++) {
      Row r = byRank.get(i);
      assertEquals(i + 1L, (long) r.<Long>getAs("clv_rank"));
      assertEquals(i * 10 / byRank.size() + 1, (int) r.<Integer>getAs("clv_decile"));
      if (i > 0) {
        assertTrue(byRank.get(i - 1).<Double>getAs("clv") >= r.<Double>getAs("clv"), "rank order at " + i);
      }
      assertEquals(r.<Double>getAs("clv") * (1 - r.<Double>getAs("p_alive")), r.<Double>getAs("value_at_risk"), 1e-9);
    }
  }

  /**
   * Scoring with the table of expectations per distinct (x, T), computed once on the driver, gives
   * every customer exactly the values of scoring without it (each partition computing its own).
   */
  @Test
  void scoringFromTheDriversTableEqualsScoringInEachPartition() {
    Dataset<Row> rfm = wh.warehouse().read(TableCatalog.CUSTOMER_LIFETIME_VALUE)
        .select("customer_key", "frequency", "recency", "age", "monetary_value").repartition(3).cache();
    LifetimeValueModels.Fitted fitted = LifetimeValueModels.fit(rfm, AnalyticsSettings.defaults().clv());
    assertNotNull(fitted.expectations());
    assertTrue(fitted.expectations().pairs() < clv.size(), "fewer distinct (x, T) than customers");
    LifetimeValueModels.Fitted withoutTable = new LifetimeValueModels.Fitted(fitted.bgNbd(), fitted.gammaGamma(),
        fitted.settings(), fitted.seconds(), null);
    Map<String, Row> withTable = new HashMap<>();
    for (Row r : CustomerLifetimeValue.score(rfm, fitted).collectAsList()) {
      withTable.put(r.getString(0), r);
    }
    List<Row> without = CustomerLifetimeValue.score(rfm, withoutTable).collectAsList();
    assertEquals(clv.size(), without.size());
    for (Row r : without) {
      assertEquals(r, withTable.get(r.getString(0)));
    }
    rfm.unpersist();
  }

  /**
   * clv-validate: the actual holdout purchases (distinct purchase days after the calibration end of
   * the calibration's customers) counted here from the raw file, by week and by calibration
   * frequency.
   */
  @Test
  void theHoldoutCheckCountsWhatCustomersDid() {
    long customers = 0;
    long actual = 0;
    long[] byWeek = new long[40];
    Map<String, long[]> byBucket = new HashMap<>();
    for (TreeSet<LocalDate> d : days.values()) {
      if (d.first().isAfter(CALIBRATION_END)) {
        continue;
      }
      customers++;
      int x = d.headSet(CALIBRATION_END, true).size() - 1;
      long holdout = d.tailSet(CALIBRATION_END, false).size();
      actual += holdout;
      for (LocalDate day : d.tailSet(CALIBRATION_END, false)) {
        byWeek[(int) Math.ceil(java.time.temporal.ChronoUnit.DAYS.between(CALIBRATION_END, day) / 7.0)]++;
      }
      String bucket = x >= 7 ? "7+" : String.valueOf(x);
      long[] b = byBucket.computeIfAbsent(bucket, k -> new long[2]);
      b[0]++;
      b[1] += holdout;
    }
    assertEquals(customers, validation.customers());
    assertEquals(actual, validation.actualTotal());
    assertEquals(39, validation.weeks().size(), "273 days: 39 weeks");
    long cumulative = 0;
    for (LifetimeValueValidation.Week w : validation.weeks()) {
      cumulative += byWeek[w.week()];
      assertEquals(cumulative, w.actualCumulative(), "week " + w.week());
    }
    assertEquals(HOLDOUT_END.toString(), validation.weeks().get(38).weekEnd());
    assertEquals(8, validation.buckets().size());
    for (LifetimeValueValidation.Bucket b : validation.buckets()) {
      long[] expected = byBucket.get(b.frequency());
      assertEquals(expected[0], b.customers(), "customers with frequency " + b.frequency());
      assertEquals((double) expected[1] / expected[0], b.actualMean(), 1e-12, "mean of " + b.frequency());
    }
    assertEquals(validation.predictedTotal(), validation.weeks().get(38).predictedCumulative(),
        1e-6 * validation.predictedTotal(), "the last week's prediction is the holdout's");
    System.out.println(validation.describe());
  }

  /**
   * The same check run by lifetimes (calibration_and_holdout_data, its own fit and
   * conditional_expected_number_of_purchases_up_to_time): the same customers and actual purchases,
   * and predictions — total, per frequency bucket and the mean absolute error — within 1e-5.
   */
  @Test
  void theHoldoutCheckEqualsLifetimes() {
    assertEquals((long) ref("holdout.customers"), validation.customers());
    assertEquals((long) ref("holdout.actual"), validation.actualTotal());
    relative(ref("holdout.predicted"), validation.predictedTotal(), 1e-5, "predicted holdout purchases");
    relative(ref("holdout.mean_absolute_error"), validation.meanAbsoluteError(), 1e-5, "mean absolute error");
    for (LifetimeValueValidation.Bucket b : validation.buckets()) {
      relative(ref("holdout.predicted_mean." + b.frequency()), b.predictedMean(), 1e-5,
          "predicted mean of frequency " + b.frequency());
    }
  }
}
