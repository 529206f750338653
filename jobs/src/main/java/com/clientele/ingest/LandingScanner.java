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
 * A file no source claims, outside a day folder, binary, or in an encoding its source cannot read is
 * rejected whole ({@link RejectedFile}, logged with its reason): nothing is skipped silently, and the
 * run's other files are read as usual.
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

  /**
   * The files found (to read), the files rejected whole without being read ({@link RejectedFile}: in a
   * folder no source claims, matched by no source, outside a day folder, binary, or in an encoding
   * the source cannot read), the day folders skipped as incomplete ({@code folder/day}), and the files
   * outside a day folder not read again because the log has their path ({@code --date} runs).
   */
  public record Scan(List<LandingFile> files, List<RejectedFile> rejected, List<String> incomplete,
      List<String> notReread) {}

  public static List<LandingFile> scan(String landing, List<SourceDefinition> sources,
      Optional<LocalDate> onlyDate, Configuration hadoopConf) {
    return scan(landing, sources, Selection.of(onlyDate), hadoopConf).files();
  }

  /** A file found in a landing folder, before it is matched to a source. */
  private record Found(FileStatus status, String relative, LocalDate date, FileRejection problem, String detail) {}

  public static Scan scan(String landing, List<SourceDefinition> sources, Selection selection,
      Configuration hadoopConf) {
    try {
      Path root = new Path(landing);
      FileSystem fs = root.getFileSystem(hadoopConf);
      requireFolder(landing, hadoopConf);
      List<String> folders = sources.stream().map(SourceDefinition::folder).distinct().toList();
      List<Found> candidates = new ArrayList<>();
      List<String> incomplete = new ArrayList<>();
      for (FileStatus folder : sorted(fs.listStatus(root))) {
        String folderName = folder.getPath().getName();
        if (isHidden(folderName)) {
          continue;
        }
        if (!folder.isDirectory()) {
          candidates.add(new Found(folder, folderName, null, FileRejection.UNCLAIMED_FOLDER,
              "the file is not inside a source folder (<landing>/<source folder>/YYYY-MM-DD/<file>); configured source "
                  + "folders: " + folders));
          continue;
        }
        boolean claimed = folders.contains(folderName);
        String unclaimed = "landing folder '" + folderName + "' belongs to no source; configured source folders: "
            + folders;
        for (FileStatus day : sorted(fs.listStatus(folder.getPath()))) {
          String dayName = day.getPath().getName();
          if (isHidden(dayName)) {
            continue;
          }
          String dayPath = folderName + "/" + dayName;
          if (!day.isDirectory()) {
            candidates.add(new Found(day, dayPath, null,
                claimed ? FileRejection.NOT_A_DAY_FOLDER : FileRejection.UNCLAIMED_FOLDER,
                claimed ? "the file must be inside a day folder (" + folderName + "/YYYY-MM-DD/" + dayName + ")"
                    : unclaimed));
            continue;
          }
          Optional<LocalDate> parsed = parseDay(dayName);
          if (parsed.isEmpty()) {
            for (FileStatus file : sorted(fs.listStatus(day.getPath()))) {
              if (!file.isDirectory() && !isHidden(file.getPath().getName())) {
                candidates.add(new Found(file, dayPath + "/" + file.getPath().getName(), null,
                    claimed ? FileRejection.NOT_A_DAY_FOLDER : FileRejection.UNCLAIMED_FOLDER,
                    claimed ? "landing folder " + dayPath + " is not a day folder (expected YYYY-MM-DD, a real date)"
                        : unclaimed));
              }
            }
            continue;
          }
          LocalDate date = parsed.get();
          boolean runDay = selection.date().isEmpty() || selection.date().get().equals(date);
          boolean lateWindow = selection.date().isPresent() && date.isBefore(selection.date().get())
              && !date.isBefore(selection.date().get().minusDays(selection.lateDays()));
          if (!runDay && !lateWindow) {
            continue;
          }
          List<FileStatus> entries = sorted(fs.listStatus(day.getPath()));
          if (!selection.marker().isEmpty()
              && entries.stream().noneMatch(e -> e.getPath().getName().equals(selection.marker()))) {
            incomplete.add(dayPath);
            continue;
          }
          for (FileStatus file : entries) {
            String fileName = file.getPath().getName();
            String relative = dayPath + "/" + fileName;
            if (file.isDirectory() || isHidden(fileName) || (!runDay && selection.loaded().contains(relative))) {
              continue;
            }
            boolean matched = sources.stream()
                .anyMatch(s -> s.folder().equals(folderName) && globMatches(s.filesGlob(), fileName));
            candidates.add(new Found(file, relative, date,
                !claimed ? FileRejection.UNCLAIMED_FOLDER : matched ? null : FileRejection.UNMATCHED_FILE,
                !claimed ? unclaimed : matched ? null : "no source definition of folder '" + folderName
                    + "' matches the file name '" + fileName + "'"));
          }
        }
      }
      // A file outside any day folder is dated by the run: its day, or with --all the latest day found.
      Optional<LocalDate> undated = selection.date().isPresent() ? selection.date()
          : candidates.stream().map(Found::date).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder());
      List<LandingFile> found = new ArrayList<>();
      List<RejectedFile> rejected = new ArrayList<>();
      List<String> notReread = new ArrayList<>();
      for (Found candidate : candidates) {
        if (candidate.date() == null && selection.date().isPresent() && selection.loaded().contains(candidate.relative())) {
          notReread.add(candidate.relative()); // already logged (rejected): like a late file, only --all reads it again
          continue;
        }
        Fingerprint print = fingerprint(fs, candidate.status());
        String fileId = fileId(candidate.relative(), print.sha256());
        LocalDate date = candidate.date() != null ? candidate.date() : undated.orElse(null);
        if (candidate.problem() != null) {
          rejected.add(new RejectedFile(null, null, candidate.relative(), date, print.sha256(), print.bytes(), fileId,
              null, candidate.problem(), candidate.detail()));
          continue;
        }
        String fileName = candidate.status().getPath().getName();
        String folderName = candidate.relative().substring(0, candidate.relative().indexOf('/'));
        SourceDefinition source = sources.stream()
            .filter(s -> s.folder().equals(folderName) && globMatches(s.filesGlob(), fileName))
            .findFirst().orElseThrow();
        LandingFile file = classify(candidate.status(), source, candidate.relative(), date, print, fileId);
        Optional<String[]> problem = textProblem(print.head(), source);
        if (problem.isPresent()) {
          rejected.add(new RejectedFile(source.name(), source.kind().label(), candidate.relative(), date,
              print.sha256(), print.bytes(), fileId, null, FileRejection.valueOf(problem.get()[0]), problem.get()[1]));
        } else {
          found.add(file);
        }
      }
      found.sort(Comparator.comparing(LandingFile::logicalDate).thenComparing(LandingFile::sourceFile));
      return new Scan(found, rejected, incomplete, notReread);
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

  /** A file's content hash, size and first 64 KiB. */
  private record Fingerprint(String sha256, long bytes, byte[] head) {}

  private static Fingerprint fingerprint(FileSystem fs, FileStatus file) throws IOException {
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
    return new Fingerprint(HexFormat.of().formatHex(sha.digest()), total, head);
  }

  private static String fileId(String relative, String sha256) {
    return HexFormat.of().formatHex(
        sha256().digest((relative + "\u0000" + sha256).getBytes(StandardCharsets.UTF_8)), 0, 12);
  }

  private static LandingFile classify(FileStatus file, SourceDefinition source, String relative, LocalDate date,
      Fingerprint print, String fileId) {
    byte[] head = print.head();
    boolean bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
    if (utf16Bom(head) && (source.encoding().equals("auto") || source.encoding().equals("UTF-8"))) {
      // A UTF-16 byte-order mark says what the file is: Java's UTF-16 decoder reads the mark (either byte order).
      return new LandingFile(source, file.getPath().toString(), relative, date, print.sha256(), print.bytes(), fileId,
          "UTF-16", true);
    }
    String encoding = source.encoding().equals("auto")
        ? detectEncoding(head, bom, print.bytes() <= SNIFF_BYTES) : source.encoding();
    return new LandingFile(source, file.getPath().toString(), relative, date, print.sha256(), print.bytes(), fileId,
        encoding, bom && encoding.equals("UTF-8"));
  }

  private static boolean utf16Bom(byte[] head) {
    return head.length >= 2 && (((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)
        || ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF))
        && !(head.length >= 4 && head[2] == 0 && head[3] == 0);
  }

  /** Binary formats recognised by their first bytes (magic numbers): a file starting so is not an export. */
  private static final List<Object[]> MAGIC = List.of(
      new Object[] {"a zip archive (or an .xlsx/.docx)", new int[] {0x50, 0x4B, 0x03, 0x04}},
      new Object[] {"an empty zip archive", new int[] {0x50, 0x4B, 0x05, 0x06}},
      new Object[] {"a gzip archive", new int[] {0x1F, 0x8B}},
      new Object[] {"a PNG image", new int[] {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A}},
      new Object[] {"a JPEG image", new int[] {0xFF, 0xD8, 0xFF}},
      new Object[] {"a GIF image", new int[] {0x47, 0x49, 0x46, 0x38}},
      new Object[] {"a PDF document", new int[] {0x25, 0x50, 0x44, 0x46, 0x2D}},
      new Object[] {"an OLE2 document (an old .xls/.doc)", new int[] {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}},
      new Object[] {"a 7z archive", new int[] {0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C}},
      new Object[] {"an xz archive", new int[] {0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00}});

  /**
   * Whether a file's first bytes show it is not text the source can read: {@code [reason, detail]}
   * ({@link FileRejection} names), or empty. Binary: a known magic number, or more than 10% NUL
   * bytes; NUL bytes mostly at every other position are UTF-16 without a byte-order mark. A few NUL
   * bytes in a text file are left to the rows that hold them (invalid_encoding).
   */
  static Optional<String[]> textProblem(byte[] head, SourceDefinition source) {
    if (utf16Bom(head) && !(source.encoding().equals("auto") || source.encoding().equals("UTF-8"))) {
      return Optional.of(new String[] {FileRejection.UNSUPPORTED_ENCODING.name(),
          "the file starts with a UTF-16 byte-order mark, but source '" + source.name() + "' is configured as "
              + source.encoding()});
    }
    if (head.length >= 4 && ((head[0] == 0 && head[1] == 0 && (head[2] & 0xFF) == 0xFE && (head[3] & 0xFF) == 0xFF)
        || ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE && head[2] == 0 && head[3] == 0))) {
      return Optional.of(new String[] {FileRejection.UNSUPPORTED_ENCODING.name(),
          "the file starts with a UTF-32 byte-order mark; export it as UTF-8"});
    }
    if (utf16Bom(head)) {
      return Optional.empty();
    }
    for (Object[] magic : MAGIC) {
      int[] bytes = (int[]) magic[1];
      if (head.length >= bytes.length && java.util.stream.IntStream.range(0, bytes.length)
          .allMatch(i -> (head[i] & 0xFF) == bytes[i])) {
        return Optional.of(new String[] {FileRejection.BINARY_FILE.name(),
            "the file is " + magic[0] + ", not a text export (by its first bytes)"});
      }
    }
    int[] nulByParity = new int[2];
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        nulByParity[i % 2]++;
      }
    }
    int nul = nulByParity[0] + nulByParity[1];
    if (head.length > 0 && nul * 10L > head.length) {
      int half = head.length / 2;
      boolean utf16 = Math.max(nulByParity[0], nulByParity[1]) * 10L >= nul * 9L
          && Math.max(nulByParity[0], nulByParity[1]) * 10L >= half * 3L;
      return Optional.of(utf16
          ? new String[] {FileRejection.UNSUPPORTED_ENCODING.name(),
              "the file looks like UTF-16 without a byte-order mark (NUL bytes at every other position); "
                  + "export it as UTF-8, or as UTF-16 with a byte-order mark"}
          : new String[] {FileRejection.BINARY_FILE.name(),
              nul + " of the first " + head.length + " bytes are NUL: a binary file, not a text export"});
    }
    return Optional.empty();
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

  /** The day of a {@code YYYY-MM-DD} folder name that is a real date, else empty. */
  static Optional<LocalDate> parseDay(String day) {
    try {
      return Optional.of(LocalDate.parse(day));
    } catch (DateTimeParseException e) {
      return Optional.empty();
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
