package com.clientele.quality;

import com.amazon.deequ.checks.CheckLevel;
import java.util.Locale;
import scala.Enumeration;

/** How bad a failed rule is: an error fails {@code clientele check} (and the pipeline), a warning is reported only. */
public enum Severity {
  ERROR, WARNING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  Enumeration.Value deequLevel() {
    return this == ERROR ? CheckLevel.Error() : CheckLevel.Warning();
  }
}
