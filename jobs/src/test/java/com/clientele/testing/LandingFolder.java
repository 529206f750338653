package com.clientele.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small hand-made export files into a landing folder for tests. */
public final class LandingFolder {

  private final Path root;

  public LandingFolder(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Writes {@code lines} (joined with \n, trailing newline) as UTF-8 to folder/date/name. */
  public Path write(String folder, String date, String name, String... lines) {
    return writeBytes(folder, date, name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public Path write(String folder, String date, String name, Charset charset, String... lines) {
    return writeBytes(folder, date, name, (String.join("\n", lines) + "\n").getBytes(charset));
  }

  public Path writeBytes(String folder, String date, String name, byte[] bytes) {
    try {
      Path dir = root.resolve(folder).resolve(date);
      Files.createDirectories(dir);
      Path file = dir.resolve(name);
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final String CUSTOMERS_HEADER =
      "customer_id,name,phone,email,address,id_number,nature,industry,region,acquisition_channel,registered_date";
  public static final String TRANSACTIONS_HEADER =
      "transaction_id,customer_id,transaction_date,amount,transaction_type,quantity,cost,product_category,channel,payment_due_date,paid_date";
  public static final String INTERACTIONS_HEADER =
      "interaction_id,customer_id,interaction_type,channel,category,received_at,first_response_at,resolved_at,satisfaction,summary,resolution";
  public static final String REFERRALS_HEADER =
      "referral_id,referrer_customer_id,referred_customer_id,referral_date,reward_amount";
}
