package io.jingzhun.findings;

import io.jingzhun.common.ProjectFiles;
import io.jingzhun.linkage.ConfigNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings rules of {@code conf/findings.yaml}: parameters, helper views and rules, each a Spark
 * SQL query. Immutable; validated on load (unknown parameters, duplicate codes, bad severities).
 */
public record FindingRules(String source, Map<String, String> parameters, List<View> views, List<Rule> rules) {
  public static final String DEFAULT_PATH = "conf/findings.yaml";
  public static final Set<String> SEVERITIES = Set.of("high", "medium", "low");
  private static final Pattern PARAM = Pattern.compile("\\$\\{([a-z_][a-z0-9_]*)}");

  public FindingRules {
    parameters = Map.copyOf(parameters);
    views = List.copyOf(views);
    rules = List.copyOf(rules);
  }

  /** A named helper query, registered as a temporary view before the rules run. */
  public record View(String name, String sql) {}

  /** A rule: its stable code, severity, meaning for auditors, and query. */
  public record Rule(String code, String severity, String meaning, String sql) {}

  public static FindingRules load() {
    return parse(DEFAULT_PATH, ProjectFiles.read(DEFAULT_PATH));
  }

  public static FindingRules parse(String source, String yaml) {
    ConfigNode root = ConfigNode.parse(source, yaml);
    Map<String, String> params = new LinkedHashMap<>();
    if (root.has("parameters")) {
      ConfigNode p = root.object("parameters");
      for (String name : p.fieldNames()) {
        params.put(name, p.text(name));
      }
    }
    Set<String> known = new HashSet<>(params.keySet());
    known.add("run_date");
    known.addAll(Programmes.PARAMETERS);
    List<View> views = new ArrayList<>();
    if (root.has("views")) {
      for (ConfigNode v : root.list("views")) {
        String name = v.text("name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
          throw v.error("name", "expected a snake_case view name, got '" + name + "'");
        }
        views.add(new View(name, checkParameters(v, v.text("sql"), known)));
      }
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (ConfigNode r : root.list("rules")) {
      String code = r.text("code");
      if (!code.matches("[A-Z][A-Z0-9_]*")) {
        throw r.error("code", "expected an UPPER_SNAKE_CASE code, got '" + code + "'");
      }
      if (!codes.add(code)) {
        throw r.error("code", "rule " + code + " is defined twice");
      }
      String severity = r.text("severity");
      if (!SEVERITIES.contains(severity)) {
        throw r.error("severity", "expected one of " + SEVERITIES + ", got '" + severity + "'");
      }
      rules.add(new Rule(code, severity, r.text("meaning"), checkParameters(r, r.text("sql"), known)));
    }
    if (rules.isEmpty()) {
      throw root.error("rules", "expected at least one rule");
    }
    return new FindingRules(source, params, views, rules);
  }

  private static String checkParameters(ConfigNode where, String sql, Set<String> known) {
    Matcher m = PARAM.matcher(sql);
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        throw where.error("sql", "unknown parameter ${" + m.group(1) + "} (expected one of " + known + ")");
      }
    }
    return sql;
  }

  /** The query with ${run_date}, the parameters and {@code more} (e.g. programme tolerances) as literals. */
  public String bind(String sql, LocalDate runDate, Map<String, String> more) {
    Matcher m = PARAM.matcher(sql);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = name.equals("run_date") ? "DATE'" + runDate + "'"
          : parameters.containsKey(name) ? parameters.get(name) : more.get(name);
      if (value == null) {
        throw new IllegalArgumentException(source + ": no value for ${" + name + "}");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  public Rule rule(String code) {
    return rules.stream().filter(r -> r.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(source + ": no rule " + code));
  }
}
