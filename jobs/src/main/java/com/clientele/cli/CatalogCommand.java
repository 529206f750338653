package com.clientele.cli;

import com.clientele.catalog.DataDictionary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What the table catalog declares, without a warehouse or Spark. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "The table catalog: every table with its grain, key and column meanings.",
    subcommands = {CatalogCommand.Dictionary.class})
final class CatalogCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see --help)");
  }

  @Command(name = "dictionary", mixinStandardHelpOptions = true,
      description = {"Renders the data dictionary (Markdown) from the table catalog: every table's description,",
          "grain, key, partitioning, who may read it, and each column's type and meaning. Regenerate the",
          "checked-in copy with: " + DataDictionary.REGENERATE})
  static final class Dictionary implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE", description = "Write it to FILE (default: standard output).")
    Path out;

    @Override
    public Integer call() {
      if (out == null) {
        System.out.print(DataDictionary.render());
      } else {
        DataDictionary.write(out);
        System.out.println("wrote " + out);
      }
      return 0;
    }
  }
}
