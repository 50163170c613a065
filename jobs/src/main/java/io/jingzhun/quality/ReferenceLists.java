package io.jingzhun.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Code lists that rules check against and that live outside the contracts: the known subsidy
 * programmes ({@code conf/programmes.yaml}) and the administrative codes known for the county
 * ({@code conf/admin-codes.yaml}: {@code counties}, {@code townships}, {@code villages}).
 */
public final class ReferenceLists {
  static final String PROGRAMMES = "conf/programmes.yaml";
  static final String ADMIN_CODES = "conf/admin-codes.yaml";

  private final Function<String, String> reader;

  private ReferenceLists(Function<String, String> reader) {
    this.reader = reader;
  }

  /** The project's files ({@link ProjectFiles}); a missing file is an error when a rule needs it. */
  public static ReferenceLists fromProject() {
    return new ReferenceLists(path -> ProjectFiles.exists(path) ? ProjectFiles.read(path) : null);
  }

  /** Given file texts by project path (tests, or a caller with its own configuration). */
  public static ReferenceLists of(Map<String, String> textsByPath) {
    Map<String, String> copy = Map.copyOf(textsByPath);
    return new ReferenceLists(copy::get);
  }

  /** The texts of the reference files, so that a change of them is visible (the staged checks' fingerprint). */
  @Override
  public String toString() {
    return PROGRAMMES + "\n" + reader.apply(PROGRAMMES) + "\n" + ADMIN_CODES + "\n" + reader.apply(ADMIN_CODES);
  }

  /** The values a {@code values_from} names (other than {@code contract}). */
  List<String> values(String valuesFrom) {
    if (valuesFrom.equals("programmes")) {
      return codes(PROGRAMMES, "programmes");
    }
    if (valuesFrom.startsWith("admin_codes:")) {
      return codes(ADMIN_CODES, valuesFrom.substring("admin_codes:".length()));
    }
    throw new IllegalArgumentException("unknown values_from '" + valuesFrom + "'");
  }

  /**
   * Codes under {@code key}: a list of codes, a list of mappings with {@code code}, or a mapping keyed
   * by code (whichever the file's writer chose).
   */
  private List<String> codes(String path, String key) {
    String text = reader.apply(path);
    if (text == null) {
      throw new IllegalArgumentException(path + " not found: a rule takes its codes from it");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": not valid YAML: " + e.getMessage(), e);
    }
    JsonNode node = root == null ? null : root.get(key);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException(path + ": " + key + ": missing (expected a list of codes)");
    }
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode e = node.get(i);
        if (e.isValueNode()) {
          out.add(e.asText());
        } else if (e.hasNonNull("code")) {
          out.add(e.get("code").asText());
        } else {
          throw new IllegalArgumentException(path + ": " + key + "[" + i + "]: expected a code or a mapping with code");
        }
      }
    } else if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        out.add(it.next());
      }
    } else {
      throw new IllegalArgumentException(path + ": " + key + ": expected a list of codes");
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(path + ": " + key + ": expected at least one code");
    }
    return List.copyOf(out);
  }
}
