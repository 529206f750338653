package com.clientele.ingest;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.privacy.InstallationSecret;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data stays in the one restricted table, encrypted: a canary customer's name, phone,
 * email, address and ID number appear nowhere else — not in bronze, silver, quarantine or logs.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataTest {

  static final List<String> CANARY = List.of("Canary Zhangsan", "13912345678", "canary@example.com",
      "88 Canary Road Beijing", "110101199912310099", "1999-12-31", "1999-02-30");
  /** The export's own customer number: not personal data, but silver and gold use the key instead. */
  static final String CUSTOMER_NUMBER = "CANARY-ID-7";
  TestWarehouse wh;
  Path warehouseRoot;

  @BeforeAll
  void ingest(SparkSession spark, @TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    landing.write("customers", "2026-05-01", "crm.csv", LandingFolder.CUSTOMERS_HEADER + ",birthday,founding_date",
        "CANARY-ID-7,Canary Zhangsan,13912345678,canary@example.com,88 Canary Road Beijing,110101199912310099,individual,,,website,2026-01-01,1999-12-31,",
        // The same person with a broken date: quarantined, and its raw text must not leak there.
        "CANARY-ID-7,Canary Zhangsan,13912345678,canary@example.com,88 Canary Road Beijing,110101199912310099,individual,,,website,2026-02-31,1999-12-31,",
        // ... and with a broken birthday: quarantined, the detail names the column, not the value.
        "CANARY-ID-7,Canary Zhangsan,13912345678,canary@example.com,88 Canary Road Beijing,110101199912310099,individual,,,website,2026-01-01,1999-02-30,",
        "CANARY-ID-7,Canary Zhangsan,13912345678");
    landing.write("transactions", "2026-05-01", "pos.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T1,CANARY-ID-7,2026-04-30,10.00,sale,1,,,,,");
    warehouseRoot = tmp.resolve("warehouse");
    wh = new TestWarehouse(spark, warehouseRoot);
    wh.ingest(landing.root(), "2026-05-01");
  }

  /**
   * Delta writes per-file min/max statistics into its log as plain JSON, where they outlive the
   * files (and an erasure): no text column has statistics, so no personal value, customer id,
   * customer key or ciphertext (its {@code enc1:} prefix) is in any {@code _delta_log} file.
   */
  @Test
  void theDeltaLogsHoldNoPersonalValueKeyOrCiphertext() throws java.io.IOException {
    List<String> values = new java.util.ArrayList<>(CANARY);
    values.add(CUSTOMER_NUMBER);
    values.add(wh.key(CUSTOMER_NUMBER));
    List<Path> logs;
    try (var walk = java.nio.file.Files.walk(warehouseRoot)) {
      logs = walk.filter(p -> p.getFileName().toString().equals("_delta_log")).toList();
    }
    assertTrue(logs.size() >= 6, "the ingest wrote Delta tables: " + logs);
    // The check can see statistics: the transactions log has some (numbers and dates only).
    String all = logs.stream().map(PersonalDataTest::text).reduce("", String::concat);
    assertTrue(all.contains("minValues"), "the logs hold column statistics");
    for (String value : values) {
      assertFalse(all.contains(value), "'" + value + "' is in a Delta log");
    }
    // No ciphertext either ("enc1:" + base64; the columns' comments only name the format).
    java.util.regex.Matcher ciphertext = java.util.regex.Pattern.compile("enc1:[A-Za-z0-9+/=]{8,}").matcher(all);
    assertFalse(ciphertext.find(), () -> "a ciphertext is in a Delta log: " + ciphertext.group());
  }

  private static String text(Path log) {
    try (var files = java.nio.file.Files.walk(log)) {
      StringBuilder out = new StringBuilder();
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        out.append(new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      return out.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void noPersonalValueAppearsOutsideTheRestrictedTable() {
    for (Table table : TableCatalog.all()) {
      if (table.restricted() || !wh.warehouse().exists(table)) {
        continue;
      }
      Dataset<Row> frame = wh.warehouse().read(table);
      Column[] asText = Arrays.stream(frame.schema().fields())
          .map(f -> f.dataType() instanceof org.apache.spark.sql.types.MapType
              ? functions.to_json(functions.col(f.name())) : functions.col(f.name()).cast("string"))
          .toArray(Column[]::new);
      Column all = functions.concat_ws("\u0001", asText);
      for (String value : CANARY) {
        long hits = frame.where(all.contains(value)).count();
        assertEquals(0, hits, "'" + value + "' leaked into " + table.qualifiedName());
      }
      if (table.layer() != com.clientele.catalog.Layer.BRONZE && table != TableCatalog.QUARANTINE) {
        assertEquals(0, frame.where(all.contains(CUSTOMER_NUMBER)).count(),
            "the customer number is replaced by the key in " + table.qualifiedName());
      }
    }
  }

  @Test
  void theRestrictedTableHoldsItEncryptedAndTheKeyUnlocksIt() {
    Row row = wh.sql("SELECT encrypted_customer_id, encrypted_name, encrypted_phone, encrypted_id_number "
        + "FROM silver.customer_pii WHERE is_current").get(0);
    for (int i = 0; i < 4; i++) {
      assertTrue(row.getString(i).startsWith("enc1:"));
      assertFalse(CANARY.contains(row.getString(i)));
    }
    PersonalDataProtector p = wh.protector();
    assertEquals("CANARY-ID-7", p.decrypt("customer_id", row.getString(0)));
    assertEquals("Canary Zhangsan", p.decrypt("name", row.getString(1)));
    assertEquals("13912345678", p.decrypt("phone", row.getString(2)));
    PersonalDataProtector other = PersonalDataProtector.forSecret("a-different-secret-entirely");
    assertThrows(IllegalArgumentException.class, () -> other.decrypt("name", row.getString(1)));
  }

  @Test
  void theBirthdayIsEncryptedAndOnlyItsMonthAndDayArePseudonymous() {
    Row row = wh.sql("SELECT encrypted_birthday, encrypted_founding_date FROM silver.customer_pii WHERE is_current")
        .get(0);
    assertTrue(row.getString(0).startsWith("enc1:"));
    assertEquals("1999-12-31", wh.protector().decrypt("birthday", row.getString(0)));
    assertNull(row.get(1), "no founding date was exported");
    Row customer = wh.sql("SELECT birth_month_day, founding_month_day FROM silver.customers WHERE is_current").get(0);
    assertEquals("12-31", customer.getString(0));
    assertNull(customer.get(1));
    List<Row> bad = wh.sql("SELECT reason_code, reason_detail FROM silver.quarantine "
        + "WHERE reason_detail LIKE 'birthday%'");
    assertEquals(1, bad.size(), "the row with the impossible birthday is quarantined");
    assertEquals("unparseable_date", bad.get(0).getString(0));
    assertFalse(bad.get(0).getString(1).contains("1999"), bad.get(0).getString(1));
  }

  @Test
  void everyTableCarriesThePseudonymousKeyInstead() {
    String key = wh.key("CANARY-ID-7");
    assertEquals(32, key.length());
    assertEquals(1, wh.count("SELECT count(*) FROM silver.transactions WHERE customer_key = '" + key + "'"));
    assertEquals("C*** Z.", wh.sql("SELECT display_name_masked FROM silver.customers").get(0).getString(0));
  }

  @Test
  void aWarehouseRefusesAnotherSecret() {
    InstallationSecret.checkFingerprint(wh.protector(), wh.warehouse());
    PersonalDataProtector other = PersonalDataProtector.forSecret("a-different-secret-entirely");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InstallationSecret.checkFingerprint(other, wh.warehouse()));
    assertTrue(e.getMessage().contains("does not match"));
  }
}
