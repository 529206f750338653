package com.clientele.ingest;

import java.time.LocalDate;
import java.util.List;

/**
 * What an ingest run did, file by file (the same figures as its rows in silver.ingest_log): the files
 * read, the files rejected whole by this run ({@code rejected}, logged with their reason) and the
 * files skipped because the log already has them ({@code alreadyIngested}, of which
 * {@code alreadyRejected} were rejected then).
 */
public record IngestReport(String runId, List<FileResult> files, List<RejectedFile> rejected,
    List<String> alreadyIngested, List<String> alreadyRejected, long releasedFromQuarantine) {

  public IngestReport(String runId, List<FileResult> files, List<String> alreadyIngested, long releasedFromQuarantine) {
    this(runId, files, List.of(), alreadyIngested, List.of(), releasedFromQuarantine);
  }

  public record FileResult(String sourceName, String kind, String sourceFile, String encoding,
      LocalDate logicalDate, long rowsIn, long rowsLoaded, long rowsQuarantined, long rowsDuplicate) {

    public boolean balances() {
      return rowsIn == rowsLoaded + rowsQuarantined + rowsDuplicate;
    }
  }

  public long rowsIn() {
    return files.stream().mapToLong(FileResult::rowsIn).sum();
  }

  public long rowsLoaded() {
    return files.stream().mapToLong(FileResult::rowsLoaded).sum();
  }

  public long rowsQuarantined() {
    return files.stream().mapToLong(FileResult::rowsQuarantined).sum();
  }

  public long rowsDuplicate() {
    return files.stream().mapToLong(FileResult::rowsDuplicate).sum();
  }

  /** A readable summary, one line per file. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (files.isEmpty() && rejected.isEmpty()) {
      out.append("nothing new to ingest");
      if (!alreadyIngested.isEmpty()) {
        out.append(" (").append(alreadyIngested.size()).append(" file(s) already ingested)");
      }
      out.append('\n');
      appendAlreadyRejected(out);
      return out.toString();
    }
    if (files.isEmpty()) {
      out.append(String.format("ingest run %s: no file read%n", runId));
      appendRejected(out);
      appendAlreadyRejected(out);
      return out.toString();
    }
    out.append(String.format("ingest run %s: %d file(s), %d rows in = %d loaded + %d quarantined + %d duplicate%n",
        runId, files.size(), rowsIn(), rowsLoaded(), rowsQuarantined(), rowsDuplicate()));
    for (FileResult f : files) {
      out.append(String.format("  %-60s %-8s in %8d  loaded %8d  quarantined %6d  duplicate %6d%n",
          f.sourceFile(), f.encoding(), f.rowsIn(), f.rowsLoaded(), f.rowsQuarantined(), f.rowsDuplicate()));
    }
    if (releasedFromQuarantine > 0) {
      out.append("  ").append(releasedFromQuarantine)
          .append(" row(s) of earlier files left the quarantine: their customers have arrived\n");
    }
    if (!alreadyIngested.isEmpty()) {
      out.append("  (").append(alreadyIngested.size()).append(" file(s) already ingested, skipped)\n");
    }
    appendRejected(out);
    appendAlreadyRejected(out);
    return out.toString();
  }

  private void appendRejected(StringBuilder out) {
    if (rejected.isEmpty()) {
      return;
    }
    out.append(String.format("REJECTED: %d file(s) not read (recorded in silver.ingest_log; check fails "
        + "files_not_rejected). Fix or remove them; a corrected file is read by the next run:%n", rejected.size()));
    for (RejectedFile r : rejected) {
      out.append("  ").append(r.describe()).append('\n');
    }
  }

  private void appendAlreadyRejected(StringBuilder out) {
    if (alreadyRejected.isEmpty()) {
      return;
    }
    out.append(String.format("still rejected (as in an earlier run, not read again): %d file(s)%n", alreadyRejected.size()));
    for (String f : alreadyRejected) {
      out.append("  ").append(f).append('\n');
    }
  }
}
