package com.clientele.privacy;

import com.clientele.config.ClienteleConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import com.clientele.runtime.Warehouse;

/**
 * The installation's secret, from which the pseudonymous customer key and the encryption key of
 * the restricted table are derived. It comes from an environment variable or a key file — never
 * from code, config values, logs or tables (only a one-way fingerprint is stored, to refuse a
 * wrong secret before it splits every customer in two).
 */
public final class InstallationSecret {

  private static final int MIN_LENGTH = 16;

  private InstallationSecret() {}

  /**
   * Loads the secret: an explicit key file wins, then the configured key file, then the
   * configured environment variable.
   */
  public static PersonalDataProtector load(ClienteleConfig config, Optional<Path> explicitKeyFile) {
    Optional<Path> file = explicitKeyFile.or(config::secretKeyFile);
    String secret;
    String origin;
    if (file.isPresent()) {
      secret = readKeyFile(file.get());
      origin = "key file " + file.get();
    } else {
      secret = System.getenv(config.secretKeyEnv());
      origin = "environment variable " + config.secretKeyEnv();
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("no secret key: set the environment variable "
            + config.secretKeyEnv() + " or pass --key-file FILE (the secret keys customer "
            + "pseudonyms and encrypts personal data)");
      }
    }
    secret = secret.strip();
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the secret key from " + origin + " is shorter than "
          + MIN_LENGTH + " characters");
    }
    return new PersonalDataProtector(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A key file holds the secret on its first line that is neither blank nor a # comment. */
  static String readKeyFile(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("key file " + file + " holds no key"));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the secret against the fingerprint stored in the warehouse, storing it on first use.
   * A warehouse built with one secret and ingested with another would otherwise give every
   * customer a second, unrelated key.
   */
  public static void checkFingerprint(PersonalDataProtector protector, Warehouse warehouse) {
    String fingerprint = protector.fingerprint();
    var stored = warehouse.readMeta(FINGERPRINT).map(String::strip);
    if (stored.isPresent()) {
      if (!stored.get().equals(fingerprint)) {
        throw new IllegalArgumentException("the secret key does not match the one this warehouse ("
            + warehouse.root() + ") was built with; use the original key");
      }
    } else {
      warehouse.writeMeta(FINGERPRINT, fingerprint + "\n");
    }
  }

  /**
   * As {@link #checkFingerprint}, but the warehouse must already hold a fingerprint: commands that
   * only make sense on an existing warehouse (forget) never store one.
   */
  public static void requireFingerprint(PersonalDataProtector protector, Warehouse warehouse) {
    if (warehouse.readMeta(FINGERPRINT).isEmpty()) {
      throw new IllegalArgumentException("the warehouse " + warehouse.root() + " has no ingested data (no secret "
          + "fingerprint): nothing to erase");
    }
    checkFingerprint(protector, warehouse);
  }

  private static final String FINGERPRINT = "secret-fingerprint";
}
