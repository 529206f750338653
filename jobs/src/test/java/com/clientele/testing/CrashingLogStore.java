package com.clientele.testing;

import com.clientele.runtime.CrashPoints;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Delta's default log store for local files, with crash points around every commit: a child JVM
 * started with {@code -Dspark.delta.logStore.file.impl=com.clientele.testing.CrashingLogStore} and
 * {@code CLIENTELE_TEST_CRASH_AT=before-commit:<layer>/<table>#<n>} stops just before its n-th commit
 * to that table in this process (the write's data files are written, its commit is not: a crash
 * "during" the write), or with {@code after-commit:…} just after it. Test only.
 */
public final class CrashingLogStore extends io.delta.storage.HDFSLogStore {

  private static final Map<String, AtomicInteger> COMMITS = new ConcurrentHashMap<>();

  public CrashingLogStore(Configuration conf) {
    super(conf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
    String table = table(path);
    if (table == null) {
      super.write(path, actions, overwrite, conf);
      return;
    }
    int n = COMMITS.computeIfAbsent(table, t -> new AtomicInteger()).incrementAndGet();
    CrashPoints.reach("before-commit:" + table + "#" + n);
    super.write(path, actions, overwrite, conf);
    CrashPoints.reach("after-commit:" + table + "#" + n);
  }

  /** {@code <layer>/<table>} of a commit file {@code …/<layer>/<table>/_delta_log/<version>.json}, else null. */
  static String table(Path path) {
    if (!path.getName().matches("\\d{20}\\.json")) {
      return null;
    }
    Path log = path.getParent();
    if (log == null || !log.getName().equals("_delta_log") || log.getParent() == null
        || log.getParent().getParent() == null) {
      return null;
    }
    return log.getParent().getParent().getName() + "/" + log.getParent().getName();
  }
}
