package com.clientele.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The warehouse's run lock: one writing command (ingest, build, check, maintain, demo) at a time per
 * warehouse. A second one started meanwhile — an Airflow retry overlapping a manual run, an ingest
 * overlapping a build — fails at once with {@link HeldException} ("another run holds the warehouse
 * …"), before it has read or written anything.
 *
 * <ul>
 *   <li><b>Local warehouse</b> ({@code file:}): an operating-system lock
 *       ({@link FileChannel#tryLock}) on {@code <warehouse>/_clientele/run.lock}. The operating
 *       system releases it when the process ends in any way, SIGKILL included, so a crashed run never
 *       leaves a stale lock. The file itself stays; it names the holder while one runs (for the
 *       message) and is emptied when the holder ends normally.</li>
 *   <li><b>Other file systems</b> ({@code hdfs://}, {@code s3a://}, …), which have no such locks: a
 *       lease file {@code <warehouse>/_clientele/run.lease} created with {@code overwrite=false}
 *       (atomic on HDFS; on S3 only as atomic as the store's conditional create), naming the holder,
 *       host, pid and start time, deleted when the command ends. A run killed hard leaves it behind:
 *       the message names the holder and says to delete the file once that process is known to be
 *       gone.</li>
 * </ul>
 */
public final class RunLock implements AutoCloseable {

  /** The lock file of a local warehouse, under {@code _clientele/}. */
  public static final String LOCK_FILE = "run.lock";
  /** The lease file of a warehouse on another file system, under {@code _clientele/}. */
  public static final String LEASE_FILE = "run.lease";

  /** Another run holds the warehouse. */
  public static final class HeldException extends IllegalStateException {
    HeldException(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;
  private final FileSystem leaseFs;
  private final Path lease;

  private RunLock(FileChannel channel, FileLock lock, FileSystem leaseFs, Path lease) {
    this.channel = channel;
    this.lock = lock;
    this.leaseFs = leaseFs;
    this.lease = lease;
  }

  /**
   * Takes the warehouse's run lock for {@code holder} (e.g. {@code "ingest --date 2026-04-01"}), or
   * throws {@link HeldException} naming the run that holds it.
   */
  public static RunLock acquire(Warehouse warehouse, String holder) {
    Path file = warehouse.metaPath(LOCK_FILE);
    FileSystem fs = warehouse.fileSystem();
    String who = describe(holder);
    if ("file".equals(fs.getUri().getScheme())) {
      return local(java.nio.file.Path.of(file.toUri()), warehouse.root(), who);
    }
    return lease(fs, warehouse.metaPath(LEASE_FILE), warehouse.root(), who);
  }

  private static RunLock local(java.nio.file.Path file, String root, String who) {
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        throw new HeldException("another run holds the warehouse " + root + " ("
            + (holder.isEmpty() ? "holder unknown" : holder) + "); wait for it to finish and run this command "
            + "again (a run holds the warehouse only while its process lives)");
      }
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap((who + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(channel, lock, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the run lock " + file, e);
    }
  }

  private static RunLock lease(FileSystem fs, Path lease, String root, String who) {
    try {
      fs.mkdirs(lease.getParent());
      try (OutputStream out = fs.create(lease, false)) {
        out.write((who + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return new RunLock(null, null, fs, lease);
    } catch (FileAlreadyExistsException e) {
      throw heldLease(fs, lease, root);
    } catch (IOException e) {
      try {
        if (fs.exists(lease)) {
          throw heldLease(fs, lease, root);
        }
      } catch (IOException ignored) {
        // fall through to the original error
      }
      throw new UncheckedIOException("cannot take the run lease " + lease, e);
    }
  }

  private static HeldException heldLease(FileSystem fs, Path lease, String root) {
    String holder;
    try (InputStream in = fs.open(lease)) {
      holder = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      holder = "holder unreadable: " + e.getMessage();
    }
    return new HeldException("another run holds the warehouse " + root + " (" + holder + "); wait for it to "
        + "finish and run this command again. If that process is gone (killed without cleaning up), delete "
        + lease + " and run again");
  }

  private static String describe(String holder) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return "`" + holder + "`, pid " + ProcessHandle.current().pid() + " on " + host + ", since " + Instant.now();
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        // Emptied before release: the file names a holder only while one runs, and a command that
        // took the lock and was then refused (a wrong secret) leaves the warehouse byte for byte as
        // it found it.
        channel.truncate(0);
        channel.force(false);
        lock.release();
        channel.close();
      }
      if (lease != null) {
        leaseFs.delete(lease, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the run lock", e);
    }
  }
}
