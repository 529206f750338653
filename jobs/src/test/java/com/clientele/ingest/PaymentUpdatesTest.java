package com.clientele.ingest;

import static com.clientele.testing.LandingFolder.*;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sale exported unpaid and exported again once paid: the second row is payment news
 * (silver.payment_updates, counted as loaded), not a conflicting re-use of the id; a line whose
 * other content changed is still a conflict; re-deliveries of a state already known are
 * duplicates. Day by day and all at once give the same outcomes and the same effective terms.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentUpdatesTest {

  static final String D1 = "2026-03-01";
  static final String D2 = "2026-03-20";
  static final String D3 = "2026-04-02";

  Path landing;
  TestWarehouse daily;
  TestWarehouse atOnce;

  @BeforeAll
  void ingest(SparkSession spark, @TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    landing.write("customers", D1, "customers.csv", CUSTOMERS_HEADER,
        "C1,张伟,,,,,enterprise,retail,北京,advertising,2025-01-05",
        "C2,John Smith,,,,,enterprise,retail,East,referral,2025-02-01");
    landing.write("transactions", D1, "transactions.csv", TRANSACTIONS_HEADER,
        "T1,C1,2026-03-01,100.00,sale,1,60.00,books,store,2026-03-31,",
        "T2,C2,2026-03-01,50.00,sale,1,,tools,store,2026-03-15,",
        "T3,C1,2026-03-01,20.00,sale,1,,books,store,,2026-03-01");
    landing.write("transactions", D2, "transactions.csv", TRANSACTIONS_HEADER,
        "T1,C1,2026-03-01,100.00,sale,1,60.00,books,store,2026-03-31,",
        "T2,C2,2026-03-01,50.00,sale,1,,tools,store,2026-03-15,2026-03-18",
        "T2,C2,2026-03-01,50.00,sale,1,,tools,store,2026-03-15,2026-03-18",
        "T3,C1,2026-03-01,25.00,sale,1,,books,store,,2026-03-01");
    landing.write("transactions", D3, "transactions.csv", TRANSACTIONS_HEADER,
        "T1,C1,2026-03-01,100.00,sale,1,60.00,books,store,2026-03-31,2026-04-01",
        "T2,C2,2026-03-01,50.00,sale,1,,tools,store,2026-03-15,2026-03-18",
        "T2,C2,2026-03-01,50.00,sale,1,,tools,store,2026-03-15,");
    this.landing = landing.root();
    daily = new TestWarehouse(spark, tmp.resolve("daily"));
    for (String day : List.of(D1, D2, D3)) {
      daily.ingest(landing.root(), day);
    }
    atOnce = new TestWarehouse(spark, tmp.resolve("at-once"));
    atOnce.ingestAll(landing.root());
  }

  @Test
  void paymentNewsLoadsConflictsStayConflictsAndRepeatsAreDuplicates() {
    Map<String, String> expected = Map.of(
        "transactions/" + D1 + "/transactions.csv", "in=3 loaded=3 quarantined=0 duplicate=0",
        "transactions/" + D2 + "/transactions.csv", "in=4 loaded=1 quarantined=1 duplicate=2",
        "transactions/" + D3 + "/transactions.csv", "in=3 loaded=1 quarantined=0 duplicate=2");
    assertEquals(expected, counts(daily), "day by day");
    assertEquals(expected, counts(atOnce), "all at once");
    for (TestWarehouse wh : List.of(daily, atOnce)) {
      List<Row> q = wh.sql("SELECT source_file, row_number, reason_code FROM silver.quarantine");
      assertEquals(1, q.size());
      assertEquals("transactions/" + D2 + "/transactions.csv", q.get(0).getString(0));
      assertEquals(4L, q.get(0).getLong(1), "T3 with another amount");
      assertEquals("duplicate_key_conflict", q.get(0).getString(2));
      assertEquals(3, wh.count("SELECT count(*) FROM silver.transactions"), "one row per line");
      List<Row> news = wh.sql("SELECT transaction_id, CAST(paid_date AS STRING), source_file, row_number "
          + "FROM silver.payment_updates ORDER BY transaction_id");
      assertEquals("[[T1,2026-04-01,transactions/2026-04-02/transactions.csv,1], "
          + "[T2,2026-03-18,transactions/2026-03-20/transactions.csv,2]]", news.toString());
    }
  }

  @Test
  void theEffectiveTermsAreTheLatestExports() {
    for (TestWarehouse wh : List.of(daily, atOnce)) {
      var effective = PaymentTerms.effective(wh.warehouse().read(TableCatalog.TRANSACTIONS),
          wh.warehouse().read(TableCatalog.PAYMENT_UPDATES));
      Map<String, String> terms = new TreeMap<>();
      for (Row r : effective.selectExpr("transaction_id", "concat_ws('/', CAST(payment_due_date AS STRING), "
          + "coalesce(CAST(paid_date AS STRING), 'unpaid'))").collectAsList()) {
        terms.put(r.getString(0), r.getString(1));
      }
      assertEquals(Map.of("T1", "2026-03-31/2026-04-01", "T2", "2026-03-15/2026-03-18", "T3", "2026-03-01"), terms);
    }
  }

  @Test
  void rerunningTheDaysChangesNothing(SparkSession spark, @TempDir Path tmp) {
    TestWarehouse again = new TestWarehouse(spark, tmp.resolve("again"));
    for (String day : List.of(D1, D2, D3, D2, D3)) {
      again.ingest(landing, day);
    }
    assertEquals(counts(daily), counts(again));
    assertEquals(daily.sql("SELECT transaction_id, paid_date, file_id, row_number FROM silver.payment_updates "
        + "ORDER BY transaction_id").toString(), again.sql("SELECT transaction_id, paid_date, file_id, row_number "
        + "FROM silver.payment_updates ORDER BY transaction_id").toString());
  }

  private static Map<String, String> counts(TestWarehouse wh) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : wh.sql("SELECT source_file, rows_in, rows_loaded, rows_quarantined, rows_duplicate FROM silver.ingest_log "
        + "WHERE kind = 'transactions'")) {
      out.put(r.getString(0), "in=" + r.getLong(1) + " loaded=" + r.getLong(2) + " quarantined=" + r.getLong(3)
          + " duplicate=" + r.getLong(4));
    }
    return out;
  }
}
