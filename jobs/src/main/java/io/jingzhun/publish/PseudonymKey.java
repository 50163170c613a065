package io.jingzhun.publish;

import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret behind keyed pseudonyms (HMAC-SHA256). Whoever holds it can recompute a person's
 * pseudonym from an ID number, so it never lives in the repository, in logs or in published data.
 *
 * <p>Resolved, first match wins: environment {@code JINGZHUN_PSEUDONYM_KEY} (the key itself),
 * environment {@code JINGZHUN_PSEUDONYM_KEY_FILE} (a file holding it), {@code pseudonym.key_file} in
 * {@code conf/publish.yaml}; else, only when that file sets
 * {@code pseudonym.allow_development_key: true}, a fixed public key for synthetic demo data.
 * A key has at least {@value #MIN_LENGTH} characters.
 */
public final class PseudonymKey {
  public static final String ENV_KEY = "JINGZHUN_PSEUDONYM_KEY";
  public static final String ENV_KEY_FILE = "JINGZHUN_PSEUDONYM_KEY_FILE";
  public static final int MIN_LENGTH = 32;
  public static final String ALLOW_DEVELOPMENT_KEY_PROPERTY = "jingzhun.pseudonym.allowDevelopmentKey";
  /** Public on purpose: pseudonyms made with it protect nothing. Synthetic data only. */
  static final String DEVELOPMENT_KEY = "jingzhun-development-key-public-not-for-real-data";

  private static final Logger LOG = LoggerFactory.getLogger(PseudonymKey.class);

  private final byte[] secret;
  private final String source;
  private final String id;

  private PseudonymKey(byte[] secret, String source) {
    this.secret = secret;
    this.source = source;
    // A short fingerprint that identifies the key (manifests record it, so a key change between
    // runs is visible) without revealing it: HMAC of a fixed label.
    this.id = Pseudonyms.hmacHex(secret, "jingzhun-pseudonym-key-id").substring(0, 12);
  }

  /** A key given directly (tests, or a secret manager's client). */
  public static PseudonymKey of(String secret, String source) {
    if (secret == null || secret.strip().length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the pseudonym key from " + source + " is too short: expected at least "
          + MIN_LENGTH + " characters (e.g. the output of `openssl rand -hex 32`)");
    }
    return new PseudonymKey(secret.strip().getBytes(StandardCharsets.UTF_8), source);
  }

  /**
   * The key from the process environment and {@code conf/publish.yaml}. The system property
   * {@value #ALLOW_DEVELOPMENT_KEY_PROPERTY}{@code =true} also allows the development key (for
   * integration tests on synthetic data; it carries no secret).
   */
  public static PseudonymKey fromEnvironment() {
    PublishSettings settings = PublishSettings.load();
    if (Boolean.getBoolean(ALLOW_DEVELOPMENT_KEY_PROPERTY)) {
      settings = new PublishSettings(settings.keyFile(), true, "system property " + ALLOW_DEVELOPMENT_KEY_PROPERTY);
    }
    return resolve(System.getenv(), settings);
  }

  /** The resolution rules of {@link #fromEnvironment()}, with the environment given. */
  public static PseudonymKey resolve(Map<String, String> env, PublishSettings settings) {
    String direct = env.get(ENV_KEY);
    if (direct != null && !direct.isBlank()) {
      return of(direct, "environment " + ENV_KEY);
    }
    String file = env.get(ENV_KEY_FILE);
    String fileSource = "environment " + ENV_KEY_FILE;
    if (file == null || file.isBlank()) {
      file = settings.keyFile();
      fileSource = settings.source() + " pseudonym.key_file";
    }
    if (file != null && !file.isBlank()) {
      Path path = ProjectFiles.home().resolve(file);
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "pseudonym key file " + path + " (from " + fileSource + ") does not exist");
      }
      try {
        return of(Files.readString(path, StandardCharsets.UTF_8), "file " + path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read pseudonym key file " + path, e);
      }
    }
    if (settings.allowDevelopmentKey()) {
      LOG.warn("no pseudonym key configured: using the public development key ({} allows it); "
          + "pseudonyms protect nothing, use synthetic data only", settings.source());
      return new PseudonymKey(DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8), "development key");
    }
    throw new IllegalStateException("no pseudonym key: set " + ENV_KEY + " (at least " + MIN_LENGTH
        + " characters, e.g. `export " + ENV_KEY + "=$(openssl rand -hex 32)` kept in your secret store), or "
        + ENV_KEY_FILE + ", or pseudonym.key_file in " + settings.source() + " (docs/publishing.md)");
  }

  /** A short, non-secret fingerprint of the key (same key, same id). */
  public String id() {
    return id;
  }

  /** Where the key came from (never the key). */
  public String source() {
    return source;
  }

  byte[] secret() {
    return Arrays.copyOf(secret, secret.length);
  }

  @Override
  public String toString() {
    return "PseudonymKey[id=" + id + ", from " + source + "]";
  }
}
