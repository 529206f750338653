package com.clientele.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI ({@code com.clientele.cli.ClienteleCli}) in a separate JVM on the test class path,
 * as a user or a scheduler would, with its own environment; stdout and stderr go to files.
 */
public final class ChildJvm {

  /** What a finished run left: its exit code and output. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }
  }

  private ChildJvm() {}

  /** The command line of a CLI run: java, the test class path, Spark's Java 17 flags, the arguments. */
  public static List<String> command(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-XX:+UseSerialGC");
    // The JIT's first tier only: these runs are short, and compiling less leaves the cores to Spark
    // (a cold ingest of a small day: 46 s / 85 s of CPU with the default JIT, 41 s / 65 s with this;
    // docs/benchmarks/NOTES.md). The quick-only JIT's default 48 MB code cache can fill during a
    // build: given room, as the DAG tests do.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:ReservedCodeCacheSize=256m");
    command.add("-Dfile.encoding=UTF-8");
    command.addAll(List.of(
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("com.clientele.cli.ClienteleCli");
    command.addAll(args);
    return command;
  }

  /** Runs the CLI to its end (at most 10 minutes) in {@code dir}, with {@code env} added to this environment. */
  public static Result run(Path dir, Map<String, String> env, List<String> jvmOptions, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args)).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("CLIENTELE_SECRET_KEY");
    builder.environment().put("CLIENTELE_SHUFFLE_PARTITIONS", "2");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the CLI did not finish in 10 minutes: " + args);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
