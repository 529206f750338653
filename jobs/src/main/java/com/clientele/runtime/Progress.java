package com.clientele.runtime;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * What a long command is doing, on stderr: each stage announced as {@code [k/n] stage} with the rows
 * read and written so far (from Spark's task metrics) and the time elapsed. On a terminal the
 * current stage's line is refreshed every second; otherwise (logs, CI, Airflow) only one line per
 * stage is printed, so logs are not flooded. Jobs call {@link #stage}; outside a command (tests,
 * embedding programs) there is no current progress and the calls do nothing.
 */
public final class Progress implements AutoCloseable {

  private static volatile Progress current;

  private final String command;
  private final SparkSession spark;
  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private final AtomicLong rowsRead = new AtomicLong();
  private final AtomicLong rowsWritten = new AtomicLong();
  private final SparkListener listener;
  private final Thread ticker;
  private volatile int total;
  private volatile int done;
  private volatile String stage = "starting";

  private Progress(String command, SparkSession spark, PrintStream out, boolean terminal) {
    this.command = command;
    this.spark = spark;
    this.out = out;
    this.terminal = terminal;
    this.listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          rowsRead.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
          rowsWritten.addAndGet(end.taskMetrics().outputMetrics().recordsWritten());
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    if (terminal) {
      ticker = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(1000);
            print(false);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "clientele-progress");
      ticker.setDaemon(true);
      ticker.start();
    } else {
      ticker = null;
    }
  }

  /** Starts reporting for a command (stderr; refreshed in place when stderr is a terminal). */
  public static Progress begin(String command, SparkSession spark) {
    Progress progress = new Progress(command, spark, System.err, System.console() != null);
    current = progress;
    return progress;
  }

  /** Declares how many stages the current command's job has (so stages show as k of n). */
  public static void plan(int stages) {
    Progress p = current;
    if (p != null) {
      p.total = p.done + stages;
    }
  }

  /** Announces the next stage of the current command. */
  public static void stage(String name) {
    Progress p = current;
    if (p != null) {
      p.next(name);
    }
  }

  private synchronized void next(String name) {
    if (terminal) {
      print(true);
    }
    done++;
    total = Math.max(total, done);
    stage = name;
    if (!terminal) {
      print(true);
    }
  }

  private synchronized void print(boolean finished) {
    String line = String.format(Locale.ROOT, "%s [%d/%d] %s — %,d rows read, %,d written, %s",
        command, done, Math.max(total, done), stage, rowsRead.get(), rowsWritten.get(), elapsed());
    if (terminal) {
      out.print("\r\u001b[2K" + line + (finished ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  private String elapsed() {
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    return seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.interrupt();
    }
    if (terminal && done > 0) {
      print(true);
    }
    out.println(String.format(Locale.ROOT, "%s: done in %s (%,d rows read, %,d written)", command, elapsed(),
        rowsRead.get(), rowsWritten.get()));
    out.flush();
    spark.sparkContext().removeSparkListener(listener);
    if (current == this) {
      current = null;
    }
  }
}
