package com.clientele.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The encryption reuses one cipher per thread: the same value twice in a row (same key and IV, which
 * a GCM cipher refuses to encrypt with again) must still work, and every result must be what a
 * fresh protector computes.
 */
class PersonalDataProtectorTest {

  private static final String SECRET = "test-secret-key-0123456789abcdef";

  @Test
  void theSameValueTwiceInARowEncryptsTheSameAndDecrypts() {
    PersonalDataProtector p = PersonalDataProtector.forSecret(SECRET);
    String first = p.encrypt("phone", "13912345678");
    String second = p.encrypt("phone", "13912345678");
    assertEquals(first, second);
    assertEquals("13912345678", p.decrypt("phone", second));
  }

  @Test
  void aReusedCipherGivesWhatAFreshProtectorGives() {
    PersonalDataProtector reused = PersonalDataProtector.forSecret(SECRET);
    List<String> values = List.of("Zhang San", "Li Si", "Li Si", "王五", "Zhang San", "");
    for (String v : values) {
      String sealed = reused.encrypt("name", v);
      assertEquals(PersonalDataProtector.forSecret(SECRET).encrypt("name", v), sealed);
      assertEquals(v, reused.decrypt("name", sealed));
    }
    // The field is part of the IV and the authenticated data: another field, another ciphertext.
    assertNotEquals(reused.encrypt("name", "Li Si"), reused.encrypt("address", "Li Si"));
    assertThrows(IllegalArgumentException.class, () -> reused.decrypt("address", reused.encrypt("name", "Li Si")));
    assertNull(reused.encrypt("name", null));
  }

  @Test
  void threadsEncryptIndependently() throws Exception {
    PersonalDataProtector p = PersonalDataProtector.forSecret(SECRET);
    var pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String v = "customer-" + (i % 7);
        results.add(pool.submit(() -> p.decrypt("customer_id", p.encrypt("customer_id", v))));
      }
      for (int i = 0; i < 200; i++) {
        assertEquals("customer-" + (i % 7), results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
