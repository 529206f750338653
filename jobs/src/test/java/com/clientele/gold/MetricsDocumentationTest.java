package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/metrics.md and the code stay in step: every gold column (and every column of
 * silver.customer_state) is defined in its table's section and names the function that
 * computes it; every function named exists; every scheme, segment label and analytics setting is there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsDocumentationTest {

  static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_]+)`\\s*\\|(.*)\\|(.*)\\|\\s*$");
  static final Pattern FUNCTION = Pattern.compile("`([A-Z][A-Za-z]+)\\.([a-z][A-Za-z]+)`");

  String doc;
  Map<String, List<String>> sections;

  @BeforeAll
  void read() throws IOException {
    Path file = Stream.of(Path.of("docs/metrics.md"), Path.of("../docs/metrics.md"))
        .filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new AssertionError("docs/metrics.md not found"));
    doc = Files.readString(file);
    sections = new LinkedHashMap<>();
    String current = "";
    for (String line : doc.split("\n")) {
      if (line.startsWith("## ")) {
        current = line.substring(3).replace("`", "").trim();
      }
      sections.computeIfAbsent(current, k -> new ArrayList<>()).add(line);
    }
  }

  static List<Table> documentedTables() {
    List<Table> tables = new ArrayList<>(TableCatalog.inLayer(Layer.GOLD).toList());
    tables.add(TableCatalog.CUSTOMER_STATE);
    return tables;
  }

  @Test
  void everyGoldColumnIsDefinedInItsTablesSection() {
    List<String> problems = new ArrayList<>();
    for (Table table : documentedTables()) {
      List<String> lines = sections.get(table.qualifiedName());
      if (lines == null) {
        problems.add("no section '## `" + table.qualifiedName() + "`'");
        continue;
      }
      Set<String> documented = new TreeSet<>();
      for (String line : lines) {
        Matcher m = ROW.matcher(line);
        if (m.matches()) {
          documented.add(m.group(1));
          if (m.group(2).isBlank()) {
            problems.add(table.qualifiedName() + "." + m.group(1) + " has no definition");
          }
          if (!FUNCTION.matcher(m.group(3)).find()) {
            problems.add(table.qualifiedName() + "." + m.group(1) + " names no function");
          }
        }
      }
      Set<String> missing = new TreeSet<>(table.columnNames());
      missing.removeAll(documented);
      Set<String> extra = new TreeSet<>(documented);
      table.columnNames().forEach(extra::remove);
      if (!missing.isEmpty()) {
        problems.add(table.qualifiedName() + ": undocumented columns " + missing);
      }
      if (!extra.isEmpty()) {
        problems.add(table.qualifiedName() + ": documented columns that do not exist " + extra);
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void everyNamedFunctionExists() {
    Matcher m = FUNCTION.matcher(doc);
    List<String> problems = new ArrayList<>();
    int named = 0;
    while (m.find()) {
      named++;
      try {
        Class<?> type = Class.forName("com.clientele.gold." + m.group(1));
        boolean found = Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(m.group(2)::equals);
        if (!found) {
          problems.add(m.group(1) + "." + m.group(2) + " does not exist");
        }
      } catch (ClassNotFoundException e) {
        problems.add("no class com.clientele.gold." + m.group(1));
      }
    }
    assertTrue(named > 50);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void everySchemeAndSegmentLabelIsDefined() {
    String segments = String.join("\n", sections.get("Segments"));
    AnalyticsSettings defaults = AnalyticsSettings.defaults();
    List<String> labels = new ArrayList<>(List.of("potential", "new", "old", "current", "past", "upcoming", "none",
        "government", "enterprise", "individual", "group", "partner", "unknown", "key", "general", "scattered",
        "A", "B", "C", "quality", "declining", "growing", "poor", "other", "active", "at_risk", "churned", "won_back"));
    defaults.rfmSegments().forEach(r -> labels.add(r.name()));
    defaults.vipTiers().forEach(t -> labels.add(t.name()));
    for (String scheme : CustomerSegments.SCHEMES) {
      assertTrue(segments.contains("| `" + scheme + "` |"), "scheme " + scheme);
    }
    for (String label : labels) {
      assertTrue(segments.contains("`" + label + "`"), "segment label " + label);
    }
  }

  @Test
  void everyAnalyticsSettingIsDocumented() {
    Set<String> keys = ClienteleConfig.defaults().raw().getConfig("clientele.analytics").entrySet().stream()
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    String settings = String.join("\n", sections.get("Settings"));
    List<String> missing = keys.stream().filter(k -> !settings.contains("`" + k + "`")).toList();
    assertTrue(missing.isEmpty(), "undocumented settings " + missing);
  }
}
