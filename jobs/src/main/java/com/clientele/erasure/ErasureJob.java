package com.clientele.erasure;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.gold.SegmentsViewUpgrade;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.Parallel;
import com.clientele.runtime.Progress;
import com.clientele.runtime.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code clientele forget}: the right to be forgotten (PIPL art. 47, GDPR art. 17) for one or more
 * customers, given by their export customer ids.
 *
 * <p>What happens to each kind of row (docs/reliability.md, "Erasure"):
 * <ul>
 *   <li><b>Personal data</b> ({@code silver.customer_pii}): every version deleted.</li>
 *   <li><b>Rows that carry company figures</b> (silver customers, transactions, interactions,
 *       referrals, customer state, every gold snapshot): kept, with the customer key replaced by a
 *       <i>tombstone</i> — 128 random bits in the key's own format, drawn once per customer and
 *       stored nowhere else, so nothing links it back to the customer, while revenue, counts, cohorts
 *       and referral figures keep their totals. The masked display name and interaction free text
 *       are cleared. A referral keeps the other customer's key: only the erased side is replaced.</li>
 *   <li><b>Rows as they came</b> (bronze, the quarantine): kept so every file still balances
 *       ({@code rows_in = loaded + quarantined + duplicate}), reduced to their lineage: the parsed
 *       fields keep only the customer id, replaced by the tombstone; the raw text and rejection
 *       detail go.</li>
 * </ul>
 * Every table touched is then rewritten and vacuumed with a zero retention (the Delta history of
 * those tables is cut at the erasure: old versions hold the customer); deletion vectors are purged
 * first. The Delta log holds no copy either: text columns carry no per-file statistics
 * ({@link Table#statisticsProperties}) and the rewrites are MERGEs whose logged conditions name
 * columns, never values. Rendered PDFs under the reports folder that show the customer's key or
 * personal data are removed and named, to be rendered again. One row per customer goes to the
 * restricted {@code silver.erasure_log}: a keyed hash of the id (the suppression list a later ingest
 * consults), the reason, the time and the row counts — never the identity.
 */
public final class ErasureJob {

  /** The tables whose rows are kept as they came, scrubbed of the customer's id. */
  private static final List<Table> AS_THEY_CAME = List.of(TableCatalog.BRONZE_CUSTOMERS,
      TableCatalog.BRONZE_TRANSACTIONS, TableCatalog.BRONZE_INTERACTIONS, TableCatalog.BRONZE_REFERRALS);

  private final Warehouse warehouse;
  private final PersonalDataProtector protector;
  private final SecureRandom random;

  public ErasureJob(Warehouse warehouse, PersonalDataProtector protector) {
    this(warehouse, protector, new SecureRandom());
  }

  ErasureJob(Warehouse warehouse, PersonalDataProtector protector, SecureRandom random) {
    this.warehouse = warehouse;
    this.protector = protector;
    this.random = random;
  }

  /** One erased customer: what was done, without their identity. */
  public record Subject(String subjectHash, boolean found, Map<String, Long> rowsChanged, List<String> reportsRemoved) {}

  /** The outcome of a forget run. */
  public record Outcome(String erasureId, List<Subject> subjects, List<Path> reportsRemoved, List<String> tablesVacuumed) {

    public String describe() {
      StringBuilder out = new StringBuilder();
      out.append("forget ").append(erasureId).append(": ").append(subjects.size()).append(" customer(s)\n");
      for (int i = 0; i < subjects.size(); i++) {
        Subject s = subjects.get(i);
        long rows = s.rowsChanged().values().stream().mapToLong(Long::longValue).sum();
        out.append("  customer ").append(i + 1).append(s.found() ? "" : " (not found in the warehouse)")
            .append(": ").append(rows).append(" row(s) removed or anonymised")
            .append(s.rowsChanged().isEmpty() ? "" : " " + s.rowsChanged()).append('\n');
      }
      out.append("  tables rewritten and vacuumed: ").append(tablesVacuumed.size()).append('\n');
      if (reportsRemoved.isEmpty()) {
        out.append("  rendered reports showing them: none\n");
      } else {
        out.append("  rendered reports that showed them, removed (render them again with clientele report --month M):\n");
        reportsRemoved.forEach(p -> out.append("    ").append(p).append('\n'));
      }
      return out.toString();
    }
  }

  /**
   * Erases the customers. {@code reports}: the folder of rendered PDFs to search (may be empty).
   * {@code now}: the time recorded in the erasure log.
   */
  public Outcome run(List<String> customerIds, String reason, Optional<Path> reports, Instant now) {
    Set<String> ids = new LinkedHashSet<>();
    customerIds.forEach(id -> ids.add(id.strip()));
    if (ids.isEmpty() || ids.contains("")) {
      throw new IllegalArgumentException("forget needs at least one non-empty --customer-id");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("forget needs a --reason (e.g. a request reference); it is recorded");
    }
    for (String id : ids) {
      if (reason.contains(id)) {
        throw new IllegalArgumentException("the --reason names a customer id being erased; the erasure log keeps the "
            + "reason, so give a reference that does not identify the customer");
      }
    }
    SparkSession spark = warehouse.spark();
    Progress.plan(5);
    Progress.stage("finding the customers");
    List<Row> mappingRows = new ArrayList<>();
    Map<String, String> tombstones = new LinkedHashMap<>();
    for (String id : ids) {
      String tombstone = HexFormat.of().formatHex(bytes(16));
      tombstones.put(id, tombstone);
      mappingRows.add(RowFactory.create(id, protector.customerKey(id), tombstone));
    }
    StructType mappingSchema = new StructType().add("customer_id", DataTypes.StringType)
        .add("old_key", DataTypes.StringType).add("tombstone", DataTypes.StringType);
    Dataset<Row> mapping = spark.createDataFrame(mappingRows, mappingSchema).cache();

    Map<String, Map<String, Long>> changed = new LinkedHashMap<>();
    ids.forEach(id -> changed.put(id, new TreeMap<>()));
    Set<Table> rewritten = new LinkedHashSet<>();

    Progress.stage("removing personal data and anonymising the customers' rows");
    // A stored copy an earlier release wrote of a table now published as a view holds the customers'
    // keys too: its values move to the tables the view reads, then it goes (the view gives its rows,
    // anonymised, from the tables rewritten below).
    SegmentsViewUpgrade.run(warehouse);
    // Personal data: deleted.
    Table pii = TableCatalog.CUSTOMER_PII;
    if (warehouse.exists(pii)) {
      countPerCustomer(warehouse.read(pii), "customer_key", mapping, pii, changed);
      if (touched(pii, changed)) {
        warehouse.delta(pii).as("t").merge(mapping.as("s"), "t.customer_key = s.old_key").whenMatched().delete().execute();
        rewritten.add(pii);
      }
    }
    // Rows with figures: the key replaced by the tombstone. The tables are independent: a few at a
    // time (on small tables a MERGE's time is mostly planning and its commit, which overlap well).
    List<Table> keyed = TableCatalog.all().stream()
        .filter(t -> !t.restricted() && t.layer() != Layer.BRONZE && !t.isView() && warehouse.exists(t)).toList();
    List<Map<String, Map<String, Long>>> perTable = Parallel.map(keyed, THREADS, "forget-rewrite", table -> {
      Map<String, Map<String, Long>> counts = emptyCounts(ids);
      for (String column : table.columnNames()) {
        if (column.endsWith("customer_key") && table.schema().apply(column).dataType().equals(DataTypes.StringType)) {
          replaceKey(table, column, mapping, counts);
        }
      }
      if (table.columnNames().contains("top_referrers")) {
        replaceInTopReferrers(table, tombstones, counts);
      }
      return counts;
    });
    for (int i = 0; i < keyed.size(); i++) {
      if (addCounts(perTable.get(i), changed)) {
        rewritten.add(keyed.get(i));
      }
    }
    // Rows as they came: the id replaced in the parsed fields, raw text removed.
    List<Table> bronzeTables = AS_THEY_CAME.stream().filter(warehouse::exists).toList();
    Map<Table, Map<String, Map<String, Long>>> bronzeCounts = new java.util.concurrent.ConcurrentHashMap<>();
    List<Dataset<Row>> scrubbed = Parallel.map(bronzeTables, THREADS, "forget-bronze", table -> {
      Map<String, Map<String, Long>> counts = emptyCounts(ids);
      Dataset<Row> affected = scrubBronze(table, tombstones, counts);
      bronzeCounts.put(table, counts);
      return affected;
    });
    Map<Table, Dataset<Row>> scrubbedBronze = new LinkedHashMap<>();
    for (int i = 0; i < bronzeTables.size(); i++) {
      Table table = bronzeTables.get(i);
      addCounts(bronzeCounts.get(table), changed);
      if (scrubbed.get(i) != null) {
        rewritten.add(table);
        scrubbedBronze.put(table, scrubbed.get(i));
      }
    }
    if (warehouse.exists(TableCatalog.QUARANTINE) && scrubQuarantine(scrubbedBronze.values(), tombstones, changed)) {
      rewritten.add(TableCatalog.QUARANTINE);
    }

    Progress.stage("rewriting and vacuuming " + rewritten.size() + " table(s)");
    List<String> vacuumed = purge(rewritten);

    Progress.stage("removing rendered reports that showed the customers");
    Map<String, List<String>> removedPerCustomer = new LinkedHashMap<>();
    List<Path> removed = reports.map(dir -> RenderedReports.removeShowing(dir, keysOf(ids), removedPerCustomer))
        .orElse(List.of());

    Progress.stage("recording the erasure");
    String erasureId = erasureId(ids, now);
    List<Subject> subjects = new ArrayList<>();
    List<Row> logRows = new ArrayList<>();
    for (String id : ids) {
      Map<String, Long> rows = changed.get(id);
      List<String> pdfs = removedPerCustomer.getOrDefault(id, List.of());
      Subject subject = new Subject(subjectHash(protector, id), !rows.isEmpty(), rows, pdfs);
      subjects.add(subject);
      logRows.add(RowFactory.create(erasureId, Timestamp.from(now), subject.subjectHash(), reason.strip(),
          subject.found(), rows, pdfs));
    }
    warehouse.append(TableCatalog.ERASURE_LOG, spark.createDataFrame(logRows, TableCatalog.ERASURE_LOG.schema()));
    mapping.unpersist();
    return new Outcome(erasureId, subjects, removed, vacuumed);
  }

  /** The customer keys of the ids (for finding them in rendered reports). */
  private Map<String, String> keysOf(Set<String> ids) {
    Map<String, String> keys = new LinkedHashMap<>();
    ids.forEach(id -> keys.put(id, protector.customerKey(id)));
    return keys;
  }

  /**
   * The suppression hash of a customer id: a keyed HMAC distinct from the customer key (another
   * message domain), so the erasure log and the suppression list hold no copy of the key.
   */
  public static String subjectHash(PersonalDataProtector protector, String customerId) {
    return protector.erasureHash(customerId);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String erasureId(Set<String> ids, Instant now) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(now.toString().getBytes(StandardCharsets.UTF_8));
      // The ids go in salted by the time: the id alone could be tested against the erasure id.
      for (String id : ids) {
        sha.update(("\u0000" + id).getBytes(StandardCharsets.UTF_8));
      }
      return "forget-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Driver threads for the per-table rewrites and vacuums. */
  private static final int THREADS = 3;

  private static Map<String, Map<String, Long>> emptyCounts(Set<String> ids) {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    ids.forEach(id -> counts.put(id, new TreeMap<>()));
    return counts;
  }

  /** Adds one table's per-customer counts to the run's; true when it changed any row. */
  private static boolean addCounts(Map<String, Map<String, Long>> counts, Map<String, Map<String, Long>> changed) {
    boolean any = false;
    for (Map.Entry<String, Map<String, Long>> e : counts.entrySet()) {
      for (Map.Entry<String, Long> n : e.getValue().entrySet()) {
        changed.get(e.getKey()).merge(n.getKey(), n.getValue(), Long::sum);
        any = true;
      }
    }
    return any;
  }

  /**
   * Counts, in one pass over {@code rows}, the rows that name each customer ({@code perCustomer}: id →
   * condition) and adds the counts to {@code changed} under the table's name; true when any row does.
   */
  private static boolean countMentions(Dataset<Row> rows, Map<String, Column> perCustomer, Table table,
      Map<String, Map<String, Long>> changed) {
    List<String> ids = new ArrayList<>(perCustomer.keySet());
    Column[] sums = ids.stream()
        .map(id -> coalesce(sum(when(perCustomer.get(id), 1L).otherwise(0L)), lit(0L)))
        .toArray(Column[]::new);
    Row counts = rows.agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length)).first();
    boolean any = false;
    for (int i = 0; i < ids.size(); i++) {
      long n = counts.getLong(i);
      if (n > 0) {
        changed.get(ids.get(i)).merge(table.qualifiedName(), n, Long::sum);
        any = true;
      }
    }
    return any;
  }

  private static boolean touched(Table table, Map<String, Map<String, Long>> changed) {
    return changed.values().stream().anyMatch(m -> m.containsKey(table.qualifiedName()));
  }

  /** Counts, per erased customer, the rows of {@code frame} whose {@code column} is their key. */
  private static void countPerCustomer(Dataset<Row> frame, String column, Dataset<Row> mapping, Table table,
      Map<String, Map<String, Long>> changed) {
    for (Row r : frame.join(mapping, col(column).equalTo(mapping.col("old_key")))
        .groupBy(mapping.col("customer_id")).count().collectAsList()) {
      changed.get(r.getString(0)).merge(table.qualifiedName(), r.getLong(1), Long::sum);
    }
  }

  /** Replaces the erased customers' keys in one key column by their tombstones; false when none was there. */
  private boolean replaceKey(Table table, String column, Dataset<Row> mapping, Map<String, Map<String, Long>> changed) {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    changed.keySet().forEach(id -> counts.put(id, new TreeMap<>()));
    countPerCustomer(warehouse.read(table), column, mapping, table, counts);
    if (counts.values().stream().allMatch(Map::isEmpty)) {
      return false;
    }
    counts.forEach((id, m) -> m.forEach((t, n) -> changed.get(id).merge(t, n, Long::sum)));
    Map<String, Column> set = new LinkedHashMap<>();
    set.put(column, col("s.tombstone"));
    if (column.equals("customer_key")) {
      // What else on the customer's own rows could point at them: their masked name, free text.
      if (table.columnNames().contains("display_name_masked")) {
        set.put("display_name_masked", lit(null).cast(DataTypes.StringType));
      }
      if (table.columnNames().contains("summary")) {
        set.put("summary", lit(null).cast(DataTypes.StringType));
      }
      // The month and day of a birthday or founding date: part of a date of birth.
      for (String day : java.util.List.of("birth_month_day", "founding_month_day")) {
        if (table.columnNames().contains(day)) {
          set.put(day, lit(null).cast(DataTypes.StringType));
        }
      }
      if (table.columnNames().contains("versions")) {
        set.put("versions", transform(col("t.versions"),
            v -> v.withField("display_name_masked", lit(null).cast(DataTypes.StringType))
                .withField("birth_month_day", lit(null).cast(DataTypes.StringType))
                .withField("founding_month_day", lit(null).cast(DataTypes.StringType))));
      }
    }
    warehouse.delta(table).as("t").merge(mapping.as("s"), "t.`" + column + "` = s.old_key")
        .whenMatched().update(set).execute();
    return true;
  }

  /** referral_metrics.top_referrers lists keys as text: the erased customers' keys become their tombstones. */
  private boolean replaceInTopReferrers(Table table, Map<String, String> tombstones,
      Map<String, Map<String, Long>> changed) {
    Column mentions = lit(false);
    Column replaced = col("top_referrers");
    Map<String, Column> perCustomer = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : tombstones.entrySet()) {
      String key = protector.customerKey(e.getKey());
      Column has = col("top_referrers").contains(key);
      perCustomer.put(e.getKey(), has);
      mentions = mentions.or(has);
      replaced = regexp_replace(replaced, Pattern.quote(key), e.getValue());
    }
    Dataset<Row> affected = warehouse.read(table).where(mentions).cache();
    try {
      if (!countMentions(affected, perCustomer, table, changed)) {
        return false;
      }
      List<String> key = table.key();
      List<Column> columns = new ArrayList<>(key.stream().map(k -> col(k)).toList());
      columns.add(replaced.as("_new"));
      Dataset<Row> source = affected.select(columns.toArray(Column[]::new));
      String on = String.join(" AND ", key.stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").toList());
      warehouse.delta(table).as("t").merge(source.as("s"), on)
          .whenMatched().update(Map.of("top_referrers", col("s._new"))).execute();
      return true;
    } finally {
      affected.unpersist();
    }
  }

  /** A regular expression matching the id as a whole token (not inside a longer id). */
  static String token(String id) {
    return "(?<![A-Za-z0-9_-])" + Pattern.quote(id) + "(?![A-Za-z0-9_-])";
  }

  /**
   * Bronze rows that name an erased customer (any parsed field equal to the id, or the raw text
   * containing it as a token): the id becomes the tombstone in the fields, the raw text goes.
   * Returns the affected rows' (file_id, row_number), or null when there were none.
   */
  private Dataset<Row> scrubBronze(Table table, Map<String, String> tombstones, Map<String, Map<String, Long>> changed) {
    List<Column> pairs = new ArrayList<>();
    tombstones.forEach((id, tomb) -> {
      pairs.add(lit(id));
      pairs.add(lit(tomb));
    });
    Column idMap = map(pairs.toArray(Column[]::new));
    Dataset<Row> bronze = warehouse.read(table);
    Map<String, Column> perCustomer = new LinkedHashMap<>();
    Column any = lit(false);
    for (String id : tombstones.keySet()) {
      Column names = exists(map_values(col("fields")), v -> trim(v).equalTo(lit(id)))
          .or(coalesce(col("raw_record").rlike(token(id)), lit(false)));
      perCustomer.put(id, names);
      any = any.or(names);
    }
    Dataset<Row> affected = bronze.where(any).cache();
    if (!countMentions(affected, perCustomer, table, changed)) {
      affected.unpersist();
      return null;
    }
    // Only the id entries stay, as tombstones: the other fields may hold free text about the customer
    // (a complaint's summary), and silver keeps the figures.
    Dataset<Row> source = affected.select(col("logical_date"), col("file_id"), col("row_number"),
        map_filter(transform_values(col("fields"), (k, v) -> element_at(idMap, trim(v))), (k, v) -> v.isNotNull())
            .as("_fields"));
    warehouse.delta(table).as("t")
        .merge(source.as("s"), "t.logical_date = s.logical_date AND t.file_id = s.file_id AND t.row_number = s.row_number")
        .whenMatched().update(Map.of("fields", col("s._fields"), "raw_record", lit(null).cast(DataTypes.StringType)))
        .execute();
    Dataset<Row> rows = affected.select("file_id", "row_number").localCheckpoint();
    affected.unpersist();
    return rows;
  }

  /** Quarantine rows of the scrubbed bronze rows, or whose raw text or detail names an erased id. */
  private boolean scrubQuarantine(java.util.Collection<Dataset<Row>> bronzeRows, Map<String, String> tombstones,
      Map<String, Map<String, Long>> changed) {
    Dataset<Row> quarantine = warehouse.read(TableCatalog.QUARANTINE);
    Column any = lit(false);
    Map<String, Column> perCustomer = new LinkedHashMap<>();
    for (String id : tombstones.keySet()) {
      Column names = coalesce(col("raw_record").rlike(token(id)), lit(false))
          .or(coalesce(col("reason_detail").rlike(token(id)), lit(false)));
      perCustomer.put(id, names);
      any = any.or(names);
    }
    Dataset<Row> flagged = quarantine.where(any).select("file_id", "row_number");
    for (Dataset<Row> rows : bronzeRows) {
      flagged = flagged.union(quarantine.join(rows, quarantine.col("file_id").equalTo(rows.col("file_id"))
          .and(quarantine.col("row_number").equalTo(rows.col("row_number"))), "left_semi")
          .select("file_id", "row_number"));
    }
    Dataset<Row> source = flagged.distinct().cache();
    try {
      long n = source.count();
      if (n == 0) {
        return false;
      }
      // Attributed to the first customer when several are erased at once: the counts are totals.
      String first = tombstones.keySet().iterator().next();
      countMentions(quarantine, perCustomer, TableCatalog.QUARANTINE, changed);
      if (!touched(TableCatalog.QUARANTINE, changed)) {
        changed.get(first).merge(TableCatalog.QUARANTINE.qualifiedName(), n, Long::sum);
      }
      warehouse.delta(TableCatalog.QUARANTINE).as("t")
          .merge(source.as("s"), "t.file_id = s.file_id AND t.row_number = s.row_number")
          .whenMatched().update(Map.of("raw_record", lit(null).cast(DataTypes.StringType),
              "reason_detail", lit("[erased]")))
          .execute();
      return true;
    } finally {
      source.unpersist();
    }
  }

  /**
   * Rewrites the touched tables' files so no file still holds a replaced row (deletion vectors
   * purged), then vacuums with a zero retention: the files of earlier versions go, and with them
   * the tables' time travel before the erasure.
   */
  private List<String> purge(Set<Table> tables) {
    SparkSession spark = warehouse.spark();
    Parallel.map(List.copyOf(tables), THREADS, "forget-purge", table -> {
      if ("true".equals(table.properties().get("delta.enableDeletionVectors"))) {
        spark.sql("REORG TABLE delta.`" + warehouse.pathOf(table) + "` APPLY (PURGE)");
      }
      return table;
    });
    // A full vacuum (it lists the folders): besides the files the rewrites replaced, it removes data
    // files a crashed write left behind, which the log does not name (VACUUM LITE would keep them).
    return warehouse.vacuum(List.copyOf(tables), 0.0, true, THREADS);
  }

}
