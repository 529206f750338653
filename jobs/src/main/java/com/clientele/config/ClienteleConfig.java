package com.clientele.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one configuration of a Clientele installation: the bundled defaults ({@code reference.conf})
 * with an optional user file layered on top. All thresholds and source definitions come from here.
 */
public final class ClienteleConfig implements Serializable {

  private final transient Config config;
  private final List<SourceDefinition> sources;
  private final Map<String, String> natureLabels;
  private final Map<String, String> interactionTypeLabels;
  private final Map<String, String> transactionTypeLabels;

  private ClienteleConfig(Config config) {
    this.config = config;
    this.natureLabels = labelMap(config, "clientele.ingest.nature-labels");
    this.interactionTypeLabels = labelMap(config, "clientele.ingest.interaction-type-labels");
    this.transactionTypeLabels = labelMap(config, "clientele.ingest.transaction-type-labels");
    this.sources = readSources(config);
  }

  /** The bundled defaults only. */
  public static ClienteleConfig defaults() {
    return load(Optional.empty());
  }

  /** The bundled defaults overridden by {@code file} when given. */
  public static ClienteleConfig load(Optional<Path> file) {
    Config base = ConfigFactory.defaultReference(ClienteleConfig.class.getClassLoader());
    Config merged = base;
    if (file.isPresent()) {
      Path path = file.get();
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("config file not found: " + path);
      }
      try {
        Config user = ConfigFactory.parseFile(path.toFile(),
            ConfigParseOptions.defaults().setAllowMissing(false));
        merged = user.withFallback(base);
      } catch (ConfigException e) {
        throw new IllegalArgumentException("config file " + path + " is invalid: " + e.getMessage(), e);
      }
    }
    try {
      return new ClienteleConfig(merged.resolve(ConfigResolveOptions.defaults()));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
  }

  /** The raw, resolved configuration (for settings read by later stages, e.g. segment thresholds). */
  public Config raw() {
    return config;
  }

  public String sparkMaster() {
    return config.getString("clientele.spark.master");
  }

  /** Spark's local scratch folder for {@code java -jar} runs; empty: Spark's default. */
  public Optional<String> sparkLocalDir() {
    String dir = config.getString("clientele.spark.local-dir");
    return dir.isBlank() ? Optional.empty() : Optional.of(dir);
  }

  /** Where reliable checkpoints go (a shared file system URI); empty: the warehouse's _clientele/checkpoints. */
  public Optional<String> checkpointDir() {
    String dir = config.getString("clientele.spark.checkpoint-dir");
    return dir.isBlank() ? Optional.empty() : Optional.of(dir);
  }

  /** How many days before its date a daily ingest looks for files that arrived late; 0: none. */
  public int lateFileDays() {
    return config.getInt("clientele.ingest.late-file-days");
  }

  /** The completion marker a landing day folder must hold before it is read; empty: none. */
  public String completionMarker() {
    return config.getString("clientele.ingest.completion-marker");
  }

  /** VACUUM's retention (clientele.maintenance.vacuum-retention-hours). */
  public double vacuumRetentionHours() {
    return config.getDouble("clientele.maintenance.vacuum-retention-hours");
  }

  /** Days of daily gold snapshots kept before only month-ends remain; 0 keeps all. */
  public int dailySnapshotDays() {
    return config.getInt("clientele.maintenance.daily-snapshot-days");
  }

  public int shufflePartitions() {
    return config.getInt("clientele.spark.shuffle-partitions");
  }

  /** Bytes below which a join side is broadcast (spark.sql.autoBroadcastJoinThreshold). */
  public long broadcastJoinThresholdBytes() {
    return config.getBytes("clientele.spark.broadcast-join-threshold");
  }

  /** An external Hive Metastore URI for the SQL catalog; empty: the embedded Derby metastore. */
  public Optional<String> metastoreUri() {
    String uri = config.getString("clientele.catalog.metastore-uri");
    return uri.isBlank() ? Optional.empty() : Optional.of(uri);
  }

  /** The embedded metastore's folder; empty: the warehouse's _clientele/metastore. */
  public Optional<String> metastoreDir() {
    String dir = config.getString("clientele.catalog.derby-dir");
    return dir.isBlank() ? Optional.empty() : Optional.of(dir);
  }

  /** The serve-sql settings (port, bind, spark-home, driver-memory, hive-settings). */
  public Config serveSql() {
    return config.getConfig("clientele.serve-sql");
  }

  /** HiveServer2 settings given as they are (clientele.serve-sql.hive-settings). */
  public Map<String, String> hiveServerSettings() {
    Map<String, String> out = new java.util.TreeMap<>();
    Config section = config.getConfig("clientele.serve-sql.hive-settings");
    section.entrySet().forEach(e -> out.put(com.typesafe.config.ConfigUtil.splitPath(e.getKey()).stream()
        .collect(java.util.stream.Collectors.joining(".")), e.getValue().unwrapped().toString()));
    return out;
  }

  public String secretKeyEnv() {
    return config.getString("clientele.privacy.key-env");
  }

  public Optional<Path> secretKeyFile() {
    String file = config.getString("clientele.privacy.key-file");
    return file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
  }

  public List<SourceDefinition> sources() {
    return sources;
  }

  public Map<String, String> natureLabels() {
    return natureLabels;
  }

  public Map<String, String> interactionTypeLabels() {
    return interactionTypeLabels;
  }

  public Map<String, String> transactionTypeLabels() {
    return transactionTypeLabels;
  }

  private static Map<String, String> labelMap(Config config, String path) {
    Map<String, String> labels = new LinkedHashMap<>();
    Config section = config.getConfig(path);
    section.root().keySet().stream().sorted().forEach(key ->
        labels.put(key.trim().toLowerCase(Locale.ROOT),
            section.getString(com.typesafe.config.ConfigUtil.quoteString(key))));
    return Map.copyOf(labels);
  }

  private static List<SourceDefinition> readSources(Config config) {
    Config defaults = config.getConfig("clientele.source-defaults");
    List<String> dateFormats = config.getStringList("clientele.ingest.date-formats");
    List<String> timestampFormats = config.getStringList("clientele.ingest.timestamp-formats");
    List<SourceDefinition> result = new ArrayList<>();
    for (Config raw : config.getConfigList("clientele.sources")) {
      Config source = raw.withFallback(defaults);
      String name = required(source, "name", "(unnamed source)");
      ExportKind kind = ExportKind.fromLabel(required(source, "kind", name));
      Map<String, String> headers = new LinkedHashMap<>();
      Config columns = source.getConfig("columns");
      for (String key : columns.root().keySet()) {
        if (!kind.columns().contains(key)) {
          throw new IllegalArgumentException("source '" + name + "': '" + key
              + "' is not a canonical " + kind.label() + " column " + kind.columns());
        }
      }
      for (String column : kind.columns()) {
        String header = columns.hasPath(column) ? columns.getString(column) : column;
        headers.put(column, SourceDefinition.normaliseHeader(header));
      }
      String delimiter = source.getString("delimiter");
      if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
        delimiter = "\t";
      }
      if (delimiter.length() != 1) {
        throw new IllegalArgumentException("source '" + name + "': delimiter must be one character");
      }
      result.add(new SourceDefinition(
          name,
          kind,
          source.hasPath("folder") ? source.getString("folder") : name,
          source.hasPath("files") ? source.getString("files") : "*",
          source.getString("format"),
          source.getString("encoding"),
          delimiter.charAt(0),
          source.getBoolean("has-record-id"),
          source.getBoolean("registers-customers"),
          source.hasPath("date-formats") ? source.getStringList("date-formats") : dateFormats,
          source.hasPath("timestamp-formats") ? source.getStringList("timestamp-formats") : timestampFormats,
          headers));
    }
    long distinctNames = result.stream().map(SourceDefinition::name).distinct().count();
    if (distinctNames != result.size()) {
      throw new IllegalArgumentException("source names must be unique");
    }
    return List.copyOf(result);
  }

  private static String required(Config source, String key, String name) {
    if (!source.hasPath(key) || source.getString(key).isBlank()) {
      throw new IllegalArgumentException("source " + name + " has no '" + key + "'");
    }
    return source.getString(key);
  }
}
