package com.clientele.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The build records the commit it was built from, and {@link BuildInfo} reads it back. */
class BuildInfoTest {

  @Test
  void theBuildRecordsTheCheckoutsCommit() throws Exception {
    BuildInfo build = BuildInfo.current();
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve(".git"))) {
      root = root.getParent();
    }
    if (root == null) {
      // A build from a source archive: nothing recorded, and it says so.
      assertEquals(BuildInfo.UNKNOWN, build);
      return;
    }
    // git itself, independently of the plugin's JGit.
    Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(git.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, git.exitValue(), head);
    assertEquals(head, build.fullCommit());
    assertTrue(head.startsWith(build.commit()), build.commit());
    assertTrue(build.describe().equals(build.commit()) || build.describe().equals(build.commit() + "-dirty"),
        build.describe());
    assertFalse(build.commitTime().isEmpty());
  }

  @Test
  void describesCleanDirtyAndUnknownBuilds() {
    Properties p = new Properties();
    p.setProperty("git.commit.id.abbrev", "734bcd7");
    p.setProperty("git.commit.id", "734bcd7f00");
    p.setProperty("git.dirty", "false");
    assertEquals("734bcd7", BuildInfo.of(p).describe());
    p.setProperty("git.dirty", "true");
    assertEquals("734bcd7-dirty", BuildInfo.of(p).describe());
    assertEquals("734bcd7f00", BuildInfo.of(p).fullCommit());
    assertEquals("unknown", BuildInfo.of(new Properties()).describe());
  }
}
