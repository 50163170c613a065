package io.jingzhun.publish;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed pseudonyms for published tables: HMAC-SHA256 of {@code domain + NUL + value} under the
 * secret {@link PseudonymKey}, the first 128 bits as 32 lower-case hex characters. Stable for a key
 * (tables of different runs and different tables join on them), unguessable without it (a plain
 * hash of an ID number is not: the ID space is small enough to enumerate). The domain
 * ({@code household}, {@code person}) keeps a household number and an ID number that happen to
 * be equal from getting the same pseudonym.
 *
 * <p>Callers pass the canonical form: the valid 18-character ID number for persons, the registry
 * household number for households. Null gives null.
 */
public final class Pseudonyms {
  public static final String HOUSEHOLD = "household";
  public static final String PERSON = "person";
  /** What every pseudonym looks like (the publish scan checks pseudonym columns against it). */
  public static final String FORMAT = "^[0-9a-f]{32}$";

  private Pseudonyms() {}

  /** The pseudonym of one value (driver side: tests, single look-ups by an authorised clerk). */
  public static String of(PseudonymKey key, String domain, String value) {
    return value == null ? null : hmacHex(key.secret(), domain + '\u0000' + value).substring(0, 32);
  }

  /** A Spark column of pseudonyms of {@code value} in a domain. */
  public static Column column(PseudonymKey key, String domain, Column value) {
    checkDomain(domain);
    // A UDF rather than built-in sha2 expressions: the key then travels inside the serialized
    // function and never appears as a literal in query plans, explain output or the Spark UI.
    UserDefinedFunction udf =
        functions.udf(new Function(key.secret(), domain), DataTypes.StringType).withName("pseudonym_" + domain);
    return udf.apply(value);
  }

  public static Column household(PseudonymKey key, Column householdId) {
    return column(key, HOUSEHOLD, householdId);
  }

  public static Column person(PseudonymKey key, Column idNumber) {
    return column(key, PERSON, idNumber);
  }

  static String hmacHex(byte[] secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static void checkDomain(String domain) {
    if (!HOUSEHOLD.equals(domain) && !PERSON.equals(domain)) {
      throw new IllegalArgumentException("expected pseudonym domain 'household' or 'person', got '" + domain + "'");
    }
  }

  /** The executor-side function; one Mac per task thread, since Mac is not thread-safe. */
  private static final class Function implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private final byte[] secret;
    private final String prefix;
    private transient ThreadLocal<Mac> mac;

    Function(byte[] secret, String domain) {
      this.secret = secret;
      this.prefix = domain + '\u0000';
    }

    @Override
    public String call(String value) throws Exception {
      if (value == null) {
        return null;
      }
      if (mac == null) {
        mac = ThreadLocal.withInitial(this::newMac);
      }
      byte[] digest = mac.get().doFinal((prefix + value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    }

    private Mac newMac() {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(secret, "HmacSHA256"));
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }

    @Override
    public String toString() {
      return "pseudonym"; // never the key
    }
  }
}
