package com.clientele.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures one stage of a run: wall time, CPU time of the whole process (every JVM thread — Spark's
 * executor threads, GC, JIT — and DuckDB's native threads, since both run in this process), peak
 * resident memory and peak Java heap in use.
 *
 * <p>Peak resident memory is the kernel's high-water mark (VmHWM of /proc/self/status), reset at
 * the start of the stage by writing 5 to /proc/self/clear_refs; where that reset is refused the
 * figure is the process's peak so far, and {@link Stage#rssIsStagePeak} says so.
 *
 * <p>Peak heap is the largest heap in use at one moment during the stage: between collections the
 * heap only grows, so the peak is either the heap just before one of the stage's collections (from
 * the collectors' notifications, summed over the heap pools at that instant) or the heap at the
 * stage's end. (Summing each pool's own peak would overstate it: the pools peak at different times.)
 * Notifications arrive asynchronously, so a collection in the last milliseconds of a stage may be
 * counted in the next one.
 */
public final class StageMeter {

  /** One measured stage. rows = the input rows the stage processed (for rows per second per core). */
  public record Stage(String name, double wallSeconds, double cpuSeconds, long rows, double peakRssMb,
                      double peakHeapMb, boolean rssIsStagePeak) {

    /** Rows per wall-clock second per core of the machine. */
    public double rowsPerSecondPerCore(int cores) {
      return wallSeconds <= 0 ? 0 : rows / wallSeconds / cores;
    }
  }

  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final Path STATUS = Path.of("/proc/self/status");

  /** Largest heap in use just before a collection since the last {@link #measure} began. */
  private static final AtomicLong PEAK_HEAP_BYTES = new AtomicLong();
  private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

  static {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(StageMeter::onCollection,
            n -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
      }
    }
  }

  private StageMeter() {}

  private static void onCollection(Notification notification, Object handback) {
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long before = info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
        .filter(e -> HEAP_POOLS.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    PEAK_HEAP_BYTES.accumulateAndGet(before, Math::max);
  }

  private static long heapUsedBytes() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** A stage's result and its measurement. */
  public record Measured<T>(T value, Stage stage) {}

  public static <T> Measured<T> measure(String name, long rows, Callable<T> body) throws Exception {
    boolean reset = resetPeakRss();
    PEAK_HEAP_BYTES.set(heapUsedBytes());
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    T value = body.call();
    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    double heap = Math.max(PEAK_HEAP_BYTES.get(), heapUsedBytes()) / 1048576.0;
    return new Measured<>(value, new Stage(name, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, rows, peakRssMb(), heap, reset));
  }

  /** Rows of a stage whose row count is known only afterwards. */
  public static Stage withRows(Stage stage, long rows) {
    return new Stage(stage.name(), stage.wallSeconds(), stage.cpuSeconds(), rows, stage.peakRssMb(),
        stage.peakHeapMb(), stage.rssIsStagePeak());
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static boolean resetPeakRss() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** VmHWM in MiB, or -1 where /proc is not there. */
  static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
