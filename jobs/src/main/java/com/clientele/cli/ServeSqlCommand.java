package com.clientele.cli;

import com.clientele.config.ClienteleConfig;
import com.clientele.runtime.ReadOnlySql;
import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SQLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code clientele serve-sql}: the Spark Thrift Server (HiveServer2 protocol, what BI tools' Spark SQL
 * and Hive connectors speak) over the persistent SQL catalog.
 *
 * <p>The Thrift Server is part of a Spark distribution, not of Maven Central's artifacts, so this
 * command runs in two steps: started from the application jar ({@code java -jar}), it checks the
 * port and re-launches itself with the distribution's {@code spark-submit} and the cluster jar; under
 * a {@code spark-submit} whose distribution has the Thrift Server it registers the catalog and starts
 * the server in its own session ({@code HiveThriftServer2.startWithContext}), then serves until
 * stopped (Ctrl-C / SIGTERM).
 */
@Command(name = "serve-sql", mixinStandardHelpOptions = true,
    description = {
        "Serves the warehouse's SQL catalog over JDBC/ODBC (Spark Thrift Server, HiveServer2 protocol) until",
        "stopped. Local connections only by default; set authentication and TLS (clientele.serve-sql.hive-settings)",
        "before binding another address. Needs a Spark distribution with the Thrift Server: SPARK_HOME, else the",
        "one dags/setup-venv.sh installs. docs/bi.md has the connection strings."})
final class ServeSqlCommand implements Callable<Integer> {

  static final String THRIFT_SERVER = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2";

  @Mixin CommonOptions common;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: clientele.serve-sql.port, 10000).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS",
      description = "Address to listen on (default: clientele.serve-sql.bind, 127.0.0.1).")
  String bind;

  @Override
  public Integer call() throws Exception {
    ClienteleConfig config = common.loadConfig();
    Config settings = config.serveSql();
    int thePort = port != null ? port : settings.getInt("port");
    String theBind = bind != null ? bind : settings.getString("bind");
    if (thePort < 1 || thePort > 65535) {
      throw new IllegalArgumentException("--port must be between 1 and 65535, not " + thePort);
    }
    ensureFree(theBind, thePort);
    if (!hasThriftServer()) {
      return relaunch(config, settings, theBind, thePort);
    }
    return serve(config, theBind, thePort);
  }

  /** Under spark-submit: register the catalog, start the server, serve until the JVM is stopped. */
  private Integer serve(ClienteleConfig config, String theBind, int thePort) throws Exception {
    return SparkCommand.withCatalog(common.warehouse, config, true, (warehouse, registration) -> {
      System.err.println(registration.describe());
      // Registered: from now on the server's sessions may read, never change (docs/bi.md).
      ReadOnlySql.enforce();
      var spark = warehouse.spark();
      // The server builds its HiveConf from the Spark properties it was started with: settings that
      // are not among them would be silently ignored (an LDAP setting among them), so refuse to start.
      List<String> missing = hiveSettings(config, theBind, thePort).entrySet().stream()
          .filter(e -> !e.getValue().equals(spark.sparkContext().getConf().get("spark.hadoop." + e.getKey(), null)))
          .map(Map.Entry::getKey).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("the SQL server was started without " + missing + " among its Spark "
            + "properties (spark.hadoop.<setting>): start it with `clientele serve-sql` (java -jar), which passes "
            + "them, or give them to spark-submit as --conf spark.hadoop.<setting>=<value>");
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-sql-stop"));
      Class.forName(THRIFT_SERVER).getMethod("startWithContext", SQLContext.class).invoke(null, spark.sqlContext());
      awaitListening(theBind, thePort);
      System.out.println("serve-sql: listening on jdbc:hive2://" + theBind + ":" + thePort + "/default"
          + " (warehouse " + warehouse.root() + "; Ctrl-C to stop)");
      System.out.flush();
      stopped.await();
      return 0;
    });
  }

  /** From the application jar: the same command under the distribution's spark-submit. */
  private Integer relaunch(ClienteleConfig config, Config settings, String theBind, int thePort) throws Exception {
    Path sparkHome = sparkHome(settings);
    Path clusterJar = clusterJar();
    List<String> command = new ArrayList<>(List.of(sparkHome.resolve("bin").resolve("spark-submit").toString(),
        "--master", config.sparkMaster(), "--driver-memory", settings.getString("driver-memory"),
        "--name", "clientele-serve-sql", "--class", ClienteleCli.class.getName(),
        // The distribution's log4j settings would print every query's plan at INFO.
        "--conf", "spark.ui.enabled=false",
        // On the JVM's own class path, not only spark-submit's class loader: closing a client session
        // makes Hive close the URL class loaders of the session's chain, after which that loader can
        // no longer read class files and Spark's closure cleaner fails on the next query.
        "--driver-class-path", clusterJar.toString()));
    // The HiveServer2 settings reach the server only as spark.hadoop.* Spark properties given at
    // start. They may hold passwords, so they go in a properties file only this user can read
    // (deleted on exit), never on a command line.
    Map<String, String> hive = hiveSettings(config, theBind, thePort);
    Path properties = Files.createTempFile("clientele-serve-sql", ".properties",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    properties.toFile().deleteOnExit();
    java.util.Properties props = new java.util.Properties();
    hive.forEach((k, v) -> props.setProperty("spark.hadoop." + k, v));
    try (var out = Files.newOutputStream(properties)) {
      props.store(out, "clientele serve-sql: HiveServer2 settings");
    }
    command.addAll(List.of("--properties-file", properties.toString()));
    command.addAll(List.of(clusterJar.toString(), "serve-sql", "--warehouse", common.warehouse, "--port", String.valueOf(thePort),
        "--bind", theBind));
    if (common.config != null) {
      command.add("--config");
      command.add(common.config.toAbsolutePath().toString());
    }
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    if (System.getenv("SPARK_CONF_DIR") == null) {
      // This application's log settings (warnings only) instead of the distribution's INFO defaults.
      Path conf = Files.createTempDirectory("clientele-serve-sql-conf");
      try (var in = ServeSqlCommand.class.getResourceAsStream("/log4j2.properties")) {
        Files.copy(in, conf.resolve("log4j2.properties"));
      }
      conf.resolve("log4j2.properties").toFile().deleteOnExit();
      conf.toFile().deleteOnExit();
      builder.environment().put("SPARK_CONF_DIR", conf.toString());
    }
    Process server = builder.start();
    Thread stop = new Thread(() -> {
      server.destroy();
      try {
        server.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "serve-sql-relay-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    int status = server.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping: the hook stops the server.
    }
    return status;
  }

  /** The HiveServer2 settings: the configured ones, and where to listen. */
  private static Map<String, String> hiveSettings(ClienteleConfig config, String bind, int port) {
    Map<String, String> hive = new java.util.TreeMap<>(config.hiveServerSettings());
    hive.put("hive.server2.thrift.port", String.valueOf(port));
    hive.put("hive.server2.thrift.bind.host", bind);
    hive.putIfAbsent("hive.server2.transport.mode", "binary");
    return hive;
  }

  static boolean hasThriftServer() {
    try {
      Class.forName(THRIFT_SERVER, false, ServeSqlCommand.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A clear error when something already listens there (the server itself would fail later, less clearly). */
  static void ensureFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
          + "): the port is taken (another serve-sql or HiveServer2?) or the address is not this machine's; "
          + "choose another with --port / --bind");
    }
  }

  private static void awaitListening(String host, int port) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the SQL server did not start listening on " + host + ":" + port + " within 120 s");
  }

  private static Path sparkHome(Config settings) {
    String configured = settings.getString("spark-home");
    List<Path> candidates = new ArrayList<>();
    if (!configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    Optional.ofNullable(System.getenv("CLIENTELE_HOME"))
        .ifPresent(home -> candidates.add(Path.of(home, "dags", ".venv", "spark", "pyspark")));
    for (Path home : candidates) {
      Path jars = home.resolve("jars");
      if (Files.isDirectory(jars) && Files.isExecutable(home.resolve("bin").resolve("spark-submit"))) {
        try (var files = Files.list(jars)) {
          if (files.anyMatch(f -> f.getFileName().toString().startsWith("spark-hive-thriftserver_"))) {
            return home;
          }
        } catch (IOException e) {
          throw new IllegalStateException("cannot list " + jars + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the Spark distribution " + home + " has no Thrift Server "
            + "(jars/spark-hive-thriftserver_2.12-*.jar): use one that does, e.g. the pyspark distribution "
            + "dags/setup-venv.sh installs");
      }
    }
    throw new IllegalArgumentException("no Spark distribution found (tried " + candidates + "): set SPARK_HOME "
        + "or clientele.serve-sql.spark-home, or run dags/setup-venv.sh (it installs one in dags/.venv/spark/pyspark)");
  }

  /** The cluster jar (application without Spark) beside this jar, or CLIENTELE_JAR. */
  private static Path clusterJar() throws Exception {
    String env = System.getenv("CLIENTELE_JAR");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    File self = new File(ServeSqlCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path beside = self.toPath().toAbsolutePath().getParent().resolve("clientele-spark.jar");
    if (!Files.isRegularFile(beside)) {
      throw new IllegalArgumentException("the cluster jar " + beside + " is missing: build it (./mvnw package) "
          + "or set CLIENTELE_JAR");
    }
    return beside;
  }
}
