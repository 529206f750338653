package com.clientele.gold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the DuckDB SQL of tests kept under src/test/resources/gold/duckdb. */
final class GoldSql {

  private GoldSql() {}

  static String read(String resource) {
    try (InputStream in = GoldSql.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
