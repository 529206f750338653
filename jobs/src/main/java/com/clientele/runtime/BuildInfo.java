package com.clientele.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The commit this code was built from, as the build recorded it ({@code clientele-build.properties},
 * written by the git-commit-id Maven plugin): what a benchmark result or a run's log names, so that a
 * figure can always be traced to the code that produced it — including a jar older than the checkout
 * beside it, or one built from a tree with uncommitted changes ({@code -dirty}).
 */
public record BuildInfo(String commit, String fullCommit, String commitTime, boolean dirty) {

  static final String RESOURCE = "clientele-build.properties";

  /** What is known when the build recorded nothing (a build outside a git checkout). */
  public static final BuildInfo UNKNOWN = new BuildInfo("unknown", "", "", false);

  /** The build's record, from this class's own jar (or classes directory). */
  public static BuildInfo current() {
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      return of(p);
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  /** The record the properties hold ({@link #UNKNOWN} without a commit id). */
  static BuildInfo of(Properties p) {
    String commit = p.getProperty("git.commit.id.abbrev", "").strip();
    if (commit.isEmpty()) {
      return UNKNOWN;
    }
    return new BuildInfo(commit, p.getProperty("git.commit.id", "").strip(), p.getProperty("git.commit.time", "").strip(),
        Boolean.parseBoolean(p.getProperty("git.dirty", "false").strip()));
  }

  /** The commit, with "-dirty" when the tree had uncommitted changes: {@code 734bcd7}, {@code 734bcd7-dirty}. */
  public String describe() {
    return dirty ? commit + "-dirty" : commit;
  }
}
