package com.clientele.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {
        "Runs Spark SQL on the warehouse, prints TSV.",
        "The result is printed as TSV with a header row.",
        "Tables are addressed as bronze.<table>, silver.<table>, gold.<table>, the latest gold snapshots as",
        "gold.<table>_current: the persistent SQL catalog (clientele.catalog; docs/bi.md), brought in step",
        "with the warehouse first. The restricted personal-data table is not in it, and paths are refused.",
        "NULL prints as an empty field; tabs, newlines and backslashes in values are escaped (\\t \\n \\\\)."})
final class SqlCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", paramLabel = "QUERY",
      description = "e.g. \"SELECT count(*) FROM silver.transactions\"; several run in one session, their "
          + "results printed in order, separated by an empty line.")
  List<String> queries;

  @Override
  public Integer call() throws Exception {
    return SparkCommand.withCatalog(common.warehouse, common.loadConfig(), (warehouse, registration) -> {
      if (!registration.registered().isEmpty() || !registration.removed().isEmpty()) {
        System.err.println(registration.describe());
      }
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      for (int q = 0; q < queries.size(); q++) {
        if (q > 0) {
          out.println();
        }
        print(run(warehouse.spark(), queries.get(q)), out);
      }
      out.flush();
      return 0;
    });
  }

  private static Dataset<Row> run(org.apache.spark.sql.SparkSession spark, String query) throws Exception {
    try {
      return spark.sql(query);
    } catch (Exception e) {
      // Scala APIs throw AnalysisException / ParseException without declaring them.
      if (e instanceof org.apache.spark.sql.AnalysisException a) {
        throw new IllegalArgumentException("SQL error: " + a.getSimpleMessage());
      }
      throw e;
    }
  }

  private static void print(Dataset<Row> result, PrintStream out) {
    out.println(String.join("\t", result.columns()));
    Iterator<Row> rows = result.toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          line.append('\t');
        }
        line.append(tsv(row.get(i)));
      }
      out.println(line);
    }
  }

  static String tsv(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
