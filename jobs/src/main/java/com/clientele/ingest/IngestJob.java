package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.config.ExportKind;
import com.clientele.config.SourceDefinition;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.Stopwatch;
import com.clientele.runtime.Warehouse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Ingest: landing files → bronze (rows as they came) → silver (typed, validated, deduplicated
 * entities) + quarantine, with one ingest-log row per file.
 *
 * <p>Guarantees: every input row ends as exactly one of loaded / quarantined / duplicate
 * (checked per file before the log is written); a file already in the log is skipped, and every
 * write replaces exactly its batch's slice, so re-running a day — or retrying a run that died
 * half-way — changes nothing; customers are loaded before the records that refer to them; all of
 * a batch's days are processed in date order, so late files slot into history correctly.
 */
public final class IngestJob {

  private final Warehouse warehouse;
  private final ClienteleConfig config;
  private final PersonalDataProtector protector;

  public IngestJob(Warehouse warehouse, ClienteleConfig config, PersonalDataProtector protector) {
    this.warehouse = warehouse;
    this.config = config;
    this.protector = protector;
  }

  /** Ingests the landing folder's files for one day, or for every day when {@code date} is empty. */
  public IngestReport run(String landing, Optional<LocalDate> date) {
    SparkSession spark = warehouse.spark();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    List<LandingFile> found = LandingScanner.scan(landing, config.sources(), date, hadoopConf);
    if (date.isPresent() && found.isEmpty()) {
      throw new IllegalArgumentException("no landing files for " + date.get() + " under " + landing);
    }
    Set<String> done = warehouse.read(TableCatalog.INGEST_LOG).select("file_id").collectAsList()
        .stream().map(r -> r.getString(0)).collect(Collectors.toSet());
    List<LandingFile> files = found.stream().filter(f -> !done.contains(f.fileId())).toList();
    List<String> skipped = found.stream().filter(f -> done.contains(f.fileId())).map(LandingFile::sourceFile).toList();
    if (files.isEmpty()) {
      return new IngestReport(null, List.of(), skipped, 0);
    }
    String runId = runId(date, files);
    String batch = files.stream().map(f -> "'" + f.fileId() + "'").collect(Collectors.joining(",", "(", ")"));
    String batchDates = files.stream().map(f -> "DATE'" + f.logicalDate() + "'").distinct()
        .collect(Collectors.joining(",", "(", ")"));
    String slice = "logical_date IN " + batchDates + " AND file_id IN " + batch;

    // Intermediate results are materialised with localCheckpoint(): it computes them once and cuts
    // their lineage, so later plans stay small (Catalyst re-optimising and cache-matching the whole
    // ingest plan at every step cost more than the work itself).
    Dataset<Row> bronze = read(spark, files, runId).localCheckpoint();
    List<Dataset<Row>> outcomes = new ArrayList<>();
    Stopwatch watch = new Stopwatch(runId);
    Set<ExportKind> present = files.stream().map(f -> f.source().kind()).collect(Collectors.toCollection(java.util.HashSet::new));
    for (ExportKind kind : ExportKind.values()) {
      if (present.contains(kind)) {
        warehouse.replace(TableCatalog.bronzeFor(kind), slice, withoutPersonalData(ofKind(bronze, kind), kind));
        watch.lap("bronze " + kind.label());
      }
    }
    List<SourceDefinition> batchSources = files.stream().map(LandingFile::source).toList();
    Map<ExportKind, Dataset<Row>> typed = new HashMap<>();
    for (ExportKind kind : ExportKind.values()) {
      Dataset<Row> rows = typed(bronze, kind, batchSources);
      typed.put(kind, present.contains(kind) ? rows.localCheckpoint() : rows);
    }
    boolean registers = files.stream().anyMatch(f -> f.source().registersCustomers());
    if (present.contains(ExportKind.CUSTOMERS) || registers) {
      outcomes.add(loadCustomers(typed.get(ExportKind.CUSTOMERS), typed.get(ExportKind.TRANSACTIONS), files));
      watch.lap("customers");
    }
    // Rows waiting in quarantine for their customer get another chance once customers changed.
    Set<ExportKind> retrying = new java.util.HashSet<>();
    if (present.contains(ExportKind.CUSTOMERS) || registers) {
      for (ExportKind kind : List.of(ExportKind.TRANSACTIONS, ExportKind.INTERACTIONS, ExportKind.REFERRALS)) {
        Dataset<Row> waiting = waitingForCustomer(kind, batch);
        if (waiting != null) {
          typed.put(kind, typed.get(kind).unionByName(waiting));
          present.add(kind);
          retrying.add(kind);
        }
      }
      watch.lap("waiting rows");
    }
    Dataset<Row> known = warehouse.read(TableCatalog.CUSTOMERS).select("customer_key").distinct();
    if (present.contains(ExportKind.TRANSACTIONS)) {
      outcomes.add(loadEvents(ExportKind.TRANSACTIONS, TableCatalog.TRANSACTIONS,
          TransactionRecords.keyed(valid(typed.get(ExportKind.TRANSACTIONS)), protector),
          typed.get(ExportKind.TRANSACTIONS), known, List.of("customer_key")));
      watch.lap("transactions");
    }
    if (present.contains(ExportKind.INTERACTIONS)) {
      outcomes.add(loadEvents(ExportKind.INTERACTIONS, TableCatalog.INTERACTIONS,
          valid(typed.get(ExportKind.INTERACTIONS)).withColumn("customer_key",
              Pseudonyms.customerKey(protector, col("customer_id"))),
          typed.get(ExportKind.INTERACTIONS), known, List.of("customer_key")));
      watch.lap("interactions");
    }
    if (present.contains(ExportKind.REFERRALS)) {
      outcomes.add(loadEvents(ExportKind.REFERRALS, TableCatalog.REFERRALS,
          valid(typed.get(ExportKind.REFERRALS))
              .withColumn("referrer_customer_key", Pseudonyms.customerKey(protector, col("referrer_customer_id")))
              .withColumn("referred_customer_key", Pseudonyms.customerKey(protector, col("referred_customer_id"))),
          typed.get(ExportKind.REFERRALS), known, List.of("referrer_customer_key", "referred_customer_key")));
      watch.lap("referrals");
    }

    Dataset<Row> everything = outcomes.stream().reduce(Dataset::unionByName).orElseThrow().localCheckpoint();
    Column inBatch = col("file_id").isin(files.stream().map(LandingFile::fileId).toArray());
    Dataset<Row> all = everything.where(inBatch);
    long released = retrying.isEmpty() ? 0 : settleWaiting(everything.where(not(inBatch)));
    Dataset<Row> quarantine = all.where(col("outcome").equalTo(Outcomes.QUARANTINED))
        .withColumn("raw_record", when(col("kind").equalTo(ExportKind.CUSTOMERS.label()), lit(null).cast("string"))
            .otherwise(col("raw_record")));
    // Accounting is checked before anything about these files is logged.
    IngestReport report = report(runId, files, bronze, all, skipped, released);
    warehouse.replace(TableCatalog.QUARANTINE, slice, quarantine);
    watch.lap("quarantine");
    warehouse.replace(TableCatalog.INGEST_LOG, slice, logRows(spark, runId, files, report));
    watch.lap("ingest log");
    return report;
  }

  /** Loads customer versions (and customers registered by transactions-only sources). */
  private Dataset<Row> loadCustomers(Dataset<Row> typed, Dataset<Row> typedTransactions, List<LandingFile> files) {
    String kind = ExportKind.CUSTOMERS.label();
    Dataset<Row> rejected = Outcomes.rejected(typed, kind);
    Dataset<Row> versions = CustomerRecords.versions(valid(typed), protector);

    // Within the batch: one version per customer and day; identical repeats are duplicates,
    // different content for the same day is a conflict (the first row wins).
    WindowSpec sameDay = Window.partitionBy("customer_key", "logical_date").orderBy("source_file", "row_number");
    Column rowHash = concat_ws("/", col("attribute_hash"), col("personal_hash"));
    Dataset<Row> ranked = versions
        .withColumn("_rank", row_number().over(sameDay))
        .withColumn("_first_hash", first(rowHash).over(sameDay))
        .withColumn("_first_at", first(concat(col("source_file"), lit(" row "), col("row_number"))).over(sameDay))
        .localCheckpoint();
    Dataset<Row> repeats = ranked.where(col("_rank").gt(1));
    Column isConflict = rowHash.notEqual(col("_first_hash"));
    Dataset<Row> repeatOutcomes = Outcomes.of(repeats, kind,
        when(isConflict, lit(Outcomes.QUARANTINED)).otherwise(lit(Outcomes.DUPLICATE)),
        when(isConflict, lit(QuarantineReason.DUPLICATE_KEY_CONFLICT.code())),
        when(isConflict, concat(lit("customer_id has different content on the same day in "), col("_first_at"))));

    List<String> candidateColumns = new ArrayList<>(List.of("customer_key"));
    candidateColumns.addAll(Outcomes.LINEAGE);
    candidateColumns.addAll(CustomerRecords.ATTRIBUTES);
    candidateColumns.add("attribute_hash");
    candidateColumns.addAll(CustomerRecords.PERSONAL);
    candidateColumns.add("personal_hash");
    Column[] selection = candidateColumns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> candidates = ranked.where(col("_rank").equalTo(1)).select(selection);

    Dataset<Row> existing = warehouse.read(TableCatalog.CUSTOMERS);
    Set<String> registering = files.stream().map(LandingFile::source)
        .filter(SourceDefinition::registersCustomers).map(SourceDefinition::name).collect(Collectors.toSet());
    if (!registering.isEmpty()) {
      Dataset<Row> fromTransactions = valid(typedTransactions).where(col("source_name").isin(registering.toArray()));
      Dataset<Row> registered = CustomerRecords.registered(fromTransactions, protector)
          .join(existing.select("customer_key").distinct(), seq(List.of("customer_key")), "left_anti")
          .join(candidates.select("customer_key").distinct(), seq(List.of("customer_key")), "left_anti");
      candidates = candidates.unionByName(registered.select(selection));
    }
    candidates = candidates.localCheckpoint();

    CustomerHistory.Result attributes = CustomerHistory.apply(existing, candidates, "attribute_hash", CustomerRecords.ATTRIBUTES);
    CustomerHistory.Result personal = CustomerHistory.apply(warehouse.read(TableCatalog.CUSTOMER_PII), candidates,
        "personal_hash", CustomerRecords.PERSONAL);

    Dataset<Row> attributeChanges = attributes.changes().withColumnRenamed("is_change", "_attribute_change");
    Dataset<Row> personalChanges = personal.changes().withColumnRenamed("is_change", "_personal_change");
    Dataset<Row> loaded = ranked.where(col("_rank").equalTo(1))
        .join(attributeChanges, seq(List.of("file_id", "row_number")))
        .join(personalChanges, seq(List.of("file_id", "row_number")));
    Dataset<Row> candidateOutcomes = Outcomes.of(loaded, kind,
        when(col("_attribute_change").or(col("_personal_change")), lit(Outcomes.LOADED)).otherwise(lit(Outcomes.DUPLICATE)),
        lit(null), lit(null)).localCheckpoint();

    Stopwatch watch = new Stopwatch("customers");
    watch.lap("versions computed");
    List<String> keys = List.of("customer_key", "valid_from");
    writeVersions(TableCatalog.CUSTOMERS, attributes.history(), attributes.obsolete(), keys);
    watch.lap("merge customers");
    writeVersions(TableCatalog.CUSTOMER_PII, personal.history(), personal.obsolete(), keys);
    watch.lap("merge customer_pii");
    return rejected.unionByName(repeatOutcomes).unionByName(candidateOutcomes);
  }

  private void writeVersions(Table table, Dataset<Row> history, Dataset<Row> obsolete, List<String> keys) {
    if (warehouse.exists(table)) {
      warehouse.mergeVersions(table, history, obsolete, keys);
    } else {
      warehouse.append(table, history);
    }
  }

  /**
   * Loads transactions, interactions or referrals: quarantines rows whose customers are unknown,
   * deduplicates by id (see {@link EventDeduplication}) and appends the new rows.
   */
  private Dataset<Row> loadEvents(ExportKind kind, Table table, Dataset<Row> keyedValid, Dataset<Row> typed,
      Dataset<Row> knownCustomers, List<String> customerKeyColumns) {
    Dataset<Row> checked = keyedValid;
    Column unknownDetail = lit(null).cast("string");
    Column isUnknown = lit(false);
    for (String keyColumn : customerKeyColumns) {
      String flag = "_known_" + keyColumn;
      Dataset<Row> known = knownCustomers.select(col("customer_key").as("_k_" + keyColumn), lit(true).as(flag));
      checked = checked.join(known, checked.col(keyColumn).equalTo(known.col("_k_" + keyColumn)), "left")
          .drop("_k_" + keyColumn);
      String idColumn = keyColumn.replace("_key", "_id");
      Column missing = col(flag).isNull();
      unknownDetail = when(unknownDetail.isNull().and(missing),
          concat(lit(idColumn + " '"), col(idColumn), lit("' is not a known customer"))).otherwise(unknownDetail);
      isUnknown = isUnknown.or(missing);
    }
    checked = checked.withColumn("_unknown", isUnknown).withColumn("_unknown_detail", unknownDetail).localCheckpoint();
    Dataset<Row> unknown = Outcomes.quarantined(checked.where(col("_unknown")), kind.label(),
        QuarantineReason.UNKNOWN_CUSTOMER, col("_unknown_detail"));
    Dataset<Row> classified = EventDeduplication
        .classify(checked.where(not(col("_unknown"))), warehouse.read(table), kind.idColumn())
        .localCheckpoint();
    Dataset<Row> outcomes = EventDeduplication.outcomes(classified, kind.label());
    Dataset<Row> fresh = EventDeduplication.newRows(classified);
    warehouse.append(table, fresh);
    return Outcomes.rejected(typed, kind.label()).unionByName(unknown).unionByName(outcomes);
  }

  /**
   * Bronze rows of earlier files that wait in quarantine as {@code unknown_customer}, typed again
   * by their source (null when there are none). They run through the same checks as new rows.
   */
  private Dataset<Row> waitingForCustomer(ExportKind kind, String batchFileIds) {
    if (!warehouse.exists(TableCatalog.QUARANTINE)) {
      return null;
    }
    Dataset<Row> waiting = warehouse.read(TableCatalog.QUARANTINE)
        .where(col("kind").equalTo(kind.label())
            .and(col("reason_code").equalTo(QuarantineReason.UNKNOWN_CUSTOMER.code()))
            .and(expr("file_id NOT IN " + batchFileIds)))
        .select("logical_date", "file_id", "row_number")
        .localCheckpoint();
    if (waiting.isEmpty()) {
      return null;
    }
    List<String> names = waiting.select("file_id").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
    Dataset<Row> rows = warehouse.read(TableCatalog.bronzeFor(kind))
        .join(waiting, seq(List.of("logical_date", "file_id", "row_number")), "left_semi");
    List<SourceDefinition> sources = config.sources().stream().filter(s -> s.kind() == kind).toList();
    Set<String> known = sources.stream().map(SourceDefinition::name).collect(Collectors.toSet());
    LOG_WAITING.info("retrying {} {} row(s) of {} file(s) waiting for their customer", waiting.count(), kind.label(), names.size());
    return typed(rows.where(col("source_name").isin(known.toArray())), kind, sources).localCheckpoint();
  }

  /**
   * Records what became of rows that waited for their customer: quarantine rows of those now
   * loaded (or now duplicates) are removed, and their files' ingest-log counts move accordingly.
   *
   * @return how many rows left the quarantine
   */
  private long settleWaiting(Dataset<Row> outcomes) {
    Dataset<Row> settled = outcomes.where(not(col("outcome").equalTo(Outcomes.QUARANTINED)))
        .select("file_id", "row_number", "outcome").localCheckpoint();
    long released = settled.count();
    if (released == 0) {
      return 0;
    }
    warehouse.delta(TableCatalog.QUARANTINE).as("t")
        .merge(settled.as("s"), "t.file_id = s.file_id AND t.row_number = s.row_number")
        .whenMatched().delete()
        .execute();
    Dataset<Row> moves = settled.groupBy("file_id").agg(
        sum(when(col("outcome").equalTo(Outcomes.LOADED), 1).otherwise(0)).cast("long").as("loaded"),
        sum(when(col("outcome").equalTo(Outcomes.DUPLICATE), 1).otherwise(0)).cast("long").as("duplicate"));
    warehouse.delta(TableCatalog.INGEST_LOG).as("t")
        .merge(moves.as("s"), "t.file_id = s.file_id")
        .whenMatched().updateExpr(Map.of(
            "rows_loaded", "t.rows_loaded + s.loaded",
            "rows_duplicate", "t.rows_duplicate + s.duplicate",
            "rows_quarantined", "t.rows_quarantined - s.loaded - s.duplicate"))
        .execute();
    return released;
  }

  private static final org.apache.logging.log4j.Logger LOG_WAITING =
      org.apache.logging.log4j.LogManager.getLogger(IngestJob.class);

  /** All bronze rows of a kind, typed per source (each source has its own columns and formats). */
  private Dataset<Row> typed(Dataset<Row> bronze, ExportKind kind, List<SourceDefinition> all) {
    List<SourceDefinition> sources = all.stream().filter(s -> s.kind() == kind).distinct().toList();
    if (sources.isEmpty()) {
      // No files of this kind: type an empty frame with the first configured source's rules.
      SourceDefinition any = config.sources().stream().filter(s -> s.kind() == kind).findFirst()
          .orElse(new SourceDefinition("none", kind, "none", "*", "csv", "UTF-8", ',', true, false,
              List.of("yyyy-MM-dd"), List.of("yyyy-MM-dd HH:mm:ss"),
              kind.columns().stream().collect(Collectors.toMap(Function.identity(), Function.identity()))));
      return typeSource(bronze.limit(0), any);
    }
    return sources.stream()
        .map(s -> typeSource(bronze.where(col("source_name").equalTo(s.name())), s))
        .reduce(Dataset::unionByName).orElseThrow();
  }

  private Dataset<Row> typeSource(Dataset<Row> rows, SourceDefinition source) {
    return switch (source.kind()) {
      case CUSTOMERS -> CustomerRecords.typed(rows, source, config);
      case TRANSACTIONS -> TransactionRecords.typed(rows, source, config);
      case INTERACTIONS -> InteractionRecords.typed(rows, source, config);
      case REFERRALS -> ReferralRecords.typed(rows, source);
    };
  }

  private static Dataset<Row> valid(Dataset<Row> typed) {
    return typed.where(col("rejection").isNull());
  }

  private static Dataset<Row> ofKind(Dataset<Row> bronze, ExportKind kind) {
    return bronze.where(col("kind").equalTo(kind.label())).drop("kind");
  }

  /** Bronze rows without personal data: personal columns removed, raw text withheld. */
  private static Dataset<Row> withoutPersonalData(Dataset<Row> rows, ExportKind kind) {
    if (kind.personalColumns().isEmpty()) {
      return rows;
    }
    // _personal_headers: the file's source's headers for the personal columns (normalised).
    return rows
        .withColumn("fields", expr("map_filter(fields, (k, v) -> NOT array_contains(_personal_headers, k))"))
        .withColumn("raw_record", lit(null).cast("string"))
        .drop("_personal_headers");
  }

  /** Reads every file in its own Spark task, streaming, into bronze rows (plus a kind column). */
  private static Dataset<Row> read(SparkSession spark, List<LandingFile> files, String runId) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    var hadoop = new org.apache.spark.util.SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    JavaRDD<Row> rows = context.parallelize(files, Math.max(1, files.size()))
        .flatMap(file -> {
          var iterator = ExportFileReader.read(file, runId, hadoop.value());
          String kind = file.source().kind().label();
          List<String> personal = file.source().kind().personalColumns().stream().map(file.source()::header).toList();
          return new java.util.Iterator<Row>() {
            @Override
            public boolean hasNext() {
              return iterator.hasNext();
            }

            @Override
            public Row next() {
              Row r = iterator.next();
              Object[] values = new Object[r.size() + 2];
              for (int i = 0; i < r.size(); i++) {
                values[i] = r.get(i);
              }
              values[r.size()] = kind;
              values[r.size() + 1] = scala.collection.JavaConverters.asScalaBuffer(personal).toSeq();
              return RowFactory.create(values);
            }
          };
        });
    var schema = TableCatalog.BRONZE_TRANSACTIONS.schema()
        .add("kind", "string")
        .add("_personal_headers", org.apache.spark.sql.types.DataTypes.createArrayType(org.apache.spark.sql.types.DataTypes.StringType));
    return spark.createDataFrame(rows, schema);
  }

  private static IngestReport report(String runId, List<LandingFile> files, Dataset<Row> bronze, Dataset<Row> outcomes,
      List<String> skipped, long released) {
    Map<String, Long> rowsIn = new HashMap<>();
    bronze.groupBy("file_id").count().collectAsList().forEach(r -> rowsIn.put(r.getString(0), r.getLong(1)));
    Map<String, Map<String, Long>> byOutcome = new HashMap<>();
    outcomes.groupBy("file_id", "outcome").count().collectAsList().forEach(r ->
        byOutcome.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), r.getLong(2)));
    List<IngestReport.FileResult> results = new ArrayList<>();
    for (LandingFile f : files) {
      Map<String, Long> counts = byOutcome.getOrDefault(f.fileId(), Map.of());
      var result = new IngestReport.FileResult(f.source().name(), f.source().kind().label(), f.sourceFile(),
          f.encoding() + (f.hasByteOrderMark() ? "+BOM" : ""), f.logicalDate(), rowsIn.getOrDefault(f.fileId(), 0L),
          counts.getOrDefault(Outcomes.LOADED, 0L), counts.getOrDefault(Outcomes.QUARANTINED, 0L),
          counts.getOrDefault(Outcomes.DUPLICATE, 0L));
      if (!result.balances()) {
        throw new IllegalStateException("ingest accounting does not balance for " + f.sourceFile() + ": " + result
            + " — nothing was logged; this is a bug, please report it");
      }
      results.add(result);
    }
    return new IngestReport(runId, results, skipped, released);
  }

  private static Dataset<Row> logRows(SparkSession spark, String runId, List<LandingFile> files, IngestReport report) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      LandingFile f = files.get(i);
      IngestReport.FileResult r = report.files().get(i);
      rows.add(RowFactory.create(runId, f.source().name(), f.source().kind().label(), f.sourceFile(), f.fileId(),
          f.sha256(), f.bytes(), r.encoding(), Date.valueOf(f.logicalDate()), r.rowsIn(), r.rowsLoaded(),
          r.rowsQuarantined(), r.rowsDuplicate()));
    }
    return spark.createDataFrame(rows, TableCatalog.INGEST_LOG.schema());
  }

  /** Deterministic: the same files give the same run id, so a re-run writes identical lineage. */
  private static String runId(Optional<LocalDate> date, List<LandingFile> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach(f -> sha.update((f.fileId() + "\n").getBytes(StandardCharsets.UTF_8)));
      return "ingest-" + date.map(LocalDate::toString).orElse("all") + "-"
          + HexFormat.of().formatHex(sha.digest(), 0, 5);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static scala.collection.Seq<String> seq(List<String> columns) {
    return scala.collection.JavaConverters.asScalaBuffer(columns).toSeq();
  }
}
