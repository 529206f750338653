package com.clientele.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on hand-made runs. */
class BenchReportTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(3.0, BenchReport.medianOf(List.of(9.0, 1.0, 3.0)));
    assertEquals(2.5, BenchReport.medianOf(List.of(4.0, 1.0, 2.0, 3.0)));
  }

  @Test
  void namesTheCommitTheResultRecorded() throws Exception {
    var mapper = new ObjectMapper();
    var recorded = mapper.readTree("{\"machine\":{\"versions\":{\"clientele\":\"0.1.0-SNAPSHOT\","
        + "\"clientele_commit\":\"734bcd7-dirty\"}}}");
    assertEquals("clientele 0.1.0-SNAPSHOT, commit 734bcd7-dirty", BenchReport.codeOf(recorded));
    var older = mapper.readTree("{\"machine\":{\"versions\":{\"clientele\":\"0.1.0-SNAPSHOT\"}}}");
    assertEquals("clientele 0.1.0-SNAPSHOT, commit not recorded (a result from before the build recorded it)",
        BenchReport.codeOf(older));
  }

  @Test
  void fullRunIsTheMedianOfPerRunSumsAndRatiosFollow() throws Exception {
    JsonNode result = new ObjectMapper().readTree("""
        {"spark_runs": [
           [{"name":"ingest","wallSeconds":10,"rows":100}, {"name":"gold build","wallSeconds":5,"rows":80},
            {"name":"increment ingest","wallSeconds":1,"rows":2}, {"name":"increment gold build","wallSeconds":2,"rows":80}],
           [{"name":"ingest","wallSeconds":30,"rows":100}, {"name":"gold build","wallSeconds":6,"rows":80},
            {"name":"increment ingest","wallSeconds":1,"rows":2}, {"name":"increment gold build","wallSeconds":3,"rows":80}],
           [{"name":"ingest","wallSeconds":12,"rows":100}, {"name":"gold build","wallSeconds":8,"rows":80},
            {"name":"increment ingest","wallSeconds":2,"rows":2}, {"name":"increment gold build","wallSeconds":2,"rows":80}]],
         "duckdb_runs": [[{"name":"duckdb load","wallSeconds":1,"rows":100}, {"name":"duckdb gold","wallSeconds":1,"rows":80}],
                         [{"name":"duckdb load","wallSeconds":2,"rows":100}, {"name":"duckdb gold","wallSeconds":3,"rows":80}],
                         [{"name":"duckdb load","wallSeconds":2,"rows":100}, {"name":"duckdb gold","wallSeconds":2,"rows":80}]],
         "spark_rfm_runs": [{"name":"rfm summary (Spark)","wallSeconds":2,"rows":50}],
         "pandas": {"runs": [{"total_seconds": 30}, {"total_seconds": 10}, {"total_seconds": 20}],
                    "comparison": {"identical": true}},
         "gold_comparison": [{"table":"t","oursRows":3,"duckdbRows":3,"differentRows":0}]}
        """);
    JsonNode s = BenchReport.summarise(result);
    // Full runs: 15, 36, 20 -> 20; increments: 3, 4, 4 -> 4; DuckDB: 2, 5, 4 -> 4.
    assertEquals(20.0, s.path("seconds").path("ours_full").asDouble());
    assertEquals(4.0, s.path("seconds").path("ours_increment").asDouble());
    assertEquals(4.0, s.path("seconds").path("duckdb_full").asDouble());
    assertEquals(5.0, s.path("ratios").path("ours_vs_duckdb_end_to_end").asDouble());
    assertEquals(0.2, s.path("ratios").path("increment_share_of_full").asDouble(), 1e-12);
    assertEquals(10.0, s.path("ratios").path("pandas_vs_spark_rfm").asDouble());
    assertEquals(12.0, s.path("stages").path("ours").path("ingest").path("wall_seconds").asDouble());
    assertTrue(s.path("checks").path("gold_identical_to_duckdb").asBoolean());
    assertTrue(s.path("checks").path("rfm_identical_to_lifetimes").asBoolean());

    // The targets of the same result: end to end 20 / 4 = 5×, gold alone 6 / 2 = 3×, increment 20%.
    var r = new ObjectMapper().createObjectNode().put("size", "2k").put("status", "complete");
    r.putObject("machine").put("jvm_options", "-Xmx8g -XX:-DontCompileHugeMethods");
    r.set("summary", s);
    StringBuilder md = new StringBuilder();
    BenchReport.targets(md, r);
    assertEquals(List.of(
        "| 2k | end to end ≤ 5× DuckDB (goal 3×; same gold tables, identical) | 5.00× | yes |",
        "| 2k | gold build alone ≤ 3× DuckDB's gold SQL (identical) | 3.00× | yes |",
        "| 2k | RFM ≥ 10× faster than pandas + lifetimes, identical output | 10.0× faster, identical | yes |",
        "| 2k | daily increment ≤ 15% of a full run | 20.0% | no |",
        "| 2k | completes with -Xmx8g | complete | yes |"), md.toString().lines().toList());

    // A failed run's row shows the failure's first line, not its stack trace.
    r.put("status", "failed: java.io.IOException: No space left on device\n\tat java.base/java.io.FileOutputStream.write");
    StringBuilder failed = new StringBuilder();
    BenchReport.targets(failed, r);
    assertEquals("| 2k | completes with -Xmx8g | failed: java.io.IOException: No space left on device | no |",
        failed.toString().lines().reduce((a, b) -> b).orElseThrow());

    // Our pipeline's runs all finished, then the DuckDB peer failed: the pipeline's row says so and
    // counts as met; the ratios' rows say the identity was not checked.
    r.putObject("plan").put("runs", 1);
    r.putArray("spark_runs").addArray();
    r.put("status", "failed in the DuckDB peer: java.sql.SQLException: IO Error: No space left on device");
    ((com.fasterxml.jackson.databind.node.ObjectNode) r.path("summary").path("checks")).remove("gold_identical_to_duckdb");
    StringBuilder peerFailed = new StringBuilder();
    BenchReport.targets(peerFailed, r);
    List<String> lines = peerFailed.toString().lines().toList();
    assertEquals("| 2k | completes with -Xmx8g | our pipeline complete (then failed in the DuckDB peer: "
        + "java.sql.SQLException: IO Error: No space left on device) | yes |", lines.get(lines.size() - 1));
    assertEquals("| 2k | end to end ≤ 5× DuckDB (goal 3×; same gold tables, identity NOT checked) | 5.00× | no |",
        lines.get(0));
  }
}
