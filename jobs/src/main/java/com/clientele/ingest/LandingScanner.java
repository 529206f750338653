package com.clientele.ingest;

import com.clientele.config.SourceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the export files in a landing folder ({@code <landing>/<source folder>/<YYYY-MM-DD>/<file>}),
 * matches each to its source definition, and fingerprints it (SHA-256, size, encoding).
 * Names starting with '.' or '_' (e.g. {@code _SUCCESS}, {@code .DS_Store}) are not exports.
 * A file no source claims, or a day folder that is not a date, is an error: nothing is skipped silently.
 * With a completion marker configured (clientele.ingest.completion-marker), a day folder is read only
 * once the marker is in it, so a half-copied export is never ingested.
 */
public final class LandingScanner {

  private static final int SNIFF_BYTES = 1 << 16;

  private LandingScanner() {}

  /**
   * Which day folders a scan reads.
   *
   * @param date the run's day; empty: every day folder
   * @param lateDays with a date: also look this many days back for late files — files whose path
   *     is not in {@code loaded} (only those are read and fingerprinted); 0: the day only
   * @param marker a completion marker's file name (e.g. {@code _SUCCESS}); when not empty, a day
   *     folder without it is incomplete (still being copied) and none of its files is read
   * @param loaded the landing paths ({@code folder/day/file}) already in the ingest log
   */
  public record Selection(Optional<LocalDate> date, int lateDays, String marker, Set<String> loaded) {
    public static Selection of(Optional<LocalDate> date) {
      return new Selection(date, 0, "", Set.of());
    }
  }

  /** The files found, and the day folders skipped as incomplete ({@code folder/day}). */
  public record Scan(List<LandingFile> files, List<String> incomplete) {}

  public static List<LandingFile> scan(String landing, List<SourceDefinition> sources,
      Optional<LocalDate> onlyDate, Configuration hadoopConf) {
    return scan(landing, sources, Selection.of(onlyDate), hadoopConf).files();
  }

  public static Scan scan(String landing, List<SourceDefinition> sources, Selection selection,
      Configuration hadoopConf) {
    try {
      Path root = new Path(landing);
      FileSystem fs = root.getFileSystem(hadoopConf);
      requireFolder(landing, hadoopConf);
      List<String> folders = sources.stream().map(SourceDefinition::folder).distinct().toList();
      List<LandingFile> found = new ArrayList<>();
      List<String> incomplete = new ArrayList<>();
      for (FileStatus folder : sorted(fs.listStatus(root))) {
        String folderName = folder.getPath().getName();
        if (!folder.isDirectory() || isHidden(folderName)) {
          continue;
        }
        if (!folders.contains(folderName)) {
          throw new IllegalArgumentException("landing folder '" + folderName
              + "' belongs to no source; configured source folders: " + folders);
        }
        for (FileStatus day : sorted(fs.listStatus(folder.getPath()))) {
          String dayName = day.getPath().getName();
          if (isHidden(dayName)) {
            continue;
          }
          LocalDate date = parseDay(folderName, dayName, day.isDirectory());
          boolean runDay = selection.date().isEmpty() || selection.date().get().equals(date);
          boolean lateWindow = selection.date().isPresent() && date.isBefore(selection.date().get())
              && !date.isBefore(selection.date().get().minusDays(selection.lateDays()));
          if (!runDay && !lateWindow) {
            continue;
          }
          List<FileStatus> entries = sorted(fs.listStatus(day.getPath()));
          if (!selection.marker().isEmpty()
              && entries.stream().noneMatch(e -> e.getPath().getName().equals(selection.marker()))) {
            incomplete.add(folderName + "/" + dayName);
            continue;
          }
          for (FileStatus file : entries) {
            String fileName = file.getPath().getName();
            String relative = folderName + "/" + dayName + "/" + fileName;
            if (file.isDirectory() || isHidden(fileName) || (!runDay && selection.loaded().contains(relative))) {
              continue;
            }
            SourceDefinition source = sources.stream()
                .filter(s -> s.folder().equals(folderName) && globMatches(s.filesGlob(), fileName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source definition matches " + relative));
            found.add(fingerprint(fs, file, source, relative, date));
          }
        }
      }
      found.sort(Comparator.comparing(LandingFile::logicalDate).thenComparing(LandingFile::sourceFile));
      return new Scan(found, incomplete);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read landing folder " + landing + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether a day's exports are ready to ingest, from a listing only (nothing is read): export files
   * per source folder, and the folders still missing the completion marker. Ready when there is at
   * least one export file and no folder of the day is incomplete.
   */
  public record Readiness(java.util.SortedMap<String, Integer> files, List<String> incomplete) {
    public boolean ready() {
      return incomplete.isEmpty() && files.values().stream().anyMatch(n -> n > 0);
    }
  }

  public static Readiness readiness(String landing, List<SourceDefinition> sources, LocalDate date, String marker,
      Configuration hadoopConf) {
    requireFolder(landing, hadoopConf);
    try {
      Path root = new Path(landing);
      FileSystem fs = root.getFileSystem(hadoopConf);
      java.util.SortedMap<String, Integer> files = new java.util.TreeMap<>();
      List<String> incomplete = new ArrayList<>();
      for (String folder : sources.stream().map(SourceDefinition::folder).distinct().sorted().toList()) {
        Path day = new Path(new Path(root, folder), date.toString());
        if (!fs.exists(day)) {
          continue;
        }
        List<FileStatus> entries = sorted(fs.listStatus(day));
        if (!marker.isEmpty() && entries.stream().noneMatch(e -> e.getPath().getName().equals(marker))) {
          incomplete.add(folder + "/" + date);
        }
        files.put(folder, (int) entries.stream()
            .filter(e -> !e.isDirectory() && !isHidden(e.getPath().getName())).count());
      }
      return new Readiness(files, incomplete);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read landing folder " + landing + ": " + e.getMessage(), e);
    }
  }

  /** Fails with a one-line message unless {@code landing} is an existing folder (on any Hadoop file system). */
  public static void requireFolder(String landing, Configuration hadoopConf) {
    try {
      Path root = new Path(landing);
      FileSystem fs = root.getFileSystem(hadoopConf);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new IllegalArgumentException("landing folder not found: " + landing);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot reach the landing folder " + landing + ": " + e.getMessage(), e);
    }
  }

  private static LandingFile fingerprint(FileSystem fs, FileStatus file, SourceDefinition source,
      String relative, LocalDate date) throws IOException {
    MessageDigest sha = sha256();
    byte[] head = new byte[0];
    long total = 0;
    try (InputStream in = fs.open(file.getPath())) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (head.length < SNIFF_BYTES) {
          int keep = Math.min(n, SNIFF_BYTES - head.length);
          head = concat(head, Arrays.copyOf(buffer, keep));
        }
        sha.update(buffer, 0, n);
        total += n;
      }
    }
    String hash = HexFormat.of().formatHex(sha.digest());
    boolean bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
    String encoding = source.encoding().equals("auto") ? detectEncoding(head, bom, total <= SNIFF_BYTES) : source.encoding();
    String fileId = HexFormat.of().formatHex(
        sha256().digest((relative + "\u0000" + hash).getBytes(StandardCharsets.UTF_8)), 0, 12);
    return new LandingFile(source, file.getPath().toString(), relative, date, hash, total, fileId,
        encoding, bom && encoding.equals("UTF-8"));
  }

  /**
   * UTF-8 when the file has a UTF-8 byte-order mark, or when its first 64 KiB are (nearly all)
   * valid UTF-8: a few broken bytes in an otherwise UTF-8 file make those rows invalid_encoding
   * instead of garbling every Chinese character in the file. Otherwise GB18030, the superset of
   * GBK that Chinese spreadsheet tools export.
   */
  static String detectEncoding(byte[] head, boolean bom, boolean wholeFile) {
    if (bom) {
      return "UTF-8";
    }
    int length = head.length;
    if (!wholeFile) {
      // Drop a possibly truncated trailing character (at most 3 continuation/lead bytes).
      int cut = length;
      while (cut > 0 && length - cut < 3 && (head[cut - 1] & 0xC0) == 0x80) {
        cut--;
      }
      if (cut > 0 && (head[cut - 1] & 0xC0) == 0xC0) {
        cut--;
      }
      length = cut;
    }
    String decoded = new String(head, 0, length, StandardCharsets.UTF_8);
    long broken = decoded.chars().filter(c -> c == 0xFFFD).count();
    long nonAscii = decoded.chars().filter(c -> c > 0x7F && c != 0xFFFD).count();
    return broken == 0 || nonAscii >= 4 * broken ? "UTF-8" : "GB18030";
  }

  private static LocalDate parseDay(String folder, String day, boolean isDirectory) {
    if (!isDirectory) {
      throw new IllegalArgumentException("landing file " + folder + "/" + day
          + " must be inside a day folder (" + folder + "/YYYY-MM-DD/" + day + ")");
    }
    try {
      return LocalDate.parse(day);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("landing folder " + folder + "/" + day
          + " is not a day folder (expected YYYY-MM-DD)");
    }
  }

  static boolean globMatches(String glob, String fileName) {
    return org.apache.hadoop.fs.GlobPattern.compile(glob).matcher(fileName).matches();
  }

  private static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  private static List<FileStatus> sorted(FileStatus[] statuses) {
    return Arrays.stream(statuses).sorted(Comparator.comparing(s -> s.getPath().getName())).toList();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
