package io.jingzhun.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One profile of {@code conf/generator.yaml}: where the synthetic population lives, how noisy the
 * departments' records are, which defects are planted at which rates, and how each table's files are
 * written. Validated on load; errors name the file and the field.
 */
public record GeneratorProfile(
    String name,
    List<String> geography,
    int countyHouseholds,
    int householdsPerVillage,
    int villagesPerTownship,
    int chunkHouseholds,
    CodeSpelling codeSpelling,
    double otherDateFormats,
    double fullWidthDigits,
    IdNoise registryIdNoise,
    IdNoise departmentIdNoise,
    double departmentNameNoise,
    double departmentBirthDateNoise,
    Map<AuditDefect, Double> auditDefects,
    Map<DataDefect, Double> dataDefects,
    boolean plantEveryKind,
    Map<String, TableFormat> tables) {

  public static final String FILE = "conf/generator.yaml";
  /** The tables the generator writes, in the order of {@code schemas/extracts/}. */
  public static final List<String> TABLES =
      List.of("households", "members", "civil_affairs", "education", "finance_payments", "finance_payroll");

  public GeneratorProfile {
    geography = List.copyOf(geography);
    auditDefects = Map.copyOf(auditDefects);
    dataDefects = Map.copyOf(dataDefects);
    tables = Map.copyOf(tables);
  }

  /** How code columns are spelled in the files. */
  public enum CodeSpelling {
    CHINESE,
    CANONICAL,
    MIXED
  }

  /** How ID numbers are typed: shares of records per kind of noise. */
  public record IdNoise(
      double missing, double mistyped, double fifteenDigit, double fullWidth, double spaces, double lowerCaseX) {}

  /** File format of one table. */
  public record TableFormat(String format, String encoding, String header) {
    public String extension() {
      return format;
    }
  }

  /** True when the geography is Haidong's six counties (scaled), rather than a list of county codes. */
  public boolean haidong() {
    return geography.size() == 1 && geography.get(0).equals("haidong");
  }

  /** Loads a profile by name from {@code conf/generator.yaml} (project home first, then the jar). */
  public static GeneratorProfile load(String profileName) {
    return parse(ProjectFiles.read(FILE), FILE, profileName);
  }

  static GeneratorProfile parse(String yaml, String file, String profileName) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    JsonNode profiles = root == null ? null : root.get("profiles");
    if (profiles == null || !profiles.isObject()) {
      throw new IllegalArgumentException(file + ": expected a top-level mapping 'profiles'");
    }
    JsonNode p = profiles.get(profileName);
    if (p == null) {
      List<String> known = new ArrayList<>();
      profiles.fieldNames().forEachRemaining(known::add);
      throw new IllegalArgumentException(
          file + ": no profile '" + profileName + "' (known: " + String.join(", ", known) + ")");
    }
    Reader r = new Reader(file, "profiles." + profileName, p);
    List<String> geography = new ArrayList<>();
    JsonNode geo = r.required("geography");
    if (geo.isTextual() && geo.asText().equals("haidong")) {
      geography.add("haidong");
    } else if (geo.isArray() && geo.size() > 0) {
      for (JsonNode c : geo) {
        String code = c.asText();
        if (!code.matches("[1-8][0-9]{5}")) {
          throw r.error("geography", "expected 'haidong' or a list of 6-digit county codes, got " + code);
        }
        geography.add(code);
      }
    } else {
      throw r.error("geography", "expected 'haidong' or a list of 6-digit county codes");
    }
    int countyHouseholds = r.integer("county_households", 100, 13_000);
    int perVillage = r.integer("households_per_village", 5, 999);
    int villagesPerTownship = r.integer("villages_per_township", 1, 99);
    int chunk = r.integer("chunk_households", 100, 1_000_000);
    CodeSpelling spelling;
    try {
      spelling = CodeSpelling.valueOf(r.text("code_spelling").toUpperCase());
    } catch (IllegalArgumentException e) {
      throw r.error("code_spelling", "expected chinese, canonical or mixed");
    }
    double otherDates = r.rate("other_date_formats");
    double fullWidth = r.rate("full_width_digits");
    Reader noise = r.child("noise");
    IdNoise registry = idNoise(noise.child("registry_id"));
    IdNoise department = idNoise(noise.child("department_id"));
    double nameNoise = noise.rate("department_name");
    double birthNoise = noise.rate("department_birth_date");
    Map<AuditDefect, Double> audit = new LinkedHashMap<>();
    Reader auditNode = r.child("audit_defects");
    for (Iterator<String> it = auditNode.node.fieldNames(); it.hasNext(); ) {
      String code = it.next();
      try {
        audit.put(AuditDefect.valueOf(code), auditNode.rate(code));
      } catch (IllegalArgumentException e) {
        throw auditNode.error(code, "unknown audit defect code (known: " + List.of(AuditDefect.values()) + ")");
      }
    }
    Map<DataDefect, Double> data = new LinkedHashMap<>();
    Reader dataNode = r.child("data_defects");
    for (Iterator<String> it = dataNode.node.fieldNames(); it.hasNext(); ) {
      String code = it.next();
      try {
        data.put(DataDefect.valueOf(code), dataNode.rate(code));
      } catch (IllegalArgumentException e) {
        throw dataNode.error(code, "unknown data defect code (known: " + List.of(DataDefect.values()) + ")");
      }
    }
    boolean plantEvery = r.required("plant_every_kind").asBoolean();
    Map<String, TableFormat> tables = new LinkedHashMap<>();
    Reader tablesNode = r.child("tables");
    for (String t : TABLES) {
      Reader tn = tablesNode.child(t);
      String format = tn.text("format");
      String encoding = tn.text("encoding");
      String header = tn.text("header");
      if (!List.of("csv", "jsonl").contains(format)) {
        throw tn.error("format", "expected csv or jsonl, got " + format);
      }
      if (!List.of("utf-8", "utf-8-bom", "gbk").contains(encoding)) {
        throw tn.error("encoding", "expected utf-8, utf-8-bom or gbk, got " + encoding);
      }
      if (format.equals("jsonl") && !encoding.equals("utf-8")) {
        throw tn.error("encoding", "JSON Lines files are written in UTF-8 only");
      }
      if (!List.of("name", "label_zh").contains(header)) {
        throw tn.error("header", "expected name or label_zh, got " + header);
      }
      tables.put(t, new TableFormat(format, encoding, header));
    }
    return new GeneratorProfile(
        profileName, geography, countyHouseholds, perVillage, villagesPerTownship, chunk, spelling,
        otherDates, fullWidth, registry, department, nameNoise, birthNoise, audit, data, plantEvery, tables);
  }

  private static IdNoise idNoise(Reader r) {
    IdNoise n = new IdNoise(
        r.rate("missing"), r.rate("mistyped"), r.rate("fifteen_digit"), r.rate("full_width"),
        r.rate("spaces"), r.rate("lower_case_x"));
    double total = n.missing() + n.mistyped() + n.fifteenDigit() + n.fullWidth() + n.spaces();
    if (total > 1.0) {
      throw r.error("missing", "the ID noise shares add up to more than 1");
    }
    return n;
  }

  public double auditRate(AuditDefect d) {
    return auditDefects.getOrDefault(d, 0.0);
  }

  public double dataRate(DataDefect d) {
    return dataDefects.getOrDefault(d, 0.0);
  }

  /** Reads fields of one YAML mapping with errors that name file and field. */
  private static final class Reader {
    final String file;
    final String path;
    final JsonNode node;

    Reader(String file, String path, JsonNode node) {
      this.file = file;
      this.path = path;
      this.node = node;
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(file + ": " + path + ": expected a mapping");
      }
    }

    IllegalArgumentException error(String field, String message) {
      return new IllegalArgumentException(file + ": " + path + "." + field + ": " + message);
    }

    JsonNode required(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        throw error(field, "missing");
      }
      return v;
    }

    Reader child(String field) {
      JsonNode v = required(field);
      if (!v.isObject()) {
        throw error(field, "expected a mapping");
      }
      return new Reader(file, path + "." + field, v);
    }

    String text(String field) {
      return required(field).asText();
    }

    int integer(String field, int min, int max) {
      JsonNode v = required(field);
      if (!v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
        throw error(field, "expected a whole number in [" + min + ", " + max + "], got " + v);
      }
      return v.asInt();
    }

    double rate(String field) {
      JsonNode v = required(field);
      if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
        throw error(field, "expected a share in [0, 1], got " + v);
      }
      return v.asDouble();
    }
  }
}
