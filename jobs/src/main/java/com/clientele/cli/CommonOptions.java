package com.clientele.cli;

import com.clientele.config.ClienteleConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every Spark-backed command shares. */
public final class CommonOptions {

  @Option(names = "--warehouse", paramLabel = "DIR|URI", defaultValue = "warehouse",
      description = "Warehouse root, a path or a Hadoop file system URI (hdfs://, s3a://, abfss://, gs://): "
          + "tables live at DIR/<layer>/<table> (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (HOCON) layered over the bundled defaults.")
  Path config;

  ClienteleConfig loadConfig() {
    return ClienteleConfig.load(Optional.ofNullable(config));
  }
}
