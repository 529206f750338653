package com.clientele.report;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/** Collects (small) frames into plain maps keyed by column name: dates as LocalDate, timestamps as LocalDateTime. */
final class GoldRows {

  private GoldRows() {}

  static List<Map<String, Object>> collect(Dataset<Row> frame) {
    StructField[] fields = frame.schema().fields();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row row : frame.collectAsList()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < fields.length; i++) {
        map.put(fields[i].name(), plain(row.get(i)));
      }
      out.add(map);
    }
    return out;
  }

  static Object plain(Object value) {
    if (value instanceof Date d) {
      return d.toLocalDate();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (value instanceof Instant i) {
      return i.atOffset(ZoneOffset.UTC).toLocalDateTime();
    }
    return value;
  }
}
