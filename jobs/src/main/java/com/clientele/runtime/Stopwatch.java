package com.clientele.runtime;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Logs how long each stage of a run took (to the log only: durations are never stored). */
public final class Stopwatch {

  private static final Logger LOG = LogManager.getLogger(Stopwatch.class);
  private final String run;
  private long last = System.nanoTime();

  public Stopwatch(String run) {
    this.run = run;
  }

  /** The run this stopwatch times. */
  public String run() {
    return run;
  }

  public void lap(String stage) {
    long now = System.nanoTime();
    LOG.info("{} {}: {} ms", run, stage, (now - last) / 1_000_000);
    last = now;
  }
}
