package io.jingzhun.linkage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Person identifiers: {@code P} + 32 hex characters of HMAC-SHA256(key, basis). The basis is the
 * cluster's valid ID number ({@code id:...}), else its registry member key
 * ({@code member:<household_id>:<member_no>}), else its smallest record key ({@code record:...}), so
 * the same person keeps the same person_id across runs as long as the key and that basis stay.
 * When clusters kept apart (a pass-1 conflict) share an ID, the cluster with a registry member, else
 * the larger one, keeps it and the others use their record key, so person_ids stay unique;
 * without the key nobody can go back from a person_id to an ID number.
 */
public final class PersonIds {
  /** Used only when no key is configured; the run summary says so (fine for tests and demos). */
  static final String DEVELOPMENT_KEY = "jingzhun-development-key-not-for-production";

  private PersonIds() {}

  // Mac.getInstance looks the provider up each time; one Mac per thread (it is not thread-safe),
  // kept with the key it was initialised with.
  private static final ThreadLocal<KeyedMac> MAC = new ThreadLocal<>();

  private record KeyedMac(byte[] key, Mac mac) {}

  public static String of(byte[] key, String basis) {
    KeyedMac m = MAC.get();
    if (m == null || !java.util.Arrays.equals(m.key(), key)) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        m = new KeyedMac(key.clone(), mac);
        MAC.set(m);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }
    byte[] h = m.mac().doFinal(basis.getBytes(StandardCharsets.UTF_8));
    return "P" + HexFormat.of().formatHex(h, 0, 16);
  }

  /** The key named by the model's {@code person_id.key_env}, or the development key. */
  record Key(byte[] bytes, String source) {
    static Key fromEnvironment(String variable) {
      String v = System.getenv(variable);
      if (v == null || v.isBlank()) {
        return new Key(DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8),
            "development key (set " + variable + " in production)");
      }
      return new Key(v.getBytes(StandardCharsets.UTF_8), "environment variable " + variable);
    }
  }
}
