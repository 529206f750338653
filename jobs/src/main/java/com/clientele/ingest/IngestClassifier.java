package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.config.ExportKind;
import com.clientele.config.SourceDefinition;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.Lineage;
import com.clientele.runtime.Parallel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The classify step of an ingest run, free of writes: from the batch's records and what silver
 * already holds, what every input row becomes — loaded (the silver rows to add), duplicate, or
 * quarantined with a reason — and the changes to the customer archive ({@link IngestChanges}).
 *
 * <p>Order of the rules: a row that could not be read or typed is quarantined with the first failing
 * rule's reason ({@link RowChecks}); customers are versioned first ({@link CustomerHistory}); records
 * of other kinds are then checked against the customers known after this batch (unknown customers
 * wait in quarantine) and de-duplicated by id against the batch and silver
 * ({@link EventDeduplication}). Rows of earlier files waiting for their customer are retried when
 * customers arrive.
 */
final class IngestClassifier {

  private final ClienteleConfig config;
  private final PersonalDataProtector protector;
  /** The kinds of records that refer to customers (checked against them, de-duplicated by id). */
  private static final List<ExportKind> EVENT_KINDS = List.of(ExportKind.TRANSACTIONS, ExportKind.INTERACTIONS,
      ExportKind.REFERRALS);

  /** Frames shared by several later steps, released after the run. */
  private final List<Lineage.Shared> shared = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Keyed hashes of the erased customers' ids ({@code silver.erasure_log}): their rows are not loaded again. */
  private final Set<String> erased;

  IngestClassifier(ClienteleConfig config, PersonalDataProtector protector) {
    this(config, protector, Set.of());
  }

  IngestClassifier(ClienteleConfig config, PersonalDataProtector protector, Set<String> erased) {
    this.config = config;
    this.protector = protector;
    this.erased = Set.copyOf(erased);
  }

  /** What silver holds before the run (the classifier only reads it). */
  record Silver(Dataset<Row> customers, Dataset<Row> customerPii, Map<ExportKind, Dataset<Row>> events,
      Dataset<Row> paymentUpdates, Dataset<Row> quarantine, Map<ExportKind, Dataset<Row>> bronze) {}

  /**
   * Classifies the batch.
   *
   * @param records the batch's records ({@link BatchReader}), shared by the caller
   * @param files the batch's files
   * @param runId the run, recorded on every row written
   * @param rowsIn the records read per file id (files without records are absent or 0)
   * @param silver the silver (and bronze) tables as they are before the run
   */
  IngestChanges classify(Dataset<Row> records, List<LandingFile> files, String runId, Map<String, Long> rowsIn,
      Silver silver) {
    // Kinds whose files hold no row (an empty daily export) cost no step: on a small batch every
    // step is a planned query, and those dominate its time.
    Set<ExportKind> present = files.stream().filter(f -> rowsIn.getOrDefault(f.fileId(), 0L) > 0)
        .map(f -> f.source().kind())
        .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(ExportKind.class)));
    List<SourceDefinition> batchSources = files.stream().map(LandingFile::source).distinct().toList();
    // The per-file constants of the batch's rows: attached where rows are written (FileLineage).
    Dataset<Row> batchFiles = FileLineage.of(records.sparkSession(), files, runId);
    Map<ExportKind, Dataset<Row>> bronze = new EnumMap<>(ExportKind.class);
    Map<ExportKind, Dataset<Row>> typed = new EnumMap<>(ExportKind.class);
    // The typed rows are the widest frames of a run; they are freed as soon as the outcomes hold
    // everything later steps need from them.
    List<Lineage.Shared> typedShares = java.util.Collections.synchronizedList(new ArrayList<>());
    for (ExportKind kind : ExportKind.values()) {
      Dataset<Row> ofKind = records.where(ofFiles(files.stream().filter(f -> f.source().kind() == kind)));
      if (present.contains(kind)) {
        bronze.put(kind, FileLineage.attach(withoutErasedIds(ofKind), batchFiles));
      }
      typed.put(kind, keyed(kind, suppressErased(kind, typed(ofKind, kind, files))));
    }
    // The kinds present are typed at the same time.
    typed.putAll(perKind(List.copyOf(present), kind -> share(typed.get(kind), "typed " + kind.label(), typedShares)));
    List<Dataset<Row>> outcomes = new ArrayList<>();
    IngestChanges.CustomerVersions versions = null;
    boolean registers = batchSources.stream().anyMatch(SourceDefinition::registersCustomers);
    Dataset<Row> batchCustomers = null;
    Set<ExportKind> retrying = java.util.EnumSet.noneOf(ExportKind.class);
    List<Dataset<Row>> waitingFiles = new ArrayList<>();
    if (present.contains(ExportKind.CUSTOMERS) || registers) {
      // Rows waiting in quarantine for their customer get another chance once customers changed.
      // Finding them does not depend on the batch's customers: both are worked out at the same time.
      String batchIds = files.stream().map(f -> "'" + f.fileId() + "'").collect(Collectors.joining(",", "(", ")"));
      var both = Parallel.both("ingest-classifier",
          () -> customers(typed.get(ExportKind.CUSTOMERS), typed.get(ExportKind.TRANSACTIONS), files, batchFiles,
              silver),
          () -> waitingForCustomer(batchIds, silver));
      CustomerBatch customers = both.first();
      versions = customers.versions();
      outcomes.add(customers.outcomes());
      batchCustomers = customers.keys();
      for (Map.Entry<ExportKind, Waiting> waiting : both.second().entrySet()) {
        ExportKind kind = waiting.getKey();
        typed.put(kind, typed.get(kind).unionByName(waiting.getValue().typed()));
        waitingFiles.add(waiting.getValue().files());
        present.add(kind);
        retrying.add(kind);
      }
    }
    // The files of every row classified below: the batch's, and earlier ones whose rows are retried.
    Dataset<Row> allFiles = waitingFiles.stream().reduce(batchFiles, Dataset::unionByName);
    if (!waitingFiles.isEmpty()) {
      allFiles = share(allFiles, "files of the rows classified");
    }
    Dataset<Row> known = silver.customers().select("customer_key");
    if (batchCustomers != null) {
      known = known.union(batchCustomers);
    }
    known = share(known.distinct(), "known customer keys");
    Map<Table, Dataset<Row>> fresh = new java.util.LinkedHashMap<>();
    // The event kinds are independent of each other: classified at the same time.
    Dataset<Row> knownKeys = known;
    Dataset<Row> eventFiles = allFiles;
    Map<ExportKind, EventsClassified> classifiedEvents = perKind(EVENT_KINDS.stream().filter(present::contains).toList(),
        kind -> events(kind, typed.get(kind), knownKeys, eventFiles, silver));
    classifiedEvents.forEach((kind, events) -> {
      fresh.put(silverTable(kind), events.newRows());
      // Usually none: then no commit at all (an empty append would still be a Delta version).
      if (events.paymentUpdates() != null && !events.paymentUpdates().isEmpty()) {
        fresh.put(TableCatalog.PAYMENT_UPDATES, events.paymentUpdates());
      }
      outcomes.add(events.outcomes());
    });
    if (outcomes.isEmpty()) {
      // Only files without rows: no outcome at all, in the outcomes' shape.
      outcomes.add(Outcomes.rejected(typed.get(ExportKind.CUSTOMERS)));
    }
    Dataset<Row> everything = share(outcomes.stream().reduce(Dataset::unionByName).orElseThrow(), "outcomes");
    // Everything read from the typed rows from here on is in the outcomes, the classified events or
    // the customers' shared stages (a lost block of those recomputes from the records, as before).
    typedShares.forEach(Lineage.Shared::release);
    Column inBatch = col("file_id").isin(files.stream().map(LandingFile::fileId).toArray());
    Dataset<Row> settled = retrying.isEmpty() ? null : share(everything.where(not(inBatch))
        .where(not(col("outcome").equalTo(Outcomes.QUARANTINED)))
        .select("file_id", "row_number", "outcome"), "rows no longer waiting for their customer");
    Dataset<Row> batchOutcomes = everything.where(inBatch);
    // A quarantined row's lineage and raw text come from the records read (only those rows need
    // them; the outcomes of every row go without them). Exports with personal data have no raw text
    // there. Usually few rows: they are broadcast to a scan of the records instead of shuffling every record.
    Dataset<Row> quarantined = batchOutcomes.where(col("outcome").equalTo(Outcomes.QUARANTINED))
        .select("file_id", "row_number", "reason_code", "reason_detail");
    long quarantinedRows = quarantined.count();
    Dataset<Row> lineage = records.select("file_id", "row_number", "line_number", "logical_date", "raw_record");
    Dataset<Row> withText = (quarantinedRows == 0 ? lineage.limit(0) : lineage).join(
        quarantinedRows <= EventDeduplication.SMALL_BATCH ? broadcast(quarantined) : quarantined,
        seq(List.of("file_id", "row_number")), "right");
    if (!erased.isEmpty()) {
      // An erased customer's row keeps no text: it would name them again.
      withText = withText.withColumn("raw_record", when(col("reason_code")
          .equalTo(QuarantineReason.ERASED_CUSTOMER.code()), lit(null).cast("string")).otherwise(col("raw_record")));
    }
    // The batch's own rows only: their files are the batch's.
    Dataset<Row> quarantine = FileLineage.attach(withText, batchFiles)
        .select(Outcomes.QUARANTINE_COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    return new IngestChanges(bronze, versions, fresh, quarantine, settled, batchOutcomes);
  }

  /** Whether a customer id (trimmed) belongs to an erased customer; false for null. */
  private Column isErased(Column id) {
    Set<String> hashes = erased;
    PersonalDataProtector p = protector;
    org.apache.spark.sql.api.java.UDF1<String, Boolean> f =
        v -> v != null && !v.isBlank() && hashes.contains(p.erasureHash(v));
    return udf(f, org.apache.spark.sql.types.DataTypes.BooleanType).apply(id);
  }

  /**
   * Rows of an erased customer ({@code clientele forget}) are rejected as {@code erased_customer}:
   * a later export that still carries them re-creates nothing. No change without erasures.
   */
  private Dataset<Row> suppressErased(ExportKind kind, Dataset<Row> typed) {
    if (erased.isEmpty()) {
      return typed;
    }
    List<String> ids = kind == ExportKind.REFERRALS ? List.of("referrer_customer_id", "referred_customer_id")
        : List.of("customer_id");
    Column any = lit(false);
    for (String id : ids) {
      any = any.or(isErased(col(id)));
    }
    Column rejection = struct(lit(QuarantineReason.ERASED_CUSTOMER.code()).as("reason_code"),
        lit("the customer was erased (clientele forget): their rows are not loaded again").as("reason_detail"));
    return typed.withColumn("rejection", when(col("rejection").isNull().and(any), rejection)
        .otherwise(col("rejection")));
  }

  /** Bronze rows as they came, except that an erased customer's rows keep only their lineage. */
  private Dataset<Row> withoutErasedIds(Dataset<Row> records) {
    if (erased.isEmpty()) {
      return records;
    }
    Column names = exists(map_values(col("fields")), v -> isErased(trim(v)));
    return records
        .withColumn("raw_record", when(coalesce(names, lit(false)), lit(null).cast("string")).otherwise(col("raw_record")))
        // Of an erased customer's row only the erased id's entries stay, as [erased]: other fields may
        // hold free text about them.
        .withColumn("fields", when(coalesce(names, lit(false)), map_filter(transform_values(col("fields"),
            (k, v) -> when(isErased(trim(v)), lit("[erased]"))), (k, v) -> v.isNotNull())).otherwise(col("fields")));
  }

  /** Frees the frames shared during classification (after the run's writes). */
  void release() {
    shared.forEach(Lineage.Shared::release);
    shared.clear();
  }

  private Dataset<Row> share(Dataset<Row> frame, String name) {
    return share(frame, name, shared);
  }

  private static Dataset<Row> share(Dataset<Row> frame, String name, List<Lineage.Shared> into) {
    Lineage.Shared s = Lineage.share(frame, "ingest: " + name);
    into.add(s);
    return s.frame();
  }

  /**
   * The typed rows with their pseudonymous customer key(s), computed once for the valid rows (the
   * export's ids go no further than here and the restricted archive).
   */
  private Dataset<Row> keyed(ExportKind kind, Dataset<Row> typed) {
    return switch (kind) {
      case CUSTOMERS -> typed;
      case TRANSACTIONS, INTERACTIONS -> typed.withColumn("customer_key", keyOf("customer_id"));
      case REFERRALS -> typed.withColumn("referrer_customer_key", keyOf("referrer_customer_id"))
          .withColumn("referred_customer_key", keyOf("referred_customer_id"));
    };
  }

  private Column keyOf(String idColumn) {
    return when(col("rejection").isNull(), Pseudonyms.customerKey(protector, col(idColumn)));
  }

  /** The customer key columns of an event kind's rows. */
  private static List<String> customerKeyColumns(ExportKind kind) {
    return kind == ExportKind.REFERRALS ? List.of("referrer_customer_key", "referred_customer_key")
        : List.of("customer_key");
  }

  /** The batch's customers: version changes for both archive tables, outcomes, and the batch's customer keys. */
  private record CustomerBatch(IngestChanges.CustomerVersions versions, Dataset<Row> outcomes, Dataset<Row> keys) {}

  /** Customer versions (and customers registered by transactions-only sources). */
  private CustomerBatch customers(Dataset<Row> typed, Dataset<Row> typedTransactions, List<LandingFile> files,
      Dataset<Row> batchFiles, Silver silver) {
    Dataset<Row> rejected = Outcomes.rejected(typed);
    // The archive's versions carry their file's constants (and are ordered by file path below).
    Dataset<Row> versions = CustomerRecords.versions(FileLineage.attach(valid(typed), batchFiles, FileLineage.SILVER),
        protector);

    // Within the batch: one version per customer and day; identical repeats are duplicates,
    // different content for the same day is a conflict (the first row wins).
    WindowSpec sameDay = Window.partitionBy("customer_key", "logical_date").orderBy("source_file", "row_number");
    Column rowHash = concat_ws("/", col("attribute_hash"), col("personal_hash"));
    Dataset<Row> ranked = share(versions
        .withColumn("_rank", row_number().over(sameDay))
        .withColumn("_first_hash", first(rowHash).over(sameDay))
        .withColumn("_first_at", first(concat(col("source_file"), lit(" row "), col("row_number"))).over(sameDay)),
        "customer versions ranked by day");
    Dataset<Row> repeats = ranked.where(col("_rank").gt(1));
    Column isConflict = rowHash.notEqual(col("_first_hash"));
    Dataset<Row> repeatOutcomes = Outcomes.of(repeats,
        when(isConflict, lit(Outcomes.QUARANTINED)).otherwise(lit(Outcomes.DUPLICATE)),
        when(isConflict, lit(QuarantineReason.DUPLICATE_KEY_CONFLICT.code())),
        when(isConflict, concat(lit("customer_id has different content on the same day in "), col("_first_at"))));

    List<String> candidateColumns = new ArrayList<>(List.of("customer_key"));
    candidateColumns.addAll(Outcomes.LINEAGE);
    candidateColumns.addAll(FileLineage.SILVER);
    candidateColumns.addAll(CustomerRecords.ATTRIBUTES);
    candidateColumns.add("attribute_hash");
    candidateColumns.addAll(CustomerRecords.PERSONAL);
    candidateColumns.add("personal_hash");
    Column[] selection = candidateColumns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> candidates = ranked.where(col("_rank").equalTo(1)).select(selection);

    List<LandingFile> registering = files.stream().filter(f -> f.source().registersCustomers()).toList();
    if (!registering.isEmpty()) {
      Dataset<Row> fromTransactions = FileLineage.attach(valid(typedTransactions).where(ofFiles(registering.stream())),
          batchFiles, FileLineage.SILVER);
      Dataset<Row> registered = CustomerRecords.registered(fromTransactions, protector)
          .join(silver.customers().select("customer_key").distinct(), seq(List.of("customer_key")), "left_anti")
          .join(candidates.select("customer_key").distinct(), seq(List.of("customer_key")), "left_anti");
      candidates = candidates.unionByName(registered.select(selection));
    }
    candidates = share(candidates, "customer version candidates");

    // The two archive tables' histories are independent: worked out at the same time.
    Dataset<Row> sharedCandidates = candidates;
    var histories = Parallel.both("ingest-classifier",
        () -> CustomerHistory.apply(silver.customers(), sharedCandidates, "attribute_hash", CustomerRecords.ATTRIBUTES,
            frame -> share(frame, "customer attribute history")),
        () -> CustomerHistory.apply(silver.customerPii(), sharedCandidates, "personal_hash", CustomerRecords.PERSONAL,
            frame -> share(frame, "customer personal-data history")));
    CustomerHistory.Result attributes = histories.first();
    CustomerHistory.Result personal = histories.second();

    Dataset<Row> attributeChanges = attributes.changes().withColumnRenamed("is_change", "_attribute_change");
    Dataset<Row> personalChanges = personal.changes().withColumnRenamed("is_change", "_personal_change");
    Dataset<Row> loaded = ranked.where(col("_rank").equalTo(1))
        .join(attributeChanges, seq(List.of("file_id", "row_number")))
        .join(personalChanges, seq(List.of("file_id", "row_number")));
    Dataset<Row> candidateOutcomes = Outcomes.of(loaded,
        when(col("_attribute_change").or(col("_personal_change")), lit(Outcomes.LOADED)).otherwise(lit(Outcomes.DUPLICATE)),
        lit(null), lit(null));
    var changes = new IngestChanges.CustomerVersions(attributes.history(), attributes.obsolete(), personal.history(),
        personal.obsolete(), attributes.onlyNewCustomers(), personal.onlyNewCustomers());
    return new CustomerBatch(changes, rejected.unionByName(repeatOutcomes).unionByName(candidateOutcomes),
        candidates.select("customer_key"));
  }

  /**
   * Transactions, interactions or referrals: rows whose customers are unknown are quarantined (they
   * wait for their customer), the rest de-duplicated by id ({@link EventDeduplication}): the rows to
   * append to silver and every row's outcome.
   */
  private EventsClassified events(ExportKind kind, Dataset<Row> typed, Dataset<Row> knownCustomers, Dataset<Row> files,
      Silver silver) {
    List<String> customerKeyColumns = customerKeyColumns(kind);
    Dataset<Row> keyedValid = valid(typed);
    Dataset<Row> checked = keyedValid;
    Column unknownDetail = lit(null).cast("string");
    Column isUnknown = lit(false);
    for (String keyColumn : customerKeyColumns) {
      // The batch's keys that no customer has: few, so they are broadcast back to the rows instead
      // of shuffling every row against every customer.
      String flag = "_unknown_" + keyColumn;
      Dataset<Row> unknownKeys = share(keyedValid.select(col(keyColumn).as("customer_key")).distinct()
          .join(knownCustomers, new String[] {"customer_key"}, "left_anti")
          .select(col("customer_key").as("_k_" + keyColumn), lit(true).as(flag)), kind.label() + " unknown " + keyColumn);
      checked = checked.join(broadcast(unknownKeys), checked.col(keyColumn).equalTo(col("_k_" + keyColumn)), "left")
          .drop("_k_" + keyColumn);
      String idColumn = keyColumn.replace("_key", "_id");
      Column missing = col(flag).isNotNull();
      unknownDetail = when(unknownDetail.isNull().and(missing),
          concat(lit(idColumn + " '"), col(idColumn), lit("' is not a known customer"))).otherwise(unknownDetail);
      isUnknown = isUnknown.or(missing);
    }
    // Not shared: a scan of the typed rows with a broadcast join, read by the de-duplication (shared)
    // and once more by the outcomes.
    checked = checked.withColumn("_unknown", isUnknown).withColumn("_unknown_detail", unknownDetail);
    Dataset<Row> unknown = Outcomes.quarantined(checked.where(col("_unknown")),
        QuarantineReason.UNKNOWN_CUSTOMER, col("_unknown_detail"));
    Dataset<Row> known = checked.where(not(col("_unknown")));
    // Transactions: a line exported again with other payment terms is payment news (PaymentTerms).
    Dataset<Row> updates = kind == ExportKind.TRANSACTIONS ? silver.paymentUpdates() : null;
    Dataset<Row> classified = share(EventDeduplication.classify(known, known.count(), files, silver.events().get(kind),
        updates, kind.idColumn()), kind.label() + " de-duplicated");
    // The rows written carry their file's constants again.
    Dataset<Row> news = updates == null ? null
        : FileLineage.attach(EventDeduplication.paymentUpdates(classified), files, FileLineage.SILVER)
            .select(TableCatalog.PAYMENT_UPDATES.columnNames().stream().map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
    Dataset<Row> newRows = FileLineage.attach(EventDeduplication.newRows(classified), files, FileLineage.SILVER);
    return new EventsClassified(newRows, news, Outcomes.rejected(typed)
        .unionByName(unknown).unionByName(EventDeduplication.outcomes(classified)));
  }

  private static Table silverTable(ExportKind kind) {
    return switch (kind) {
      case TRANSACTIONS -> TableCatalog.TRANSACTIONS;
      case INTERACTIONS -> TableCatalog.INTERACTIONS;
      case REFERRALS -> TableCatalog.REFERRALS;
      case CUSTOMERS -> throw new IllegalArgumentException("customers are not events");
    };
  }

  /**
   * An event kind classified: the rows to append to silver, the payment news to append to
   * silver.payment_updates (transactions only, else null) and the outcome of every row.
   */
  private record EventsClassified(Dataset<Row> newRows, Dataset<Row> paymentUpdates, Dataset<Row> outcomes) {}

  /**
   * Bronze rows of earlier files that wait in quarantine as {@code unknown_customer}, typed again
   * by their source, per event kind that has any. They run through the same checks as new rows.
   * The quarantine is read once for every kind.
   */
  private Map<ExportKind, Waiting> waitingForCustomer(String batchFileIds, Silver silver) {
    Dataset<Row> waiting = share(silver.quarantine()
        .where(col("reason_code").equalTo(QuarantineReason.UNKNOWN_CUSTOMER.code())
            .and(expr("file_id NOT IN " + batchFileIds)))
        .select("kind", "logical_date", "file_id", "row_number"), "rows waiting for their customer");
    Set<String> kinds = waiting.select("kind").distinct().collectAsList().stream().map(r -> r.getString(0))
        .collect(Collectors.toSet());
    Map<ExportKind, Waiting> typedAgain = perKind(
        EVENT_KINDS.stream().filter(k -> kinds.contains(k.label())).toList(), kind -> typedAgain(kind, waiting, silver));
    typedAgain.values().removeIf(java.util.Objects::isNull);
    return typedAgain;
  }

  /**
   * The step's result per kind, the kinds worked on at the same time: on a small batch each step is
   * mostly driver-side planning, which overlaps with the other kinds' jobs.
   */
  private static <R> Map<ExportKind, R> perKind(List<ExportKind> kinds, Function<ExportKind, R> step) {
    List<R> results = Parallel.map(kinds, Math.max(1, kinds.size()), "ingest-classifier", step);
    Map<ExportKind, R> byKind = new EnumMap<>(ExportKind.class);
    for (int i = 0; i < kinds.size(); i++) {
      byKind.put(kinds.get(i), results.get(i));
    }
    return byKind;
  }

  /** A kind's rows waiting for their customer, typed again, and the constants of their files ({@link FileLineage}). */
  private record Waiting(Dataset<Row> typed, Dataset<Row> files) {}

  /** A kind's waiting rows from bronze, typed again by their source (null when no source of the kind is configured). */
  private Waiting typedAgain(ExportKind kind, Dataset<Row> waiting, Silver silver) {
    Dataset<Row> rows = silver.bronze().get(kind).join(waiting.where(col("kind").equalTo(kind.label())).drop("kind"),
        seq(List.of("logical_date", "file_id", "row_number")), "left_semi");
    List<SourceDefinition> sources = config.sources().stream().filter(s -> s.kind() == kind).toList();
    Dataset<Row> ofKind = null;
    for (SourceDefinition source : sources) {
      // Bronze keeps the fields by the export's own headers: their canonical values again.
      Column[] values = kind.columns().stream().map(c -> element_at(col("fields"), lit(source.header(c))))
          .toArray(Column[]::new);
      Dataset<Row> ofSource = rows.where(col("source_name").equalTo(source.name()))
          .withColumn("values", array(values));
      Dataset<Row> one = typeSource(ofSource, source);
      ofKind = ofKind == null ? one : ofKind.unionByName(one);
    }
    if (ofKind == null) {
      return null;
    }
    // Bronze rows keep their file's constants; a retried row is written with those of its own file.
    Dataset<Row> itsFiles = share(FileLineage.ofBronze(rows, kind), kind.label() + " waiting rows' files");
    return new Waiting(share(keyed(kind, ofKind), kind.label() + " waiting rows typed again"), itsFiles);
  }

  /** All records of a kind, typed per source (each source has its own formats). */
  private Dataset<Row> typed(Dataset<Row> records, ExportKind kind, List<LandingFile> files) {
    List<SourceDefinition> sources = files.stream().map(LandingFile::source).filter(s -> s.kind() == kind).distinct()
        .toList();
    if (sources.isEmpty()) {
      // No files of this kind: type an empty frame with the first configured source's rules.
      SourceDefinition any = config.sources().stream().filter(s -> s.kind() == kind).findFirst()
          .orElse(new SourceDefinition("none", kind, "none", "*", "csv", "UTF-8", ',', true, false,
              List.of("yyyy-MM-dd"), List.of("yyyy-MM-dd HH:mm:ss"),
              kind.columns().stream().collect(Collectors.toMap(Function.identity(), Function.identity()))));
      return typeSource(records.limit(0), any);
    }
    return sources.stream()
        .map(s -> typeSource(sources.size() == 1 ? records
            : records.where(ofFiles(files.stream().filter(f -> f.source().equals(s)))), s))
        .reduce(Dataset::unionByName).orElseThrow();
  }

  private Dataset<Row> typeSource(Dataset<Row> rows, SourceDefinition source) {
    Dataset<Row> typed = switch (source.kind()) {
      case CUSTOMERS -> CustomerRecords.typed(rows, source, config);
      case TRANSACTIONS -> TransactionRecords.typed(rows, source, config);
      case INTERACTIONS -> InteractionRecords.typed(rows, source, config);
      case REFERRALS -> ReferralRecords.typed(rows, source);
    };
    // The texts typed values were parsed from (t_*) and the reader's parse problem are in the
    // rejection by now: later steps (and the shared frames) go without them.
    return typed.drop(java.util.Arrays.stream(typed.columns())
        .filter(c -> c.startsWith("t_") || c.equals("parse_error") || c.equals("parse_detail"))
        .toArray(String[]::new));
  }

  /** Rows of the given files (the records carry their file_id, not their source or kind). */
  private static Column ofFiles(java.util.stream.Stream<LandingFile> files) {
    Object[] ids = files.map(LandingFile::fileId).toArray();
    return ids.length == 0 ? lit(false) : col("file_id").isin(ids);
  }

  static Dataset<Row> valid(Dataset<Row> typed) {
    return typed.where(col("rejection").isNull());
  }

  static scala.collection.Seq<String> seq(List<String> columns) {
    return scala.collection.JavaConverters.asScalaBuffer(columns).toSeq();
  }
}
