package com.clientele.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Measures one stage of a run: wall time, CPU time of the whole process (every JVM thread — Spark's
 * executor threads, GC, JIT — and DuckDB's native threads, since both run in this process), peak
 * resident memory and peak Java heap in use.
 *
 * <p>Peak resident memory is the kernel's high-water mark (VmHWM of /proc/self/status), reset at
 * the start of the stage by writing 5 to /proc/self/clear_refs; where that reset is refused the
 * figure is the process's peak so far, and {@link Stage#rssIsStagePeak} says so. Peak heap is the
 * sum of the heap pools' peak usage, reset likewise.
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

  private StageMeter() {}

  /** A stage's result and its measurement. */
  public record Measured<T>(T value, Stage stage) {}

  public static <T> Measured<T> measure(String name, long rows, Callable<T> body) throws Exception {
    boolean reset = resetPeakRss();
    ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    T value = body.call();
    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    double heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getPeakUsage() != null)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
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
