package com.clientele.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code clientele} command line. Errors print one line ("error: ...") and exit with 2 for bad
 * arguments or missing inputs, 1 for failures while running; a stack trace only with
 * CLIENTELE_DEBUG=1.
 */
@Command(name = "clientele", mixinStandardHelpOptions = true, versionProvider = ClienteleCli.Version.class,
    description = "Customer-retention analytics on Spark and Delta Lake.",
    subcommands = {GenerateCommand.class, IngestCommand.class, BuildCommand.class, CheckCommand.class, MaintainCommand.class, LandingCommand.class,
        ReportCommand.class, SqlCommand.class, CatalogCommand.class, ServeSqlCommand.class, DemoCommand.class,
        ClvValidateCommand.class, ForgetCommand.class, CareCommand.class, CommandLine.HelpCommand.class})
public final class ClienteleCli implements Runnable {

  @picocli.CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** {@code clientele --version}: the release and the commit the jar was built from. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"clientele 0.1.0 (commit " + com.clientele.runtime.BuildInfo.current().describe() + ")"};
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ClienteleCli());
    cli.addSubcommand(benchCommand());
    cli.setParameterExceptionHandler((e, a) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("error: " + e.getMessage());
      err.println("try: clientele " + commandPath(e.getCommandLine()) + "--help");
      err.flush();
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      boolean usage = e instanceof IllegalArgumentException;
      String concurrent = concurrentModification(e);
      err.println("error: " + (concurrent != null ? concurrent : oneLine(e)));
      if (System.getenv("CLIENTELE_DEBUG") != null) {
        e.printStackTrace(err);
      }
      err.flush();
      return usage ? 2 : 1;
    });
    return cli.execute(args);
  }

  /**
   * The benchmark lives in its own module (bench/, with DuckDB), not in this jar: {@code bin/clientele
   * bench} puts its jar on the class path. Without it, {@code bench} says where it is.
   */
  private static Object benchCommand() {
    try {
      return Class.forName("com.clientele.bench.BenchCommand").getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      return new BenchNotInstalled();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the bench command", e);
    }
  }

  @Command(name = "bench", hidden = true, description = "The benchmark (bench/ module; run it with bin/clientele bench).")
  static final class BenchNotInstalled implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Unmatched
    java.util.List<String> ignored;

    @Override
    public Integer call() {
      throw new IllegalArgumentException("the benchmark is not in this jar: run it with bin/clientele bench "
          + "(it builds bench/target/clientele-bench.jar, which carries DuckDB)");
    }
  }

  private static String commandPath(CommandLine commandLine) {
    String path = "";
    for (CommandLine c = commandLine; c.getParent() != null; c = c.getParent()) {
      path = c.getCommandName() + " " + path;
    }
    return path;
  }

  /**
   * A Delta conflict (another process committed to the same table meanwhile: ConcurrentAppendException,
   * ConcurrentDeleteReadException, …) as one clear line, or null. The run lock keeps the commands from
   * overlapping; this remains for writers that do not take it (another tool, an embedding program).
   */
  static String concurrentModification(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().endsWith(".DeltaConcurrentModificationException")) {
          String first = oneLine(t);
          return "another run changed the warehouse at the same time (" + t.getClass().getSimpleName()
              + ": " + (first.length() > 200 ? first.substring(0, 200) + "…" : first) + "); this command's "
              + "conflicting write was not committed: run it again once the other run has finished";
        }
      }
    }
    return null;
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while ((root.getMessage() == null || root.getMessage().isBlank()) && root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
