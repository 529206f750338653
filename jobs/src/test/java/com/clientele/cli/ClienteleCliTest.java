package com.clientele.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: help everywhere, one clear line and exit code 2 for bad input. */
class ClienteleCliTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ClienteleCli.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"generate", "ingest", "build", "check", "report", "sql", "demo"})
  void everySubcommandHasHelp(String command) {
    Run r = run(command, "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("Usage: clientele " + command), r.out());
  }

  @Test
  void buildsHelpNamesEveryGoldTableItWrites() {
    String help = run("build", "--help").out().replaceAll("\\s+", " ");
    for (var table : com.clientele.gold.GoldTables.TABLES) {
      assertTrue(help.matches("(?s).*\\b" + table.name() + "\\b.*"), table.name() + " missing from: " + help);
    }
  }

  @Test
  void versionNamesTheCommitTheJarWasBuiltFrom() {
    Run r = run("--version");
    assertEquals(0, r.code());
    assertEquals("clientele 0.1.0 (commit " + com.clientele.runtime.BuildInfo.current().describe() + ")", r.out().strip());
  }

  @Test
  void buildNeedsAnAsOfDate() {
    Run r = run("build");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: Missing required option: '--as-of=YYYY-MM-DD'"), r.err());
  }

  @Test
  void anUnknownOptionIsOneLineAndExitCode2() {
    Run r = run("ingest", "--landing", "x", "--date", "2026-01-01", "--frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: Unknown option: '--frobnicate'"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void maintainNamesTheTablesItKnowsForAnUnknownOne(@TempDir Path tmp) {
    Run r = run("maintain", "--table", "silver.nope", "--warehouse", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: unknown table silver.nope") && r.err().contains("silver.transactions"),
        r.err());
  }

  @Test
  void ingestNeedsADateOrAll() {
    Run r = run("ingest", "--landing", "x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--date") && r.err().contains("--all"), r.err());
  }

  @Test
  void aBadDateIsOneLine() {
    Run r = run("ingest", "--landing", "x", "--date", "2026-02-30");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: Invalid value for option '--date'"), r.err());
  }

  @Test
  void aMissingLandingFolderIsOneLine(@TempDir Path tmp) {
    Run r = run("ingest", "--landing", tmp.resolve("nope").toString(), "--all", "--warehouse", tmp.resolve("w").toString());
    assertEquals(2, r.code());
    assertEquals("error: landing folder not found: " + tmp.resolve("nope"), r.err().strip());
  }

  @Test
  void aMissingSecretIsOneLine(@TempDir Path tmp) {
    Run r = run("ingest", "--landing", tmp.toString(), "--all", "--config", writeConfig(tmp,
        "clientele.privacy.key-env = CLIENTELE_TEST_UNSET_VARIABLE"));
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: no secret key: set the environment variable CLIENTELE_TEST_UNSET_VARIABLE"), r.err());
  }

  @Test
  void aMissingConfigFileIsOneLine(@TempDir Path tmp) {
    Run r = run("ingest", "--landing", tmp.toString(), "--all", "--config", tmp.resolve("none.conf").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: config file not found"), r.err());
  }

  @Test
  void generatorSettingsAreValidated(@TempDir Path tmp) {
    Run r = run("generate", "--out", tmp.toString(), "--customers", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: ") && r.err().contains("customers"), r.err());
  }

  @Test
  void countsAcceptSuffixes() {
    GenerateCommand.CountConverter c = new GenerateCommand.CountConverter();
    assertEquals(10_000_000L, c.convert("10M"));
    assertEquals(1_500L, c.convert("1.5k"));
    assertEquals(3_000L, c.convert("3000"));
  }

  @Test
  void tsvEscapesTabsNewlinesAndPrintsNullAsEmpty() {
    assertEquals("a\\tb\\nc\\\\d", SqlCommand.tsv("a\tb\nc\\d"));
    assertEquals("", SqlCommand.tsv(null));
    assertEquals("1250.50", SqlCommand.tsv(new java.math.BigDecimal("1250.50")));
  }

  private static String writeConfig(Path dir, String content) {
    try {
      Path file = dir.resolve("test.conf");
      java.nio.file.Files.writeString(file, content);
      return file.toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
