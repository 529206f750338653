package com.clientele.cli;

import com.clientele.catalog.DataDictionary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clientele catalog ...}: the table catalog and the persistent SQL catalog (docs/bi.md). */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "The table catalog (every table with its grain, key and column meanings) and the persistent "
        + "SQL catalog that registers them by name (docs/bi.md).",
    subcommands = {CatalogCommand.Register.class, CatalogCommand.Dictionary.class})
final class CatalogCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see --help)");
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = {
          "Registers the warehouse's tables in the SQL catalog (clientele.catalog: an embedded Derby",
          "metastore under the warehouse, or an external Hive Metastore), with the catalog's comments, and",
          "the gold.<table>_current views. Never the restricted personal-data table. Idempotent; `sql` and",
          "`serve-sql` do the same when they start."})
  static final class Register implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      return SparkCommand.withCatalog(common.warehouse, common.loadConfig(), (warehouse, registration) -> {
        System.out.println(registration.describe());
        return 0;
      });
    }
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
