package com.clientele.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/** The machine and software a benchmark ran on. */
final class Machine {

  private Machine() {}

  static ObjectNode describe(SparkSession spark) throws Exception {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("cpu", cpuModel());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory_gb", Math.round(physicalMemoryBytes() / 1e9 * 10) / 10.0);
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("jvm_heap_max_gb", Math.round(Runtime.getRuntime().maxMemory() / 1e9 * 10) / 10.0);
    m.put("jvm_options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-X") && !a.startsWith("-XX:+ShowCodeDetails")).toList()));
    ObjectNode v = m.putObject("versions");
    v.put("spark", spark.version());
    v.put("delta", deltaVersion());
    v.put("duckdb", DuckDbPipeline.version());
    v.put("clientele", mavenVersion("com.clientele", "clientele-jobs"));
    // The commit the product jar was built from: the figures belong to that code, whatever the checkout
    // beside the jar holds now.
    v.put("clientele_commit", com.clientele.runtime.BuildInfo.current().describe());
    return m;
  }

  static long physicalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Delta's jar carries no Maven properties; its version is the Scala constant {@code io.delta.VERSION}. */
  private static String deltaVersion() {
    try {
      Class<?> pkg = Class.forName("io.delta.package$");
      Object module = pkg.getField("MODULE$").get(null);
      return String.valueOf(pkg.getMethod("VERSION").invoke(module));
    } catch (ReflectiveOperationException | LinkageError e) {
      return "unknown";
    }
  }

  private static String mavenVersion(String group, String artifact) {
    try (InputStream in = Machine.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
