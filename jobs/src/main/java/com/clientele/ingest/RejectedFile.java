package com.clientele.ingest;

import java.time.LocalDate;

/**
 * A landing file that is not read at all, with why ({@link FileRejection}). It gets an ingest-log
 * row (all row counts 0, {@code rejected_reason} set) under its {@code file_id}, so a later run
 * skips it and reports it as already rejected, while a corrected file (other content, so another
 * file_id) is read normally.
 *
 * @param sourceName the source the file belongs to, null when none claims it
 * @param kind the source's kind label, null when none claims it
 * @param logicalDate its day folder's date; for a file outside a day folder, the run's day (with
 *     {@code --all}, the latest day of the run's files; null when there is none)
 */
public record RejectedFile(String sourceName, String kind, String sourceFile, LocalDate logicalDate,
    String sha256, long bytes, String fileId, String encoding, FileRejection reason, String detail) {

  /** One line for the run's report. */
  public String describe() {
    return sourceFile + ": " + reason.code() + " — " + detail;
  }
}
