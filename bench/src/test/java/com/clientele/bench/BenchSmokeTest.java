package com.clientele.bench;

import com.clientele.oracle.DuckDbGold;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.config.ClienteleConfig;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.Warehouse;
import com.clientele.testing.SparkExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the real benchmark (2,000 transactions, one run, without the pandas peer, which
 * needs its own virtualenv): every stage measured, DuckDB's gold tables identical to ours, the
 * JSON result and the summary page written; and the comparison bites when DuckDB's answer is off.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeTest {

  Path work;
  Path reports;
  BenchPlan plan;
  JsonNode result;

  @BeforeAll
  void runBenchmark(SparkSession spark, @TempDir Path tmp) throws Exception {
    work = tmp.resolve("bench");
    reports = tmp.resolve("docs").resolve("benchmarks");
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("NOTES.md"), "## Notes\n\nhand-written\n");
    plan = new BenchPlan(2_000, 200, 7, 1, 1, work, reports, Optional.empty(), true);
    result = new Benchmark(plan).run();
  }

  @Test
  void measuresEveryStageOfBothEngines() {
    assertEquals("complete", result.path("status").asText());
    List<String> ours = names(result.path("spark_runs").get(0));
    assertEquals(List.of("ingest", "gold build", "increment ingest", "increment gold build"), ours);
    assertEquals(List.of("duckdb load", "duckdb gold"), names(result.path("duckdb_runs").get(0)));
    for (JsonNode stage : result.path("spark_runs").get(0)) {
      assertTrue(stage.path("wallSeconds").asDouble() > 0, stage.toString());
      assertTrue(stage.path("cpuSeconds").asDouble() > 0, stage.toString());
      assertTrue(stage.path("peakRssMb").asDouble() > 0, stage.toString());
    }
    long generated = result.path("dataset").path("generator").path("summary").path("transactionRows").asLong();
    JsonNode ingest = result.path("spark_runs").get(0).get(0);
    JsonNode increment = result.path("spark_runs").get(0).get(2);
    // Every generated line of every kind is an input row of exactly one of the two ingests.
    JsonNode g = result.path("dataset").path("generator").path("summary");
    long allRows = g.path("customerRows").asLong() + g.path("transactionRows").asLong()
        + g.path("interactionRows").asLong() + g.path("referralRows").asLong();
    assertEquals(allRows, ingest.path("rows").asLong() + increment.path("rows").asLong());
    assertTrue(generated > 1_500, "transactions generated: " + generated);
    // the lifetime-value models: warm-up runs first (the first one reported apart), then the measured run
    assertEquals(1, result.path("spark_clv_runs").size());
    assertTrue(result.path("spark_clv_first_run").path("wallSeconds").asDouble() > 0, result.toString());
    assertEquals(result.path("spark_clv_first_run").path("wallSeconds").asDouble(),
        result.path("summary").path("seconds").path("spark_clv_first_run").asDouble(), 1e-12);
  }

  @Test
  void duckDbGoldTablesEqualOurs() {
    JsonNode tables = result.path("gold_comparison");
    assertEquals(DuckDbGold.TABLES.size(), tables.size());
    for (JsonNode t : tables) {
      assertEquals(0, t.path("differentRows").asLong(), t.toString());
      assertEquals(t.path("oursRows").asLong(), t.path("duckdbRows").asLong(), t.toString());
    }
    assertTrue(tables.get(0).path("oursRows").asLong() > 100, "customer_profile should have the customers");
    assertTrue(result.path("summary").path("checks").path("gold_identical_to_duckdb").asBoolean());
  }

  @Test
  void ratiosAreComputedFromTheMeasuredStages() {
    JsonNode run = result.path("spark_runs").get(0);
    double full = run.get(0).path("wallSeconds").asDouble() + run.get(1).path("wallSeconds").asDouble();
    double inc = run.get(2).path("wallSeconds").asDouble() + run.get(3).path("wallSeconds").asDouble();
    JsonNode duck = result.path("duckdb_runs").get(0);
    double peer = duck.get(0).path("wallSeconds").asDouble() + duck.get(1).path("wallSeconds").asDouble();
    JsonNode ratios = result.path("summary").path("ratios");
    assertEquals(inc / full, ratios.path("increment_share_of_full").asDouble(), 1e-9);
    assertEquals(full / peer, ratios.path("ours_vs_duckdb_end_to_end").asDouble(), 1e-9);
    assertTrue(result.path("summary").path("ratios").path("pandas_vs_spark_rfm").isNull());
  }

  @Test
  void writesTheJsonAndTheSummaryPage() throws Exception {
    assertTrue(Files.isRegularFile(reports.resolve("2k.json")));
    String page = Files.readString(reports.resolveSibling("benchmarks.md"));
    assertTrue(page.contains("## 2k transactions"), page);
    assertTrue(page.contains("| 2k | daily increment ≤ 15% of a full run |"), page);
    assertTrue(page.contains("customer_profile "), page);
    assertTrue(page.endsWith("hand-written\n"), "the hand-written notes close the page");
    // The result names the code it measured: the commit the product jar was built from.
    String commit = result.path("machine").path("versions").path("clientele_commit").asText();
    assertEquals(com.clientele.runtime.BuildInfo.current().describe(), commit);
    assertFalse(commit.isEmpty());
    assertTrue(page.contains("Code: clientele " + result.path("machine").path("versions").path("clientele").asText()
        + ", commit " + commit + "."), page);
  }

  @Test
  void aWrongDuckDbAnswerIsReported(SparkSession spark) throws Exception {
    BenchDataset data = BenchDataset.prepare(plan);
    assertTrue(data.cached(), "the dataset is generated once per seed and size");
    Path warehouse = work.resolve("runs").resolve(plan.sizeLabel()).resolve("warehouse");
    try (DuckDbPipeline duck = new DuckDbPipeline(work.resolve("scratch-test"), 2, "1GB")) {
      duck.run(data, ClienteleConfig.load(Optional.empty()), PersonalDataProtector.forSecret(Benchmark.SECRET));
      try (Statement st = duck.connection().createStatement()) {
        st.execute("UPDATE gold_customer_profile SET region = 'Atlantis' WHERE customer_key = "
            + "(SELECT min(customer_key) FROM gold_customer_profile)");
        st.execute("DELETE FROM gold_leaky_bucket WHERE month_start = (SELECT max(month_start) FROM gold_leaky_bucket)");
      }
      var verdicts = GoldComparison.compare(new Warehouse(spark, warehouse.toString()), duck.connection(), BenchPlan.FULL_DATE,
          work.resolve("export-test"));
      var profile = verdicts.stream().filter(v -> v.table().equals("customer_profile")).findFirst().orElseThrow();
      assertEquals(1, profile.differentRows());
      assertTrue(profile.examples().get(0).contains("region: ours"), profile.examples().toString());
      var bucket = verdicts.stream().filter(v -> v.table().equals("leaky_bucket")).findFirst().orElseThrow();
      assertEquals(1, bucket.differentRows());
      assertEquals(bucket.oursRows() - 1, bucket.duckdbRows());
      assertTrue(verdicts.stream().filter(v -> !v.table().equals("customer_profile") && !v.table().equals("leaky_bucket"))
          .allMatch(GoldComparison.TableResult::identical));

      // The same comparisons split into parts (as a 40M run's large tables are): the same verdicts.
      Path exported = work.resolve("export-test");
      for (String name : List.of("customer_profile", "leaky_bucket", "customer_segments")) {
        var table = com.clientele.catalog.TableCatalog.all().stream().filter(t -> t.name().equals(name)).findFirst()
            .orElseThrow();
        var whole = verdicts.stream().filter(v -> v.table().equals(name)).findFirst().orElseThrow();
        long rowsPerPart = Math.max(1, whole.oursRows() / 7);
        assertTrue(GoldComparison.parts(whole.oursRows(), whole.duckdbRows(), rowsPerPart) >= 7, name);
        var split = GoldComparison.compareOne(duck.connection(), table, exported.resolve(name), rowsPerPart);
        assertEquals(whole.differentRows(), split.differentRows(), name);
        assertEquals(whole.oursRows(), split.oursRows(), name);
        assertEquals(whole.duckdbRows(), split.duckdbRows(), name);
        assertEquals(whole.identical(), split.identical(), name);
        assertEquals(whole.examples().isEmpty(), split.examples().isEmpty(), name);
      }
      assertEquals(1, GoldComparison.parts(10, 3, 10));
      assertEquals(2, GoldComparison.parts(10, 11, 10));
    }
  }

  private static List<String> names(JsonNode stages) {
    List<String> out = new ArrayList<>();
    stages.forEach(s -> out.add(s.path("name").asText()));
    return out;
  }
}
