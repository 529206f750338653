package com.clientele.privacy;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymisation and encryption of personal data, all derived from the installation secret:
 * <ul>
 *   <li>{@link #customerKey}: the pseudonymous customer key carried by every non-restricted table,
 *       HMAC-SHA256 of the export's customer id (first 128 bits, hex). Stable for a given secret,
 *       not reversible without it.</li>
 *   <li>{@link #encrypt}/{@link #decrypt}: AES-256-GCM for the restricted table. The IV is derived
 *       from the field and value (as in SIV mode), so re-ingesting the same data writes the same
 *       bytes; the price is that equal values have equal ciphertexts.</li>
 * </ul>
 * Serializable so Spark can ship it to executors inside a UDF; the derived keys travel, the
 * secret does not.
 */
public final class PersonalDataProtector implements Serializable {

  private static final String PREFIX = "enc1:";
  private final byte[] customerKeyKey;
  private final byte[] encryptionKey;
  private final byte[] ivKey;
  private final String fingerprint;
  private transient ThreadLocal<Mac> keyMac;
  /** Per thread: the IV's HMAC and an AES-GCM cipher, set up once (getting them was half of encrypting). */
  private transient ThreadLocal<Mac> ivMac;
  private transient ThreadLocal<Cipher> gcm;

  PersonalDataProtector(byte[] secret) {
    this.customerKeyKey = hmac(secret, "clientele/customer-key/v1");
    this.encryptionKey = hmac(secret, "clientele/personal-data/v1");
    this.ivKey = hmac(secret, "clientele/personal-data-iv/v1");
    this.fingerprint = HexFormat.of().formatHex(hmac(secret, "clientele/fingerprint/v1"), 0, 16);
  }

  /** A protector for tests and the demo, from a secret given directly. */
  public static PersonalDataProtector forSecret(String secret) {
    return new PersonalDataProtector(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The pseudonymous key of a customer id (trimmed); null for null. */
  public String customerKey(String customerId) {
    if (customerId == null) {
      return null;
    }
    byte[] digest = mac().doFinal(customerId.strip().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  /** A keyed hash of several values (for change detection on personal data without storing it). */
  public String keyedHash(String joinedValues) {
    byte[] digest = mac().doFinal(("hash\u0000" + joinedValues).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  /**
   * The erasure hash of a customer id (trimmed): a keyed HMAC in its own domain, distinct from the
   * customer key, so the erasure log and suppression list keep no copy of the key; null for null.
   */
  public String erasureHash(String customerId) {
    return customerId == null ? null : keyedHash("clientele/erased-customer/v1\u0000" + customerId.strip());
  }

  /** Encrypts one field's value; null stays null. */
  public String encrypt(String field, String plaintext) {
    if (plaintext == null) {
      return null;
    }
    try {
      byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
      byte[] iv = Arrays.copyOf(ivMac().doFinal((field + "\u0000" + plaintext).getBytes(StandardCharsets.UTF_8)), 12);
      Cipher cipher = encryptingCipher(iv);
      cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(data);
      return PREFIX + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /** Decrypts a value written by {@link #encrypt} for the same field; fails on a wrong key. */
  public String decrypt(String field, String ciphertext) {
    if (ciphertext == null) {
      return null;
    }
    if (!ciphertext.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an encrypted value");
    }
    try {
      byte[] all = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
      Cipher cipher = newGcm();
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"),
          new GCMParameterSpec(128, all, 0, 12));
      cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot decrypt personal data: wrong key?", e);
    }
  }

  /** A one-way fingerprint of the secret, safe to store. */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * The thread's cipher, initialised for this IV. The IV is derived from the value, so the same
   * value twice in a row asks for the same key and IV, which a GCM cipher refuses to encrypt with
   * again (a guard against IV reuse; here the same IV always seals the same value): a fresh cipher then.
   */
  private Cipher encryptingCipher(byte[] iv) throws GeneralSecurityException {
    if (gcm == null) {
      gcm = ThreadLocal.withInitial(PersonalDataProtector::newGcm);
    }
    Cipher cipher = gcm.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(128, iv));
    } catch (java.security.InvalidAlgorithmParameterException sameIv) {
      cipher = newGcm();
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(128, iv));
      gcm.set(cipher);
    }
    return cipher;
  }

  private static Cipher newGcm() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable", e);
    }
  }

  private Mac ivMac() {
    if (ivMac == null) {
      ivMac = ThreadLocal.withInitial(() -> newMac(ivKey));
    }
    return ivMac.get();
  }

  private Mac mac() {
    if (keyMac == null) {
      keyMac = ThreadLocal.withInitial(() -> newMac(customerKeyKey));
    }
    return keyMac.get();
  }

  private static byte[] hmac(byte[] key, String message) {
    return newMac(key).doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
