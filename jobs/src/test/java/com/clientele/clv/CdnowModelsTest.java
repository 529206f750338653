package com.clientele.clv;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.SharedDatasets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The models fitted on the CDNOW master log (calibration to 1997-09-30, day periods measured in weeks)
 * against the lifetimes package's BetaGeoFitter and GammaGammaFitter on the same summary. The reference
 * values were written by {@code bench/src/main/python/clv_lifetimes_reference.py} in the benchmark's
 * pinned virtualenv (lifetimes 0.11.3); the summary here is computed from the raw log in plain Java,
 * independently of the product's Spark {@code RfmSummary}, and must give the same customer groups.
 */
class CdnowModelsTest {

  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final int[] HORIZON_DAYS = {30, 90, 365};

  /** One customer's summary in whole days (lifetimes' freq='D'). */
  record Summary(int frequency, int recencyDays, int ageDays, double monetaryValue) {}

  static Map<String, Summary> customers;
  static Properties reference;
  static ModelFit<BgNbd.Params> bgnbd;
  static ModelFit<GammaGamma.Params> gammaGamma;

  @BeforeAll
  static void fit() throws IOException {
    customers = summaries(SharedDatasets.require("cdnow/CDNOW_master.txt"));
    reference = new Properties();
    try (InputStream in = resource("cdnow-lifetimes-params.properties")) {
      reference.load(in);
    }
    bgnbd = BgNbd.fit(bgnbdGroups());
    gammaGamma = GammaGamma.fit(customers.values().stream()
        .map(s -> new CustomerGroup(s.frequency, s.recencyDays / 7.0, s.ageDays / 7.0, s.monetaryValue, 1)).toList());
  }

  static InputStream resource(String name) {
    InputStream in = CdnowModelsTest.class.getResourceAsStream("/clv/" + name);
    assertNotNull(in, "test resource clv/" + name);
    return in;
  }

  /** lifetimes' summary_data_from_transaction_data(freq='D'): day totals, repeat days, days since the first. */
  static Map<String, Summary> summaries(Path log) throws IOException {
    Map<String, TreeMap<LocalDate, Double>> days = new HashMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("customer_id")) {
        continue;
      }
      LocalDate day = LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE);
      if (!day.isAfter(CALIBRATION_END)) {
        days.computeIfAbsent(f[0], k -> new TreeMap<>()).merge(day, Double.parseDouble(f[3]), Double::sum);
      }
    }
    Map<String, Summary> out = new HashMap<>();
    days.forEach((customer, totals) -> {
      LocalDate first = totals.firstKey();
      double repeatSum = totals.tailMap(first, false).values().stream().mapToDouble(Double::doubleValue).sum();
      int repeats = totals.size() - 1;
      out.put(customer, new Summary(repeats, (int) ChronoUnit.DAYS.between(first, totals.lastKey()),
          (int) ChronoUnit.DAYS.between(first, CALIBRATION_END), repeats == 0 ? 0 : repeatSum / repeats));
    });
    return out;
  }

  /** frequency, recency days, T days → customers. */
  static Map<List<Integer>, Long> bgnbdCounts() {
    Map<List<Integer>, Long> counts = new LinkedHashMap<>();
    customers.values().forEach(s -> counts.merge(List.of(s.frequency, s.recencyDays, s.ageDays), 1L, Long::sum));
    return counts;
  }

  static List<CustomerGroup> bgnbdGroups() {
    List<CustomerGroup> groups = new ArrayList<>();
    bgnbdCounts().forEach((k, n) -> groups.add(new CustomerGroup(k.get(0), k.get(1) / 7.0, k.get(2) / 7.0, 0, n)));
    return groups;
  }

  static double ref(String key) {
    String value = reference.getProperty(key);
    assertNotNull(value, "reference value " + key);
    return Double.parseDouble(value);
  }

  static void relative(double expected, double actual, double tolerance, String what) {
    assertEquals(expected, actual, tolerance * Math.abs(expected), what);
  }

  BgNbd.Params lifetimesBgNbd() {
    return new BgNbd.Params(ref("bgnbd.r"), ref("bgnbd.alpha"), ref("bgnbd.a"), ref("bgnbd.b"));
  }

  @Test
  void bgnbdParametersEqualLifetimes() {
    assertEquals((long) ref("customers"), bgnbd.customers());
    assertTrue(bgnbd.converged(), bgnbd.toString());
    BgNbd.Params ours = bgnbd.params();
    BgNbd.Params theirs = lifetimesBgNbd();
    relative(theirs.r(), ours.r(), 1e-3, "r");
    relative(theirs.alpha(), ours.alpha(), 1e-3, "alpha");
    relative(theirs.a(), ours.a(), 1e-3, "a");
    relative(theirs.b(), ours.b(), 1e-3, "b");
    // lifetimes minimises the mean negative log-likelihood with times scaled by s = 1 / max T, which
    // changes each customer's log-likelihood by -x ln s: ours = -N * theirs + ln s * sum(x)
    List<CustomerGroup> groups = bgnbdGroups();
    double scale = 1 / groups.stream().mapToDouble(CustomerGroup::age).max().orElseThrow();
    double repeats = groups.stream().mapToDouble(g -> g.frequency() * g.customers()).sum();
    relative(-bgnbd.customers() * ref("bgnbd.mean_negative_log_likelihood_scaled") + Math.log(scale) * repeats,
        BgNbd.logLikelihood(theirs, groups), 1e-9, "log-likelihood at lifetimes' parameters");
    assertTrue(bgnbd.logLikelihood() >= BgNbd.logLikelihood(theirs, groups) - 1e-6,
        "our optimum is at least as likely as lifetimes': " + bgnbd.logLikelihood());
  }

  @Test
  void gammaGammaParametersEqualLifetimes() {
    assertEquals((long) ref("repeat_customers"), gammaGamma.customers());
    assertTrue(gammaGamma.converged(), gammaGamma.toString());
    GammaGamma.Params theirs = new GammaGamma.Params(ref("gammagamma.p"), ref("gammagamma.q"), ref("gammagamma.v"));
    relative(theirs.p(), gammaGamma.params().p(), 1e-3, "p");
    relative(theirs.q(), gammaGamma.params().q(), 1e-3, "q");
    relative(theirs.v(), gammaGamma.params().v(), 1e-3, "v");
    Summary c2 = customers.get("00002");
    relative(ref("gammagamma.expected_value_of_customer_00002"),
        GammaGamma.conditionalExpectedValue(theirs, c2.frequency, c2.monetaryValue), 1e-12, "customer 00002");
  }

  /**
   * The 12-month lifetime value at 1% a month (months of 4.345 weeks, lifetimes' freq='W'), with
   * lifetimes' parameters: five customers one by one and the total over all 23,570 customers equal
   * lifetimes' {@code customer_lifetime_value} to 1e-9.
   */
  @Test
  void lifetimeValueEqualsLifetimes() {
    BgNbd.Params purchases = lifetimesBgNbd();
    GammaGamma.Params spend = new GammaGamma.Params(ref("gammagamma.p"), ref("gammagamma.q"), ref("gammagamma.v"));
    double total = 0;
    Map<String, Double> values = new HashMap<>();
    for (Map.Entry<String, Summary> e : customers.entrySet()) {
      Summary s = e.getValue();
      double value = LifetimeValue.discounted(purchases,
          GammaGamma.conditionalExpectedValue(spend, s.frequency, s.monetaryValue), s.frequency,
          s.recencyDays / 7.0, s.ageDays / 7.0, 12, 0.01, 4.345);
      values.put(e.getKey(), value);
      total += value;
    }
    for (String customer : List.of("00001", "00002", "00004", "00018", "00115")) {
      relative(ref("clv.12_months_1_percent." + customer), values.get(customer), 1e-9, "CLV of " + customer);
    }
    relative(ref("clv.12_months_1_percent.total"), total, 1e-9, "total CLV");
    assertTrue(values.get("00004") > values.get("00018"), "a repeat buyer is worth more than a one-time buyer");
  }

  /**
   * P(alive) and the expected purchases in the next 30, 90 and 365 days for every customer (per
   * distinct summary): with lifetimes' parameters our formulas give lifetimes' values to 1e-9. With
   * each side's own fitted parameters they agree to 1e-5: the likelihood is so flat at the optimum
   * that the two optimisers' end points (log-likelihoods equal to 2e-10 of 95,368, ours the higher)
   * differ by about 1e-6 relative in the parameters, which moves a 365-day expectation by up to about
   * 1.1e-6 — the data cannot place the parameters closer than that, so that is not a difference of
   * the models.
   */
  @Test
  void everyCustomersPredictionsEqualLifetimes() throws IOException {
    Map<List<Integer>, Long> ours = bgnbdCounts();
    BgNbd.Params theirs = lifetimesBgNbd();
    BgNbd.Params fitted = bgnbd.params();
    int rows = 0;
    long covered = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(resource("cdnow-lifetimes-bgnbd.csv.gz")), StandardCharsets.UTF_8))) {
      assertEquals("frequency,recency_days,T_days,customers,p_alive,expected_30d,expected_90d,expected_365d",
          in.readLine());
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        List<Integer> key = List.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]));
        assertEquals(Long.parseLong(f[3]), ours.get(key), "customers with summary " + key);
        covered += Long.parseLong(f[3]);
        double x = key.get(0);
        double recency = key.get(1) / 7.0;
        double age = key.get(2) / 7.0;
        for (BgNbd.Params p : List.of(theirs, fitted)) {
          double tolerance = p == theirs ? 1e-9 : 1e-5;
          String who = (p == theirs ? "lifetimes' parameters, " : "our fit, ") + key;
          assertEquals(Double.parseDouble(f[4]), BgNbd.probabilityAlive(p, x, recency, age), tolerance,
              "P(alive) " + who);
          for (int i = 0; i < HORIZON_DAYS.length; i++) {
            double expected = Double.parseDouble(f[5 + i]);
            assertEquals(expected, BgNbd.conditionalExpectedPurchases(p, HORIZON_DAYS[i] / 7.0, x, recency, age),
                tolerance * Math.max(1, expected), "purchases in " + HORIZON_DAYS[i] + " days, " + who);
          }
        }
        rows++;
      }
    }
    assertEquals(ours.size(), rows, "one reference row per distinct summary");
    assertEquals(customers.size(), covered);
  }
}
