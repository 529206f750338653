package com.clientele.runtime;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

/**
 * The persistent SQL catalog: the warehouse's tables registered by name in a Hive metastore
 * ({@link SparkRuntime#startWithCatalog}), so any client of {@code clientele sql} or of the SQL server
 * finds {@code bronze.x}, {@code silver.x}, {@code gold.x} without registering anything itself.
 *
 * <ul>
 *   <li>Every table of {@link TableCatalog} that exists in the warehouse is registered as an external
 *       Delta table on its folder, with the catalog's description as the table comment (the column
 *       comments come from the Delta schema). Dropping a name never touches the data.</li>
 *   <li>A table published as a view ({@link Table#isView}, e.g. gold.customer_segments) is registered
 *       as that view, by its Spark text over the stored tables' names.</li>
 *   <li>Restricted tables (the personal data) are never registered, and a registration found for one
 *       is removed.</li>
 *   <li>Every gold snapshot table (partitioned by {@code as_of_date}) gets a view
 *       {@code gold.<table>_current}: its rows of the latest as-of date, so a dashboard needs no date
 *       filter. The view reads the table when queried, so it follows every new build.</li>
 * </ul>
 * Registering is idempotent: names already registered for the same folder, comment and columns are
 * kept as they are (nothing is dropped and re-created), so a second run changes nothing.
 */
public final class SqlCatalog {

  /** The suffix of the latest-snapshot views. */
  public static final String CURRENT = "_current";

  private final Warehouse warehouse;

  public SqlCatalog(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** What a registration did. */
  public record Registration(List<String> registered, List<String> unchanged, List<String> removed) {
    public String describe() {
      return String.format(Locale.ROOT, "SQL catalog: %d registered, %d already registered, %d removed%s",
          registered.size(), unchanged.size(), removed.size(),
          registered.isEmpty() ? "" : " (" + String.join(", ", registered) + ")");
    }
  }

  /** The tables and views this warehouse exposes, as they should be registered. */
  public static List<Table> exposed() {
    return TableCatalog.all().stream().filter(t -> !t.restricted()).toList();
  }

  /** Whether the table is a gold snapshot table (one snapshot per as_of_date): it gets a current view. */
  public static boolean isSnapshot(Table table) {
    return table.layer() == Layer.GOLD && table.partitionColumns().equals(List.of("as_of_date"));
  }

  /** The name of the table's latest-snapshot view, e.g. {@code gold.customer_profile_current}. */
  public static String currentView(Table table) {
    return table.qualifiedName() + CURRENT;
  }

  /** Brings the metastore in step with the warehouse (see the class comment). */
  public Registration register() {
    SparkSession spark = warehouse.spark();
    SessionCatalog catalog = spark.sessionState().catalog();
    List<String> registered = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      if (!catalog.databaseExists(layer.label())) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.label() + " COMMENT " + literal(describe(layer)));
      }
    }
    // The stored tables first: a view reads them by name.
    List<Table> ordered = TableCatalog.all().stream().sorted(java.util.Comparator.comparing(Table::isView)).toList();
    for (Table table : ordered) {
      TableIdentifier id = identifier(table.layer().label(), table.name());
      boolean known = catalog.tableExists(id);
      if (table.restricted() || !warehouse.exists(table)) {
        // A restricted table is never reachable by name; a name whose folder is gone would only fail.
        if (known) {
          boolean view = isView(metadata(catalog, id));
          spark.sql((view ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + table.qualifiedName());
          removed.add(table.qualifiedName());
        }
        dropView(table, catalog, removed);
        continue;
      }
      if (table.isView()) {
        registerPublishedView(table, catalog, id, registered, unchanged);
        registerView(table, catalog, registered, unchanged);
        continue;
      }
      String location = warehouse.pathOf(table);
      if (known && sameTable(metadata(catalog, id), location, table.description())) {
        unchanged.add(table.qualifiedName());
      } else {
        if (known) {
          spark.sql("DROP TABLE " + table.qualifiedName());
        }
        spark.sql("CREATE TABLE " + table.qualifiedName() + " USING delta LOCATION " + literal(location)
            + " COMMENT " + literal(table.description()));
        registered.add(table.qualifiedName());
      }
      if (isSnapshot(table)) {
        registerView(table, catalog, registered, unchanged);
      }
    }
    return new Registration(List.copyOf(registered), List.copyOf(unchanged), List.copyOf(removed));
  }

  /**
   * A table published as a view ({@link Table#isView}): registered by its Spark text over the stored
   * tables' names, with the catalog's description and column comments; a table of that name (an
   * earlier release stored one) is replaced by the view.
   */
  private void registerPublishedView(Table table, SessionCatalog catalog, TableIdentifier id,
      List<String> registered, List<String> unchanged) {
    String text = table.viewSql(Table::qualifiedName);
    if (catalog.tableExists(id)) {
      CatalogTable existing = metadata(catalog, id);
      boolean view = isView(existing);
      if (view && existing.viewText().isDefined() && existing.viewText().get().equals(text)
          && comments(existing.schema()).equals(comments(table.schema()))
          && existing.comment().isDefined() && existing.comment().get().equals(table.description())) {
        unchanged.add(table.qualifiedName());
        return;
      }
      if (!view) {
        warehouse.spark().sql("DROP TABLE " + table.qualifiedName());
      }
    }
    warehouse.spark().sql("CREATE OR REPLACE VIEW " + table.qualifiedName() + " (" + columnsWithComments(table)
        + ") COMMENT " + literal(table.description()) + " AS " + text);
    registered.add(table.qualifiedName());
  }

  private static String columnsWithComments(Table table) {
    return java.util.Arrays.stream(table.schema().fields())
        .map(f -> "`" + f.name() + "`" + (f.getComment().isDefined() ? " COMMENT " + literal(f.getComment().get()) : ""))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private void registerView(Table table, SessionCatalog catalog, List<String> registered, List<String> unchanged) {
    String name = currentView(table);
    String text = "SELECT * FROM " + table.qualifiedName() + " WHERE as_of_date = (SELECT max(as_of_date) FROM "
        + table.qualifiedName() + ")";
    TableIdentifier id = identifier(table.layer().label(), table.name() + CURRENT);
    if (catalog.tableExists(id)) {
      CatalogTable view = metadata(catalog, id);
      if (view.viewText().isDefined() && view.viewText().get().equals(text)
          && comments(view.schema()).equals(comments(table.schema()))) {
        unchanged.add(name);
        return;
      }
    }
    // The view's columns carry the table's column comments, so BI tools show them on the view too.
    String columns = columnsWithComments(table);
    warehouse.spark().sql("CREATE OR REPLACE VIEW " + name + " (" + columns + ") COMMENT "
        + literal("The latest snapshot of " + table.qualifiedName() + " (its rows of the greatest as_of_date). "
            + table.description())
        + " AS " + text);
    registered.add(name);
  }

  /** Column name and comment, in order. */
  private static List<String> comments(org.apache.spark.sql.types.StructType schema) {
    return java.util.Arrays.stream(schema.fields())
        .map(f -> f.name() + "\u0000" + (f.getComment().isDefined() ? f.getComment().get() : "")).toList();
  }

  private void dropView(Table table, SessionCatalog catalog, List<String> removed) {
    if (isSnapshot(table) && catalog.tableExists(identifier(table.layer().label(), table.name() + CURRENT))) {
      warehouse.spark().sql("DROP VIEW IF EXISTS " + currentView(table));
      removed.add(currentView(table));
    }
  }

  private static boolean sameTable(CatalogTable registered, String location, String description) {
    if (isView(registered) || registered.provider().isEmpty()
        || !registered.provider().get().equalsIgnoreCase("delta")) {
      return false;
    }
    String where = new Path(registered.location()).toString();
    Option<String> comment = registered.comment();
    return where.equals(new Path(location).toString()) && comment.isDefined() && comment.get().equals(description);
  }

  private static boolean isView(CatalogTable entry) {
    return entry.tableType().name().equals("VIEW");
  }

  private static CatalogTable metadata(SessionCatalog catalog, TableIdentifier id) {
    try {
      return catalog.getTableRawMetadata(id);
    } catch (Exception e) {
      // Checked Scala exceptions (NoSuchDatabaseException, NoSuchTableException) after tableExists said yes.
      throw new IllegalStateException("cannot read the SQL catalog's entry for " + id + ": " + e.getMessage(), e);
    }
  }

  private static TableIdentifier identifier(String database, String name) {
    return new TableIdentifier(name, Option.apply(database));
  }

  private static String describe(Layer layer) {
    return switch (layer) {
      case BRONZE -> "Bronze: each export row as it came (personal columns removed), with lineage.";
      case SILVER -> "Silver: the clean business entities, quarantine and ingest accounting.";
      case GOLD -> "Gold: the business marts, one snapshot per as_of_date; <table>_current views hold the latest.";
    };
  }

  /** A SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Where Spark puts the catalog's databases (nothing is stored there: every table is external). */
  public static String databaseDir(String warehouseLocation) {
    return new Path(new Path(warehouseLocation, Warehouse.META), "sql-warehouse").toString();
  }

  /**
   * The embedded metastore's local folder: {@code clientele.catalog.derby-dir}, else the warehouse's
   * {@code _clientele/metastore} when the warehouse is a local folder.
   */
  public static String derbyDir(ClienteleConfig config, String warehouseLocation) {
    if (config.metastoreDir().isPresent()) {
      return java.nio.file.Path.of(config.metastoreDir().get()).toAbsolutePath().normalize().toString();
    }
    java.net.URI uri = new Path(warehouseLocation).toUri();
    if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
      throw new IllegalArgumentException("the warehouse " + warehouseLocation + " is not a local folder: set "
          + "clientele.catalog.metastore-uri (an external Hive Metastore) or clientele.catalog.derby-dir "
          + "(a local folder for the embedded one)");
    }
    return java.nio.file.Path.of(uri.getPath()).toAbsolutePath().normalize()
        .resolve(Warehouse.META).resolve("metastore").toString();
  }

  /**
   * Fails clearly when the embedded metastore in {@code dir} is open in another process (Derby holds an
   * exclusive lock on its {@code dbex.lck} while a process has the database booted); without this, the
   * metastore client fails after retrying for a minute with a message that does not say why.
   */
  public static void ensureNotInUse(String dir) {
    java.nio.file.Path lock = java.nio.file.Path.of(dir, "metastore_db", "dbex.lck");
    if (!java.nio.file.Files.exists(lock)) {
      return;
    }
    try (var file = new java.io.RandomAccessFile(lock.toFile(), "rw"); var channel = file.getChannel()) {
      var held = channel.tryLock();
      if (held != null) {
        held.release();
        return;
      }
    } catch (java.nio.channels.OverlappingFileLockException | java.io.IOException e) {
      // Held in this JVM, or unreadable: treated as in use.
    }
    throw new IllegalStateException("the SQL catalog " + dir + " is open in another process (an embedded "
        + "metastore serves one process at a time; is `clientele serve-sql` running? Query through it, stop it, "
        + "or set clientele.catalog.metastore-uri to share an external Hive Metastore)");
  }

  /** Whether the failure is the embedded metastore being open in another process. */
  public static boolean isMetastoreInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("Another instance of Derby may have already booted")) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (isMetastoreInUse(s)) {
          return true;
        }
      }
    }
    return false;
  }
}
