package com.clientele.ingest;

import java.time.LocalDate;
import java.util.List;

/** What an ingest run did, file by file (the same figures as its rows in silver.ingest_log). */
public record IngestReport(String runId, List<FileResult> files, List<String> alreadyIngested,
    long releasedFromQuarantine) {

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
    if (files.isEmpty()) {
      out.append("nothing new to ingest");
      if (!alreadyIngested.isEmpty()) {
        out.append(" (").append(alreadyIngested.size()).append(" file(s) already ingested)");
      }
      return out.append('\n').toString();
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
    return out.toString();
  }
}
