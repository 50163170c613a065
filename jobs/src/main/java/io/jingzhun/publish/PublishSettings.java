package io.jingzhun.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Publishing settings from {@code conf/publish.yaml} (validated on load; errors name the
 * file and the field). A missing file means the defaults: no key file, no development key.
 *
 * @param keyFile a file holding the pseudonym key (relative paths from the project home), or null
 * @param allowDevelopmentKey whether the public development key may be used when no key is set
 * @param source the file the settings came from, for messages
 */
public record PublishSettings(String keyFile, boolean allowDevelopmentKey, String source) {
  public static final String FILE = "conf/publish.yaml";

  public static PublishSettings load() {
    if (!ProjectFiles.exists(FILE)) {
      return new PublishSettings(null, false, FILE);
    }
    return parse(FILE, ProjectFiles.read(FILE));
  }

  public static PublishSettings parse(String source, String yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new PublishSettings(null, false, source);
    }
    only(source, "", root, Set.of("pseudonym"));
    JsonNode p = root.get("pseudonym");
    if (p == null || p.isNull()) {
      return new PublishSettings(null, false, source);
    }
    if (!p.isObject()) {
      throw new IllegalArgumentException(source + ": pseudonym: expected a mapping");
    }
    only(source, "pseudonym.", p, Set.of("key_file", "allow_development_key"));
    JsonNode file = p.get("key_file");
    if (file != null && !file.isNull() && !file.isTextual()) {
      throw new IllegalArgumentException(source + ": pseudonym.key_file: expected a path");
    }
    JsonNode dev = p.get("allow_development_key");
    if (dev != null && !dev.isNull() && !dev.isBoolean()) {
      throw new IllegalArgumentException(source + ": pseudonym.allow_development_key: expected true or false");
    }
    return new PublishSettings(
        file == null || file.isNull() ? null : file.asText(),
        dev != null && dev.booleanValue(),
        source);
  }

  private static void only(String source, String prefix, JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException(source + ": " + prefix + f + ": unknown field (expected one of " + known + ")");
      }
    }
  }
}
