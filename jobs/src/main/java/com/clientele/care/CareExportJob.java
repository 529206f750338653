package com.clientele.care;

import static org.apache.spark.sql.functions.col;

import com.clientele.catalog.TableCatalog;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.Warehouse;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code clientele care export}: one day's care plan (gold.care_actions) as a CSV file for an SMS /
 * e-mail tool, each action with its message rendered in the chosen language from the care message
 * templates ({@code com/clientele/care/messages*.properties}).
 *
 * <p>Personal data only on request and with the key: with {@code includePersonalData} the real
 * name, phone number and e-mail address come from the restricted silver.customer_pii (the current
 * version, decrypted); otherwise the name is the masked display name and phone and e-mail stay empty
 * — the restricted table is not read at all. Every export is recorded in the restricted
 * silver.care_export_log (who, when, which plan, how many rows, whether personal data was written;
 * never the data) <em>before</em> the file appears: the rows go to a temporary file next to the
 * output, the log row is committed, then the file is moved into place, so a file with personal data
 * never exists without its record.
 */
public final class CareExportJob {

  /** The columns of the export, in order. */
  public static final List<String> HEADER = List.of("action_id", "due_date", "action_type", "priority", "channel",
      "customer_key", "name", "phone", "email", "template_key", "message", "reason");

  private final Warehouse warehouse;
  private final AnalyticsSettings settings;

  public CareExportJob(Warehouse warehouse, AnalyticsSettings settings) {
    this.warehouse = warehouse;
    this.settings = settings;
  }

  /** What an export wrote. */
  public record Outcome(Path file, long rows, long customers, boolean includedPersonalData, String exportId) {
    public String describe() {
      return "wrote " + rows + " care action(s) for " + customers + " customer(s) to " + file
          + (includedPersonalData ? " with personal data (recorded in silver.care_export_log as " + exportId + ")"
              : " (masked names, no contact data; recorded as " + exportId + ")")
          + "\n";
    }
  }

  /**
   * @param personal the key, when names and contact data are to be written
   * @param operator who runs the export (recorded)
   * @param now the time recorded in the audit log
   */
  public Outcome run(LocalDate asOf, Path out, Locale locale, Optional<PersonalDataProtector> personal,
      String operator, Instant now) throws IOException {
    if (!warehouse.exists(TableCatalog.CARE_ACTIONS)) {
      throw new IllegalArgumentException("no care plan in " + warehouse.root() + ": run clientele build first");
    }
    Dataset<Row> plan = warehouse.read(TableCatalog.CARE_ACTIONS).where(col("as_of_date").equalTo(java.sql.Date.valueOf(asOf)));
    if (plan.isEmpty()) {
      throw new IllegalArgumentException("no care plan as of " + asOf + " (gold.care_actions has no snapshot of that "
          + "date: run clientele build --as-of " + asOf + ")");
    }
    Map<String, String[]> contacts = personal.map(p -> contacts(plan, p)).orElse(Map.of());
    ResourceBundle messages = ResourceBundle.getBundle("com.clientele.care.messages", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Path target = out.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    long rows = 0;
    Set<String> customers = new HashSet<>();
    try {
      try (Writer writer = new OutputStreamWriter(Files.newOutputStream(temporary), StandardCharsets.UTF_8)) {
        // A BOM: spreadsheet tools then read the Chinese text as UTF-8.
        writer.write('\uFEFF');
        CsvWriter csv = new CsvWriter(writer, new CsvWriterSettings());
        csv.writeHeaders(HEADER);
        Iterator<Row> it = plan.orderBy(col("due_date"), col("action_type"), col("customer_key"), col("action_id"))
            .select("action_id", "due_date", "action_type", "priority", "channel", "customer_key", "display_name_masked",
                "template_key", "occasion", "reason")
            .toLocalIterator();
        while (it.hasNext()) {
          Row r = it.next();
          String key = r.getString(5);
          String[] contact = contacts.get(key);
          String name = contact != null && contact[0] != null ? contact[0] : r.getString(6);
          csv.writeRow(r.getString(0), r.getDate(1).toString(), r.getString(2), r.getString(3), r.getString(4), key,
              name, contact == null ? null : contact[1], contact == null ? null : contact[2], r.getString(7),
              message(messages, locale, r.getString(7), r.getString(2), r.getString(8), name), r.getString(9));
          rows++;
          customers.add(key);
        }
        csv.flush();
      }
      String exportId = exportId(now, operator, asOf, target);
      audit(exportId, now, operator, asOf, personal.isPresent(), rows, customers.size(), target, locale);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Outcome(target, rows, customers.size(), personal.isPresent(), exportId);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Name, phone and e-mail of the plan's customers: their current personal data, decrypted. */
  private Map<String, String[]> contacts(Dataset<Row> plan, PersonalDataProtector protector) {
    Map<String, String[]> out = new HashMap<>();
    if (!warehouse.exists(TableCatalog.CUSTOMER_PII)) {
      return out;
    }
    Dataset<Row> keys = plan.select(col("customer_key").as("_key")).distinct();
    for (Row r : warehouse.read(TableCatalog.CUSTOMER_PII).where(col("is_current"))
        .join(keys, col("customer_key").equalTo(col("_key")))
        .select("customer_key", "encrypted_name", "encrypted_phone", "encrypted_email").collectAsList()) {
      out.put(r.getString(0), new String[] {protector.decrypt("name", r.getString(1)),
          protector.decrypt("phone", r.getString(2)), protector.decrypt("email", r.getString(3))});
    }
    return out;
  }

  /**
   * The action's message: its template (a holiday's own, else the generic holiday template) with
   * {0} = the name and {1} = the holiday's name in the language (holidays) or the VIP tier's name
   * (vip_upgrade).
   */
  String message(ResourceBundle messages, Locale locale, String templateKey, String actionType, String occasion,
      String name) {
    String template;
    try {
      template = messages.getString(templateKey);
    } catch (MissingResourceException e) {
      template = messages.getString("care." + actionType);
    }
    String detail = "";
    String subject = occasion.contains(":") ? occasion.substring(0, occasion.indexOf(':')) : occasion;
    if (actionType.equals("holiday")) {
      detail = settings.care().holidays().stream().filter(h -> h.key().equals(subject)).findFirst()
          .map(h -> h.names().getOrDefault(locale.toLanguageTag(), h.names().getOrDefault("en", subject)))
          .orElse(subject);
    } else if (actionType.equals("vip_upgrade")) {
      try {
        detail = messages.getString("care.tier." + subject);
      } catch (MissingResourceException e) {
        detail = subject;
      }
    }
    return new MessageFormat(template, locale).format(new Object[] {name == null ? "" : name, detail});
  }

  private void audit(String exportId, Instant now, String operator, LocalDate asOf, boolean includePersonalData,
      long rows, long customers, Path file, Locale locale) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown";
    }
    Row row = RowFactory.create(exportId, Timestamp.from(now), operator, host, java.sql.Date.valueOf(asOf),
        includePersonalData, rows, customers, file.getFileName().toString(), locale.toLanguageTag());
    warehouse.append(TableCatalog.CARE_EXPORT_LOG,
        warehouse.spark().createDataFrame(List.of(row), TableCatalog.CARE_EXPORT_LOG.schema()));
  }

  private static String exportId(Instant now, String operator, LocalDate asOf, Path file) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          (now + "|" + operator + "|" + asOf + "|" + file).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
