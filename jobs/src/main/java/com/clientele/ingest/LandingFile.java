package com.clientele.ingest;

import com.clientele.config.SourceDefinition;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * One export file found in the landing folder, matched to its source.
 *
 * @param uri the file's full location (any Hadoop file system: local, HDFS, S3...)
 * @param sourceFile the path relative to the landing folder, as recorded in lineage
 * @param fileId identity of this file version: a hash of its relative path and content hash, so
 *     the same file ingested twice is recognised, and a corrected file at the same path is not
 * @param encoding the character set used to decode it (detected when the source says auto)
 */
public record LandingFile(
    SourceDefinition source,
    String uri,
    String sourceFile,
    LocalDate logicalDate,
    String sha256,
    long bytes,
    String fileId,
    String encoding,
    boolean hasByteOrderMark) implements Serializable {
}
