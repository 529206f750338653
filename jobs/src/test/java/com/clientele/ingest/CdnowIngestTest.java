package com.clientele.ingest;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.config.ClienteleConfig;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDNOW transaction log loads through a source definition (config/cdnow.conf) — no special
 * parser — with every purchase line kept, repeated lines included. Expected figures are computed
 * here from the file itself, independently of Spark.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowIngestTest {

  /** The shared dataset beside the project's checkout (CI clones the project next to shared/). */
  Path cdnow;
  static final Path CONFIG = Path.of("..", "config", "cdnow.conf");

  TestWarehouse wh;
  long lines;
  long repeatedLines;
  long zeroAmountLines;
  int customers;
  BigDecimal total = BigDecimal.ZERO;

  @BeforeAll
  void ingestCdnow(SparkSession spark, @TempDir Path tmp) throws IOException {
    cdnow = com.clientele.testing.SharedDatasets.require("cdnow/CDNOW_master.txt");
    List<String> all = Files.readAllLines(cdnow, StandardCharsets.US_ASCII);
    Set<String> seen = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (String line : all.subList(1, all.size())) {
      if (line.isBlank()) {
        continue;
      }
      lines++;
      if (!seen.add(line.strip())) {
        repeatedLines++;
      }
      String[] f = line.strip().split("\\s+");
      ids.add(f[0]);
      BigDecimal amount = new BigDecimal(f[3]);
      total = total.add(amount);
      if (amount.signum() == 0) {
        zeroAmountLines++;
      }
    }
    customers = ids.size();
    Path landing = tmp.resolve("landing");
    Files.createDirectories(landing.resolve("cdnow/1998-06-30"));
    Files.copy(cdnow, landing.resolve("cdnow/1998-06-30/CDNOW_master.txt"));
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"), ClienteleConfig.load(Optional.of(CONFIG)));
    wh.ingestAll(landing);
  }

  @Test
  void thePublishedSizesHold() {
    assertEquals(69_659, lines);
    assertEquals(23_570, customers);
    assertEquals(255, repeatedLines);
    assertEquals(80, zeroAmountLines);
  }

  @Test
  void everyPurchaseLineLoadsRepeatedLinesIncluded() {
    Row log = wh.sql("SELECT rows_in, rows_loaded, rows_quarantined, rows_duplicate FROM silver.ingest_log").get(0);
    assertEquals(List.of(lines, lines, 0L, 0L), List.of(log.getLong(0), log.getLong(1), log.getLong(2), log.getLong(3)));
    assertEquals(lines, wh.count("SELECT count(*) FROM silver.transactions"));
    assertEquals(repeatedLines, wh.count("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM silver.transactions "
        + "GROUP BY customer_key, transaction_date, quantity, amount) WHERE n > 1"));
    assertEquals(zeroAmountLines, wh.count("SELECT count(*) FROM silver.transactions WHERE amount = 0"));
    assertEquals(0, total.compareTo(wh.sql("SELECT sum(amount) FROM silver.transactions").get(0).getDecimal(0)));
  }

  @Test
  void customerIdsRegisterCustomersWithoutMasterData() {
    assertEquals(customers, wh.count("SELECT count(*) FROM silver.customers WHERE is_current AND NOT has_master_data"));
    assertEquals(customers, wh.count("SELECT count(DISTINCT customer_key) FROM silver.transactions"));
    assertEquals(0, wh.count("SELECT count(*) FROM silver.transactions t LEFT ANTI JOIN silver.customers c USING (customer_key)"));
    Row first = wh.sql("SELECT min(transaction_date), max(transaction_date) FROM silver.transactions").get(0);
    assertEquals("1997-01-01", first.get(0).toString());
    assertEquals("1998-06-30", first.get(1).toString());
  }

  @Test
  void leadingZerosOfIdsAreKept() {
    String key = wh.key("00001");
    Map<String, Object> row = new HashMap<>();
    Row r = wh.sql("SELECT count(*), sum(amount) FROM silver.transactions WHERE customer_key = '" + key + "'").get(0);
    row.put("count", r.getLong(0));
    assertEquals(1L, row.get("count"), "customer 00001 bought once (11.77 on 1997-01-01)");
    assertEquals(new BigDecimal("11.77"), r.getDecimal(1));
  }
}
