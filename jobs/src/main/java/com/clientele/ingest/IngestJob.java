package com.clientele.ingest;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.config.ExportKind;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.LateFiles;
import com.clientele.runtime.Lineage;
import com.clientele.runtime.Progress;
import com.clientele.runtime.Stopwatch;
import com.clientele.runtime.Warehouse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest: landing files → bronze (rows as they came) → silver (typed, validated, deduplicated
 * entities) + quarantine, with one ingest-log row per file. Four steps, each testable alone:
 * <ol>
 *   <li><b>plan</b>: the landing files of the day (or of every day) not in the ingest log yet
 *       ({@link LandingScanner});</li>
 *   <li><b>read</b>: every file streamed into records ({@link BatchReader});</li>
 *   <li><b>classify</b>: what each record becomes, against silver as it is, without writing
 *       ({@link IngestClassifier});</li>
 *   <li><b>account, then write</b>: every input row must end as exactly one of loaded / quarantined /
 *       duplicate — checked per file before anything is written — then {@link IngestWriter} writes
 *       it all, the ingest log last.</li>
 * </ol>
 *
 * <p>Guarantees: a file already in the log is skipped, and every write replaces exactly its batch's
 * slice or recognises rows it already wrote, so re-running a day — or retrying a run that died
 * half-way — changes nothing (whichever of its writes committed: {@code CrashPointTest}, docs/reliability.md);
 * records are classified against the batch's own customer versions as well as silver's; all of a
 * batch's days are processed together in date order, so late files slot into history correctly.
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

  /** Customer ids erased by {@code forget} whose rows this run may load again (the customer came back). */
  private Set<String> readmitted = Set.of();

  /** Lets the rows of these erased customers load again in this run ({@code ingest --readmit-customer-id}). */
  public IngestJob readmitting(java.util.Collection<String> customerIds) {
    this.readmitted = customerIds.stream().map(protector::erasureHash).collect(Collectors.toSet());
    return this;
  }

  /** Ingests the landing folder's files for one day, or for every day when {@code date} is empty. */
  public IngestReport run(String landing, Optional<LocalDate> date) {
    SparkSession spark = warehouse.spark();
    Progress.plan(IngestWriter.STAGES + 3);
    Progress.stage("scanning the landing folder");
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    if (warehouse.exists(TableCatalog.INGEST_LOG)) {
      warehouse.addMissingColumns(TableCatalog.INGEST_LOG); // a log from before rejected_reason gets the column
    }
    // A run that died between its ingest log commit and the quarantine's is finished first.
    IngestWriter.finishSettling(warehouse);
    List<Row> logged = warehouse.read(TableCatalog.INGEST_LOG).select("file_id", "source_file", "rejected_reason")
        .collectAsList();
    Set<String> done = logged.stream().map(r -> r.getString(0)).collect(Collectors.toSet());
    Set<String> rejectedBefore = logged.stream().filter(r -> !r.isNullAt(2)).map(r -> r.getString(0))
        .collect(Collectors.toSet());
    Set<String> loadedPaths = logged.stream().map(r -> r.getString(1)).collect(Collectors.toSet());
    LandingScanner.Scan scan = LandingScanner.scan(landing, config.sources(),
        new LandingScanner.Selection(date, config.lateFileDays(), config.completionMarker(), loadedPaths), hadoopConf);
    if (date.isPresent()) {
      String day = "/" + date.get();
      List<String> unfinished = scan.incomplete().stream().filter(f -> f.endsWith(day)).toList();
      if (!unfinished.isEmpty()) {
        throw new IllegalArgumentException("the landing for " + date.get() + " is not complete: no "
            + config.completionMarker() + " in " + unfinished + " (the export is still being copied)");
      }
      if (scan.files().stream().noneMatch(f -> f.logicalDate().equals(date.get()))
          && scan.rejected().stream().noneMatch(f -> date.get().equals(f.logicalDate()))) {
        throw new IllegalArgumentException("no landing files for " + date.get() + " under " + landing);
      }
    }
    List<LandingFile> found = scan.files();
    // A file logged as rejected that can be read now (a source claims it since) is read, and its log row replaced.
    List<LandingFile> files = found.stream()
        .filter(f -> !done.contains(f.fileId()) || rejectedBefore.contains(f.fileId())).toList();
    List<String> skipped = found.stream()
        .filter(f -> done.contains(f.fileId()) && !rejectedBefore.contains(f.fileId()))
        .map(LandingFile::sourceFile).toList();
    List<RejectedFile> rejected = scan.rejected().stream().filter(f -> !done.contains(f.fileId())).toList();
    Set<String> rejectedPaths = logged.stream().filter(r -> !r.isNullAt(2)).map(r -> r.getString(1))
        .collect(Collectors.toSet());
    List<String> stillRejected = Stream.concat(
        scan.rejected().stream().filter(f -> done.contains(f.fileId())).map(RejectedFile::sourceFile),
        scan.notReread().stream().filter(rejectedPaths::contains)).sorted().toList();
    if (files.isEmpty() && rejected.isEmpty()) {
      return new IngestReport(null, List.of(), List.of(), skipped, stillRejected, 0);
    }
    String runId = runId(date, files, rejected);
    String logSlice = Stream.concat(files.stream().map(LandingFile::fileId), rejected.stream().map(RejectedFile::fileId))
        .map(id -> "'" + id + "'").collect(Collectors.joining(",", "file_id IN (", ")"));
    if (files.isEmpty()) {
      Progress.stage("recording " + rejected.size() + " rejected file(s) in the ingest log");
      warehouse.replace(TableCatalog.INGEST_LOG, logSlice, logRows(spark, runId, files, null, rejected));
      return new IngestReport(runId, List.of(), rejected, skipped, stillRejected, 0);
    }
    // Files of days before the run's day (or, with --all, of any day) change what earlier gold
    // snapshots should hold: recorded before anything is committed, for the next build to redo them.
    LateFiles.record(warehouse, files.stream().map(LandingFile::logicalDate)
        .filter(d -> date.isEmpty() || d.isBefore(date.get())).collect(Collectors.toSet()));
    Stopwatch watch = new Stopwatch(runId);

    Progress.stage("reading and classifying " + files.size() + " file(s)");
    Lineage.Shared records = Lineage.share(BatchReader.read(spark, files), "ingest: records read");
    IngestClassifier classifier = new IngestClassifier(config, protector, erasedCustomers());
    try {
      Map<String, Long> rowsIn = new HashMap<>();
      records.frame().groupBy("file_id").count().collectAsList().forEach(r -> rowsIn.put(r.getString(0), r.getLong(1)));
      IngestChanges changes = classifier.classify(records.frame(), files, runId, rowsIn, silverBeforeTheRun());
      watch.lap("read and classified");
      // Accounting is checked before anything is written.
      Progress.stage("checking that every row is accounted for");
      long released = changes.settled() == null ? 0 : changes.settled().count();
      IngestReport read = report(runId, files, rowsIn, changes.outcomes(), skipped, released);
      IngestReport report = new IngestReport(runId, read.files(), rejected, skipped, stillRejected, released);
      watch.lap("accounted");
      new IngestWriter(warehouse).write(changes, runId, slice(files), logRows(spark, runId, files, report, rejected),
          watch);
      return report;
    } finally {
      classifier.release();
      records.release();
    }
  }

  /**
   * The tables the classification reads, pinned to their current versions: frames computed lazily
   * from them read the same rows after the run has started writing.
   */
  private IngestClassifier.Silver silverBeforeTheRun() {
    Map<ExportKind, Dataset<Row>> events = new EnumMap<>(ExportKind.class);
    events.put(ExportKind.TRANSACTIONS, pinned(TableCatalog.TRANSACTIONS));
    events.put(ExportKind.INTERACTIONS, pinned(TableCatalog.INTERACTIONS));
    events.put(ExportKind.REFERRALS, pinned(TableCatalog.REFERRALS));
    Map<ExportKind, Dataset<Row>> bronze = new EnumMap<>(ExportKind.class);
    for (ExportKind kind : ExportKind.values()) {
      bronze.put(kind, pinned(TableCatalog.bronzeFor(kind)));
    }
    return new IngestClassifier.Silver(pinned(TableCatalog.CUSTOMERS), pinned(TableCatalog.CUSTOMER_PII), events,
        pinned(TableCatalog.PAYMENT_UPDATES), pinned(TableCatalog.QUARANTINE), bronze);
  }

  private Dataset<Row> pinned(Table table) {
    long version = warehouse.version(table);
    return version < 0 ? warehouse.read(table) : warehouse.readVersion(table, version);
  }

  /** The erasure hashes of the customers erased by {@code forget}: the suppression list. */
  private Set<String> erasedCustomers() {
    if (!warehouse.exists(TableCatalog.ERASURE_LOG)) {
      return Set.of();
    }
    return warehouse.read(TableCatalog.ERASURE_LOG).select("subject_hash").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).filter(h -> !readmitted.contains(h)).collect(Collectors.toSet());
  }

  /** The batch's slice of every table it writes: its logical dates and file ids. */
  private static String slice(List<LandingFile> files) {
    String batch = files.stream().map(f -> "'" + f.fileId() + "'").collect(Collectors.joining(",", "(", ")"));
    String dates = files.stream().map(f -> "DATE'" + f.logicalDate() + "'").distinct()
        .collect(Collectors.joining(",", "(", ")"));
    return "logical_date IN " + dates + " AND file_id IN " + batch;
  }

  /** Per file: rows in (records read, {@code rowsIn}) and rows per outcome; throws when a file does not balance. */
  static IngestReport report(String runId, List<LandingFile> files, Map<String, Long> rowsIn, Dataset<Row> outcomes,
      List<String> skipped, long released) {
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
            + " — nothing was written; this is a bug, please report it");
      }
      results.add(result);
    }
    return new IngestReport(runId, results, skipped, released);
  }

  /** The ingest-log rows of the files read ({@code report}'s counts) and of the files rejected (counts 0). */
  private static Dataset<Row> logRows(SparkSession spark, String runId, List<LandingFile> files, IngestReport report,
      List<RejectedFile> rejected) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      LandingFile f = files.get(i);
      IngestReport.FileResult r = report.files().get(i);
      rows.add(RowFactory.create(runId, f.source().name(), f.source().kind().label(), f.sourceFile(), f.fileId(),
          f.sha256(), f.bytes(), r.encoding(), Date.valueOf(f.logicalDate()), r.rowsIn(), r.rowsLoaded(),
          r.rowsQuarantined(), r.rowsDuplicate(), null, null));
    }
    for (RejectedFile f : rejected) {
      rows.add(RowFactory.create(runId, f.sourceName(), f.kind(), f.sourceFile(), f.fileId(), f.sha256(), f.bytes(),
          f.encoding(), f.logicalDate() == null ? null : Date.valueOf(f.logicalDate()), 0L, 0L, 0L, 0L,
          f.reason().code(), f.detail()));
    }
    return spark.createDataFrame(rows, TableCatalog.INGEST_LOG.schema());
  }

  /** Deterministic: the same files give the same run id, so a re-run writes identical lineage. */
  private static String runId(Optional<LocalDate> date, List<LandingFile> files, List<RejectedFile> rejected) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach(f -> sha.update((f.fileId() + "\n").getBytes(StandardCharsets.UTF_8)));
      rejected.forEach(f -> sha.update((f.fileId() + "\n").getBytes(StandardCharsets.UTF_8)));
      return "ingest-" + date.map(LocalDate::toString).orElse("all") + "-"
          + HexFormat.of().formatHex(sha.digest(), 0, 5);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
