package io.jingzhun.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Loads the extract contracts from {@code schemas/extracts/<table>.json} (the one source of truth:
 * there is no copy in Java), validating each on load with errors that name the file and the field.
 */
public final class ExtractContracts {
  static final String FOLDER = "schemas/extracts";
  private static final Set<String> CONTRACT_FIELDS =
      Set.of("name", "title", "title_zh", "department", "description", "formats", "key", "columns");
  private static final Set<String> COLUMN_FIELDS =
      Set.of("name", "label_zh", "type", "required", "personal", "values", "digits", "min", "max",
          "pattern", "description");
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Map<String, ExtractContract> CACHE = new ConcurrentHashMap<>();

  private ExtractContracts() {}

  /** The contract of a table, e.g. {@code load("households")}. */
  public static ExtractContract load(String table) {
    if (table == null || !SNAKE_CASE.matcher(table).matches()) {
      throw new ContractException("expected a table name in snake case, got '" + table + "'");
    }
    return CACHE.computeIfAbsent(table, t -> {
      String file = FOLDER + "/" + t + ".json";
      if (!ProjectFiles.exists(file)) {
        throw new ContractException(
            "no extract contract for table '" + t + "': expected " + file + "; known tables: " + tables());
      }
      return parse(file, ProjectFiles.read(file));
    });
  }

  /** Every table with a contract, sorted. */
  public static List<String> tables() {
    Set<String> names = new TreeSet<>();
    Path onDisk = ProjectFiles.home().resolve(FOLDER);
    if (Files.isDirectory(onDisk)) {
      try (Stream<Path> files = Files.list(onDisk)) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
            .forEach(n -> names.add(n.substring(0, n.length() - 5)));
      } catch (IOException e) {
        throw new ContractException("cannot list " + onDisk + ": " + e.getMessage());
      }
    } else {
      names.addAll(tablesInClasspath());
    }
    return List.copyOf(names);
  }

  private static Set<String> tablesInClasspath() {
    Set<String> names = new TreeSet<>();
    URL url = ExtractContracts.class.getClassLoader().getResource(FOLDER);
    if (url == null) {
      throw new ContractException(
          "no " + FOLDER + " folder under " + ProjectFiles.home() + " nor in the jar");
    }
    try {
      if ("jar".equals(url.getProtocol())) {
        JarURLConnection conn = (JarURLConnection) url.openConnection();
        conn.setUseCaches(false);
        try (JarFile jar = conn.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String n = entries.nextElement().getName();
            if (n.startsWith(FOLDER + "/") && n.endsWith(".json") && n.indexOf('/', FOLDER.length() + 1) < 0) {
              names.add(n.substring(FOLDER.length() + 1, n.length() - 5));
            }
          }
        }
      } else {
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
              .forEach(n -> names.add(n.substring(0, n.length() - 5)));
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new ContractException("cannot list contracts in " + url + ": " + e.getMessage());
    }
    return names;
  }

  /** Parses and validates one contract; {@code file} names it in error messages. */
  static ExtractContract parse(String file, String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new ContractException(file + ": not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ContractException(file + ": expected a JSON object");
    }
    unknownFields(file, "", root, CONTRACT_FIELDS);
    String name = text(file, "name", root.get("name"), true);
    String expected = Paths.get(file).getFileName().toString().replaceAll("\\.json$", "");
    if (!name.equals(expected)) {
      throw new ContractException(file + ": name: expected '" + expected + "' (the file name), got '" + name + "'");
    }
    JsonNode cols = root.get("columns");
    if (cols == null || !cols.isArray() || cols.isEmpty()) {
      throw new ContractException(file + ": columns: expected a non-empty array");
    }
    List<Column> columns = new ArrayList<>();
    Set<String> stagedNames = new TreeSet<>();
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < cols.size(); i++) {
      Column c = column(file, "columns[" + i + "]", cols.get(i));
      for (var f : c.stagedFields()) {
        if (!stagedNames.add(f.name())) {
          throw new ContractException(file + ": columns[" + i + "].name: staged column '" + f.name()
              + "' is produced twice");
        }
      }
      if (c.labelZh() != null && labels.put(Texts.fullWidthToAscii(c.labelZh()), c.name()) != null) {
        throw new ContractException(file + ": columns[" + i + "].label_zh: '" + c.labelZh()
            + "' is used by another column");
      }
      columns.add(c);
    }
    JsonNode keyNode = root.get("key");
    if (keyNode == null || !keyNode.isArray() || keyNode.isEmpty()) {
      throw new ContractException(file + ": key: expected a non-empty array of column names");
    }
    List<String> key = new ArrayList<>();
    for (int i = 0; i < keyNode.size(); i++) {
      String k = keyNode.get(i).asText();
      if (columns.stream().noneMatch(c -> c.name().equals(k))) {
        throw new ContractException(file + ": key[" + i + "]: '" + k + "' is not a column");
      }
      key.add(k);
    }
    return new ExtractContract(
        name,
        text(file, "title", root.get("title"), false),
        text(file, "title_zh", root.get("title_zh"), false),
        text(file, "department", root.get("department"), false),
        text(file, "description", root.get("description"), false),
        key,
        columns);
  }

  private static Column column(String file, String where, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new ContractException(file + ": " + where + ": expected an object");
    }
    unknownFields(file, where + ".", node, COLUMN_FIELDS);
    String name = text(file, where + ".name", node.get("name"), true);
    if (!SNAKE_CASE.matcher(name).matches()) {
      throw new ContractException(file + ": " + where + ".name: expected snake case, got '" + name + "'");
    }
    String at = where + " (" + name + ")";
    String typeName = text(file, at + ".type", node.get("type"), true);
    ColumnType type = ColumnType.fromSpelling(typeName);
    if (type == null) {
      throw new ContractException(file + ": " + at + ".type: expected one of " + ColumnType.spellings()
          + ", got '" + typeName + "'");
    }
    boolean required = bool(file, at + ".required", node.get("required"));
    boolean personal = bool(file, at + ".personal", node.get("personal"));
    String label = node.has("label_zh") ? text(file, at + ".label_zh", node.get("label_zh"), true) : null;

    Map<String, List<String>> values = new LinkedHashMap<>();
    Map<String, String> lookup = new HashMap<>();
    boolean isCode = type == ColumnType.CODE || type == ColumnType.CODE_LIST;
    JsonNode v = node.get("values");
    if (isCode) {
      if (v == null || !v.isObject() || v.isEmpty()) {
        throw new ContractException(file + ": " + at + ".values: expected an object of code → spellings for a "
            + type.spelling() + " column");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String code = e.getKey();
        if (!e.getValue().isArray()) {
          throw new ContractException(file + ": " + at + ".values." + code + ": expected an array of spellings");
        }
        List<String> spellings = new ArrayList<>();
        addSpelling(file, at, lookup, code, code);
        for (JsonNode s : e.getValue()) {
          if (!s.isTextual() || s.asText().isBlank()) {
            throw new ContractException(file + ": " + at + ".values." + code + ": expected non-blank strings");
          }
          spellings.add(s.asText());
          addSpelling(file, at, lookup, s.asText(), code);
        }
        values.put(code, spellings);
      }
    } else if (v != null) {
      throw new ContractException(file + ": " + at + ".values: only code and code_list columns have values");
    }

    Integer digits = null;
    JsonNode d = node.get("digits");
    if (type == ColumnType.ADMIN_CODE) {
      if (d == null || !d.isInt() || d.asInt() < 1) {
        throw new ContractException(file + ": " + at + ".digits: expected a positive integer for an admin_code column");
      }
      digits = d.asInt();
    } else if (d != null) {
      throw new ContractException(file + ": " + at + ".digits: only admin_code columns have digits");
    }

    Double min = number(file, at + ".min", node.get("min"));
    Double max = number(file, at + ".max", node.get("max"));
    if ((min != null || max != null) && type != ColumnType.INTEGER && type != ColumnType.DECIMAL) {
      throw new ContractException(file + ": " + at + ": min and max apply to integer and decimal columns only");
    }
    if (min != null && max != null && min > max) {
      throw new ContractException(file + ": " + at + ": min " + min + " is greater than max " + max);
    }

    Pattern pattern = null;
    JsonNode p = node.get("pattern");
    if (p != null) {
      if (type != ColumnType.STRING) {
        throw new ContractException(file + ": " + at + ".pattern: only string columns have a pattern");
      }
      try {
        pattern = Pattern.compile(text(file, at + ".pattern", p, true));
      } catch (PatternSyntaxException e) {
        throw new ContractException(file + ": " + at + ".pattern: not a valid regular expression: "
            + e.getDescription());
      }
    }
    return new Column(name, label, type, required, personal, values, digits, min, max, pattern, lookup);
  }

  private static void addSpelling(
      String file, String at, Map<String, String> lookup, String spelling, String code) {
    String k = Texts.strip(Texts.fullWidthToAscii(spelling)).toLowerCase(Locale.ROOT);
    String before = lookup.put(k, code);
    if (before != null && !before.equals(code)) {
      throw new ContractException(file + ": " + at + ".values: spelling '" + spelling + "' means both '"
          + before + "' and '" + code + "'");
    }
  }

  private static void unknownFields(String file, String prefix, JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new ContractException(file + ": " + prefix + f + ": unknown field; expected one of " + new TreeSet<>(known));
      }
    }
  }

  /** The text of a node (the field's value itself), with an error naming file and field. */
  private static String text(String file, String where, JsonNode n, boolean required) {
    if (n == null || n.isNull()) {
      if (required) {
        throw new ContractException(file + ": " + where + ": expected a value, found none");
      }
      return null;
    }
    if (!n.isTextual() || (required && n.asText().isBlank())) {
      throw new ContractException(file + ": " + where + ": expected a non-blank string, got " + n);
    }
    return n.asText();
  }

  private static boolean bool(String file, String where, JsonNode n) {
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new ContractException(file + ": " + where + ": expected true or false, got " + n);
    }
    return n.asBoolean();
  }

  private static Double number(String file, String where, JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      throw new ContractException(file + ": " + where + ": expected a number, got " + n);
    }
    return n.asDouble();
  }
}
