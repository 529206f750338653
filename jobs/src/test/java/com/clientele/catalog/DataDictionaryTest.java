package com.clientele.catalog;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.cli.ClienteleCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data dictionary: every column of every catalog table has a meaning and every table a grain and
 * key, and docs/data-dictionary.md is exactly what the catalog generates. No Spark session.
 */
class DataDictionaryTest {

  static Path checkedIn() {
    return Stream.of(Path.of(DataDictionary.PATH), Path.of("..", DataDictionary.PATH))
        .filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new AssertionError(DataDictionary.PATH + " not found: generate it with "
            + DataDictionary.REGENERATE));
  }

  @Test
  void checkedInDictionaryIsWhatTheCatalogGenerates() throws IOException {
    String expected = DataDictionary.render();
    String actual = Files.readString(checkedIn(), StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      String[] e = expected.split("\n", -1);
      String[] a = actual.split("\n", -1);
      int line = 0;
      while (line < Math.min(e.length, a.length) && e[line].equals(a[line])) {
        line++;
      }
      fail(DataDictionary.PATH + " differs from the table catalog (first at line " + (line + 1) + ": expected '"
          + (line < e.length ? e[line] : "<end>") + "', found '" + (line < a.length ? a[line] : "<end>")
          + "'). Regenerate it from the repository root with: " + DataDictionary.REGENERATE);
    }
  }

  @Test
  void everyColumnHasAMeaningAndEveryTableAGrainAndKey() {
    List<String> problems = new ArrayList<>();
    for (Table table : TableCatalog.all()) {
      for (StructField field : table.schema().fields()) {
        if (field.getComment().isEmpty() || field.getComment().get().isBlank()) {
          problems.add(table.qualifiedName() + "." + field.name() + " has no comment (meaning)");
        }
      }
      if (table.grain().isBlank()) {
        problems.add(table.qualifiedName() + " has no grain");
      }
      if (table.key().isEmpty()) {
        problems.add(table.qualifiedName() + " has no key");
      }
      if (table.description().isBlank()) {
        problems.add(table.qualifiedName() + " has no description");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void theMeaningIsTheColumnCommentOfTheDdl() {
    assertEquals("sale or refund (export labels mapped; sale when empty)",
        TableCatalog.TRANSACTIONS.meaning("transaction_type"));
    assertEquals("line amount in the currency; negative for refunds", TableCatalog.TRANSACTIONS.meaning("amount"));
    // Shared DDL fragments (lineage, bronze) carry their comments into every table using them.
    assertEquals(TableCatalog.TRANSACTIONS.meaning("file_id"), TableCatalog.REFERRALS.meaning("file_id"));
    assertFalse(TableCatalog.BRONZE_CUSTOMERS.meaning("raw_record").isBlank());
  }

  @Test
  void goldKeysAreTheSnapshotDateAndTheRowKeysOfTheGoldComparison() {
    for (Map.Entry<Table, List<String>> entry : TableCatalog.GOLD_ROW_KEYS.entrySet()) {
      List<String> expected = new ArrayList<>(List.of("as_of_date"));
      expected.addAll(entry.getValue());
      assertEquals(expected, entry.getKey().key(), entry.getKey().qualifiedName());
    }
  }

  @Test
  void onlyTheRestrictedTableIsKeptFromBi() {
    for (Table table : TableCatalog.all()) {
      assertEquals(table == TableCatalog.CUSTOMER_PII || table == TableCatalog.ERASURE_LOG
          || table == TableCatalog.CARE_EXPORT_LOG, table.restricted(),
          table.qualifiedName());
      assertEquals(table.restricted() ? Table.RESTRICTED_READERS : Table.OPEN_READERS, table.readers());
    }
    String dictionary = DataDictionary.render();
    String pii = section(dictionary, "silver.customer_pii");
    assertTrue(pii.contains("| who may read it | restricted: personal data, the privacy officer's role only — not "
        + "exposed to BI |"), pii);
    assertTrue(section(dictionary, "silver.customers").contains("| who may read it | " + Table.OPEN_READERS + " |"));
  }

  @Test
  void aTableSectionListsGrainKeyPartitioningAndEveryColumnWithTypeAndMeaning() {
    String profile = section(DataDictionary.render(), "gold.customer_profile");
    assertTrue(profile.contains("| grain | one row per existing customer per as-of date |"), profile);
    assertTrue(profile.contains("| key | `as_of_date`, `customer_key` |"), profile);
    assertTrue(profile.contains("| partitioned by | `as_of_date` |"), profile);
    assertTrue(profile.contains("| `amount_12m` | `DECIMAL(18,2)` | net revenue of the trailing year"), profile);
    for (String column : TableCatalog.CUSTOMER_PROFILE.columnNames()) {
      assertTrue(profile.contains("\n| `" + column + "` | `"), column);
    }
    String state = section(DataDictionary.render(), "silver.customer_state");
    assertTrue(state.contains("| `sales_cents` | `ARRAY<BIGINT>` | per day: sum of the sale amounts, in cents |"), state);
    assertTrue(state.contains("`delta.enableDeletionVectors=true`"), state);
    // Statistics for numbers and dates only: a text column's would copy keys into the Delta log. The
    // state has only the key and arrays: no statistics at all.
    assertTrue(state.contains("`delta.dataSkippingNumIndexedCols=0`"), state);
    assertTrue(section(DataDictionary.render(), "silver.transactions").contains("`delta.dataSkippingStatsColumns="));
    assertFalse(TableCatalog.TRANSACTIONS.properties().get(Table.STATISTICS_COLUMNS).contains("customer_key"));
    assertTrue(TableCatalog.TRANSACTIONS.properties().get(Table.STATISTICS_COLUMNS).contains("amount"));
  }

  @Test
  void theIndexListsEveryTableByLayerInCatalogOrder() {
    String index = DataDictionary.render().split("\n## bronze\\.customers\n")[0];
    int last = -1;
    for (Table table : TableCatalog.all()) {
      int at = index.indexOf("[`" + table.qualifiedName() + "`](#" + DataDictionary.anchor(table) + ")");
      assertTrue(at > last, table.qualifiedName() + " missing from the index or out of order");
      last = at;
    }
    assertEquals("silvercustomer_pii", DataDictionary.anchor(TableCatalog.CUSTOMER_PII));
  }

  @Test
  void cellsEscapeWhatWouldBreakAMarkdownTable() {
    Table odd = Table.of(Layer.SILVER, "odd", "a | b", "a STRING COMMENT 'x | y, *z*, <tag>'")
        .withGrain("one row per thing").withKey("a");
    String md = DataDictionary.render(List.of(odd));
    assertTrue(md.contains("| `a` | `STRING` | x \\| y, \\*z\\*, \\<tag> |"), md);
    assertEquals(md, DataDictionary.render(List.of(odd)), "deterministic");
  }

  @Test
  void aKeyColumnMustExist() {
    Table t = Table.of(Layer.GOLD, "t", "d", "a INT COMMENT 'a'");
    assertThrows(IllegalArgumentException.class, () -> t.withKey("b"));
  }

  @Test
  void theCommandWritesTheDictionary(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("docs/data-dictionary.md");
    int code = ClienteleCli.execute("catalog", "dictionary", "--out", out.toString());
    assertEquals(0, code);
    assertEquals(DataDictionary.render(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** The text of one table's section, from its heading to the next. */
  static String section(String dictionary, String qualifiedName) {
    int start = dictionary.indexOf("\n## " + qualifiedName + "\n");
    assertTrue(start >= 0, "no section for " + qualifiedName);
    int end = dictionary.indexOf("\n## ", start + 1);
    return dictionary.substring(start, end < 0 ? dictionary.length() : end);
  }
}
