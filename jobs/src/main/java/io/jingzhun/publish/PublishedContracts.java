package io.jingzhun.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Loads published-table contracts from a folder of project files ({@code schemas/published} by
 * default; see {@link ProjectFiles}), validating each on load with errors that name the file and
 * the field.
 */
public final class PublishedContracts {
  /** Where the real contracts live. */
  public static final String DEFAULT_FOLDER = "schemas/published";

  private static final Set<String> TOP_FIELDS =
      Set.of("name", "title", "title_zh", "description", "key", "columns", "grain", "notes");
  private static final Set<String> COLUMN_FIELDS =
      Set.of("name", "type", "description", "label_zh", "required", "pseudonym", "masked", "unit");
  private static final Set<String> PSEUDONYM_DOMAINS = Set.of("household", "person");
  private static final Set<String> MASKS = Set.of("name", "id_number");
  private static final String TYPES =
      "string, integer, long, double, boolean, date, timestamp, decimal(p,s), array<type>";
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
  private static final Pattern ARRAY = Pattern.compile("array<(.+)>");

  private final String folder;
  private final ConcurrentHashMap<String, PublishedContract> cache = new ConcurrentHashMap<>();

  private PublishedContracts(String folder) {
    this.folder = folder;
  }

  /** The project's contracts under {@code schemas/published}. */
  public static PublishedContracts project() {
    return new PublishedContracts(DEFAULT_FOLDER);
  }

  /** Contracts from another project folder (tests keep theirs under a test resources folder). */
  public static PublishedContracts inFolder(String folder) {
    return new PublishedContracts(folder);
  }

  /** The contract of a table; a clear error when there is none. */
  public PublishedContract forTable(String table) {
    return cache.computeIfAbsent(table, this::load);
  }

  private PublishedContract load(String table) {
    String file = folder + "/" + table + ".json";
    if (!ProjectFiles.exists(file)) {
      throw new IllegalArgumentException("table '" + table + "' has no published contract: expected "
          + file + " (every published table is a documented contract)");
    }
    PublishedContract c = parse(file, ProjectFiles.read(file));
    if (!c.name().equals(table)) {
      throw new IllegalArgumentException(file + ": name: expected '" + table + "', got '" + c.name() + "'");
    }
    return c;
  }

  /** Parses and validates one contract; {@code source} names the file in errors. */
  public static PublishedContract parse(String source, String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object");
    }
    unknownFields(source, "", root, TOP_FIELDS);
    String name = text(source, "name", root.get("name"), true);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(source + ": name: expected snake case, got '" + name + "'");
    }
    JsonNode cols = root.get("columns");
    if (cols == null || !cols.isArray() || cols.isEmpty()) {
      throw new IllegalArgumentException(source + ": columns: expected a non-empty list of columns");
    }
    List<ContractColumn> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cols.size(); i++) {
      String at = "columns[" + i + "]";
      JsonNode c = cols.get(i);
      if (!c.isObject()) {
        throw new IllegalArgumentException(source + ": " + at + ": expected an object");
      }
      unknownFields(source, at + ".", c, COLUMN_FIELDS);
      String col = text(source, at + ".name", c.get("name"), true);
      // Snake case, except the Alkire-Foster measures, which planners know by their letters (H, A, M0, H_se).
      if (!col.matches("[a-z][a-z0-9_]*") && !col.matches("(H|A|M0|M1|M2)(_[a-z0-9_]+)?")) {
        throw new IllegalArgumentException(source + ": " + at + ".name: expected snake case (or an AF measure"
            + " such as H, A, M0), got '" + col + "'");
      }
      if (!seen.add(col)) {
        throw new IllegalArgumentException(source + ": " + at + ".name: column '" + col + "' is listed twice");
      }
      String type = text(source, at + ".type", c.get("type"), true);
      DataType dataType = dataType(type.strip().toLowerCase(Locale.ROOT));
      if (dataType == null) {
        throw new IllegalArgumentException(
            source + ": " + at + ".type: unknown type '" + type + "' (expected one of " + TYPES + ")");
      }
      String description = text(source, at + ".description", c.get("description"), true);
      String label = text(source, at + ".label_zh", c.get("label_zh"), false);
      boolean required = c.has("required") && bool(source, at + ".required", c.get("required"));
      Optional<String> pseudonym = Optional.ofNullable(text(source, at + ".pseudonym", c.get("pseudonym"), false));
      Optional<String> masked = Optional.ofNullable(text(source, at + ".masked", c.get("masked"), false));
      if (pseudonym.isPresent() && !PSEUDONYM_DOMAINS.contains(pseudonym.get())) {
        throw new IllegalArgumentException(source + ": " + at + ".pseudonym: expected one of "
            + PSEUDONYM_DOMAINS + ", got '" + pseudonym.get() + "'");
      }
      if (masked.isPresent() && !MASKS.contains(masked.get())) {
        throw new IllegalArgumentException(source + ": " + at + ".masked: expected one of " + MASKS
            + ", got '" + masked.get() + "'");
      }
      if ((pseudonym.isPresent() || masked.isPresent()) && !dataType.equals(DataTypes.StringType)) {
        throw new IllegalArgumentException(source + ": " + at + ".type: a pseudonym or masked column must be string");
      }
      columns.add(new ContractColumn(col, type, dataType, label, description, required, pseudonym, masked));
    }
    List<String> key = new ArrayList<>();
    JsonNode keyNode = root.get("key");
    if (keyNode != null) {
      if (!keyNode.isArray()) {
        throw new IllegalArgumentException(source + ": key: expected a list of column names");
      }
      for (int i = 0; i < keyNode.size(); i++) {
        String k = keyNode.get(i).asText();
        if (!seen.contains(k)) {
          throw new IllegalArgumentException(source + ": key[" + i + "]: '" + k + "' is not a column");
        }
        key.add(k);
      }
    }
    return new PublishedContract(
        name,
        text(source, "title", root.get("title"), false),
        text(source, "title_zh", root.get("title_zh"), false),
        text(source, "description", root.get("description"), true),
        key,
        columns,
        source);
  }

  /** The Spark type of a contract type, or null when the spelling is unknown. */
  static DataType dataType(String type) {
    switch (type) {
      case "string": return DataTypes.StringType;
      case "integer": case "int": return DataTypes.IntegerType;
      case "long": case "bigint": return DataTypes.LongType;
      case "double": return DataTypes.DoubleType;
      case "boolean": return DataTypes.BooleanType;
      case "date": return DataTypes.DateType;
      case "timestamp": return DataTypes.TimestampType;
      default: break;
    }
    Matcher d = DECIMAL.matcher(type);
    if (d.matches()) {
      int precision = Integer.parseInt(d.group(1));
      int scale = Integer.parseInt(d.group(2));
      return precision >= 1 && precision <= 38 && scale <= precision
          ? DataTypes.createDecimalType(precision, scale) : null;
    }
    Matcher a = ARRAY.matcher(type);
    if (a.matches()) {
      DataType element = dataType(a.group(1).strip());
      return element == null ? null : DataTypes.createArrayType(element, true);
    }
    return null;
  }

  private static void unknownFields(String source, String prefix, JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException(
            source + ": " + prefix + f + ": unknown field (expected one of " + new java.util.TreeSet<>(known) + ")");
      }
    }
  }

  private static String text(String source, String field, JsonNode node, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw new IllegalArgumentException(source + ": " + field + ": required, missing");
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(source + ": " + field + ": expected non-empty text");
    }
    return node.asText();
  }

  private static boolean bool(String source, String field, JsonNode node) {
    if (!node.isBoolean()) {
      throw new IllegalArgumentException(source + ": " + field + ": expected true or false");
    }
    return node.booleanValue();
  }
}
