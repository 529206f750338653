package com.clientele.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The performance defaults yield to a deployment's own Spark settings; the rest are always ours. */
class SparkTuningDefaultsTest {

  private static final String FAST_MAP = "spark.sql.codegen.aggregate.map.twolevel.enabled";

  @Test
  void aDefaultAppliesWhereTheDeploymentSetNothing() {
    Map<String, String> defaults = SparkRuntime.tuningDefaults(new SparkConf(false));
    assertEquals("false", defaults.get(FAST_MAP));
    assertEquals("2000", defaults.get("spark.sql.codegen.cache.maxEntries"));
  }

  @Test
  void aSettingGivenBySparkSubmitOrASystemPropertyWins() {
    SparkConf given = new SparkConf(false).set(FAST_MAP, "true").set("spark.rdd.compress", "false");
    Map<String, String> defaults = SparkRuntime.tuningDefaults(given);
    assertFalse(defaults.containsKey(FAST_MAP));
    assertFalse(defaults.containsKey("spark.rdd.compress"));
    assertEquals("2000", defaults.get("spark.sql.codegen.cache.maxEntries"), "the others still apply");
  }

  @Test
  void theSettingsTheStoredValuesDependOnAreNotAmongTheOverridableOnes() {
    Map<String, String> defaults = SparkRuntime.tuningDefaults(new SparkConf(false));
    for (String required : new String[] {"spark.sql.session.timeZone", "spark.sql.ansi.enabled",
        "spark.sql.legacy.timeParserPolicy", "spark.sql.extensions"}) {
      assertFalse(defaults.containsKey(required), required);
    }
  }
}
