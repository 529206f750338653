package com.clientele.ingest;

import java.util.Locale;

/**
 * Why a whole landing file was not read: recorded in {@code silver.ingest_log.rejected_reason}
 * (lower case) with a detail, reported by the ingest run and failed by {@code check}
 * ({@code files_not_rejected}). docs/ingest.md lists them. The run's other files are unaffected.
 */
public enum FileRejection {
  /** The file is in a landing folder that no configured source has as its folder. */
  UNCLAIMED_FOLDER,
  /** The file is in a source's folder but matches none of the folder's sources' file globs. */
  UNMATCHED_FILE,
  /** The file is not inside a {@code YYYY-MM-DD} day folder (the day folder is not a real date). */
  NOT_A_DAY_FOLDER,
  /** The file is binary (a zip, PNG, PDF... by its magic number, or mostly NUL bytes), not text. */
  BINARY_FILE,
  /** The file is text in an encoding the source cannot read (UTF-16 without a byte-order mark, or a
   * UTF-16 byte-order mark where the source names another encoding). */
  UNSUPPORTED_ENCODING;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
