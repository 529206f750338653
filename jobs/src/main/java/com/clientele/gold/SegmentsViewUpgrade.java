package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Upgrades a warehouse of the release that stored gold.customer_segments, before gold.customer_profile
 * carried the four inputs the view reads (profit_index, growth_rate, days_since_last_enquiry,
 * days_since_win_back). The profile gets those columns, and its earlier snapshots get their values
 * from the stored copy's inputs (the same values, written by the same build). Only then is the stored
 * copy deleted, so no snapshot loses an input the copy held. Run by the gold build and by an erasure
 * (before the keys are rewritten: the copy holds the original keys), whichever comes first; once the
 * copy is gone it does nothing.
 */
public final class SegmentsViewUpgrade {

  private static final Logger LOG = LogManager.getLogger(SegmentsViewUpgrade.class);

  private SegmentsViewUpgrade() {}

  /** Each profile input the view reads: the scheme whose stored inputs hold it, and its type. */
  private record Input(String column, String scheme, String type) {}

  private static final List<Input> INPUTS = List.of(new Input("profit_index", CustomerSegments.QUALITY, "double"),
      new Input("growth_rate", CustomerSegments.QUALITY, "double"),
      new Input("days_since_last_enquiry", CustomerSegments.TRADING_STAGE, "int"),
      new Input("days_since_win_back", CustomerSegments.LIFECYCLE, "int"));

  /** Upgrades the warehouse if it holds the stored copy; otherwise does nothing. */
  public static void run(Warehouse warehouse) {
    Table segments = TableCatalog.CUSTOMER_SEGMENTS;
    Table profile = TableCatalog.CUSTOMER_PROFILE;
    if (warehouse.hasStoredCopy(segments) && warehouse.exists(profile)) {
      warehouse.addMissingColumns(profile);
      List<String> schemes = INPUTS.stream().map(Input::scheme).distinct().toList();
      Column[] values = INPUTS.stream()
          .map(i -> max(when(col("scheme").equalTo(i.scheme()), element_at(col("inputs"), lit(i.column()))))
              .cast(i.type()).as(i.column()))
          .toArray(Column[]::new);
      Dataset<Row> stored = warehouse.spark().read().format("delta").load(warehouse.pathOf(segments))
          .where(col("scheme").isin(schemes.toArray()))
          .groupBy("as_of_date", "customer_key")
          .agg(values[0], java.util.Arrays.copyOfRange(values, 1, values.length));
      Map<String, String> set = new LinkedHashMap<>();
      INPUTS.forEach(i -> set.put(i.column(), "s." + i.column()));
      String unset = INPUTS.stream().map(i -> "t." + i.column() + " IS NULL").collect(Collectors.joining(" AND "));
      // Only rows a build of this release has not written (all four still null).
      warehouse.delta(profile).as("t")
          .merge(stored.as("s"), "t.as_of_date = s.as_of_date AND t.customer_key = s.customer_key")
          .whenMatched(unset).updateExpr(set)
          .execute();
      LOG.info("{}: the earlier snapshots' {} copied from the stored {} before it goes", profile.qualifiedName(),
          INPUTS.stream().map(Input::column).toList(), segments.qualifiedName());
    }
    for (Table table : warehouse.dropStoredViews()) {
      LOG.info("{} is now a view over {}: its stored copy was deleted", table.qualifiedName(),
          table.view().reads().stream().map(Table::qualifiedName).toList());
    }
  }
}
