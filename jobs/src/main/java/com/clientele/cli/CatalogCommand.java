package com.clientele.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code clientele catalog ...}: the persistent SQL catalog (docs/bi.md). */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "The persistent SQL catalog of the warehouse's tables (docs/bi.md).",
    subcommands = {CatalogCommand.Register.class})
final class CatalogCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see --help)");
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
}
