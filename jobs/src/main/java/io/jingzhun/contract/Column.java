package io.jingzhun.contract;

import io.jingzhun.identity.ChineseNames;
import io.jingzhun.identity.ResidentIdCheck;
import io.jingzhun.identity.ResidentIds;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One column of an extract contract, and how a value of it found in a file becomes its staged form
 * (see {@code schemas/README.md}, "Types and their staged form"). Immutable and serializable, so Spark
 * tasks can type values with it.
 */
public final class Column implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Dates are accepted from 1850 (the oldest birth dates in registries) to 2100. */
  private static final LocalDate EARLIEST_DATE = LocalDate.of(1850, 1, 1);
  private static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);

  private static final Pattern DATE_SEPARATED =
      Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
  private static final Pattern DATE_COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final Pattern DATE_CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日?");
  private static final Pattern PLAIN_NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern GROUPED_NUMBER = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
  private static final Pattern CODE_LIST_SEPARATORS = Pattern.compile("[;,、]");
  private static final Map<String, Boolean> BOOLEANS =
      Map.ofEntries(
          Map.entry("是", true), Map.entry("否", false),
          Map.entry("有", true), Map.entry("无", false),
          Map.entry("true", true), Map.entry("false", false),
          Map.entry("1", true), Map.entry("0", false),
          Map.entry("y", true), Map.entry("n", false),
          Map.entry("yes", true), Map.entry("no", false));

  private final String name;
  private final String labelZh;
  private final ColumnType type;
  private final boolean required;
  private final boolean personal;
  private final Map<String, List<String>> values;
  private final Integer digits;
  private final Double min;
  private final Double max;
  // The bounds as decimals once: BigDecimal.valueOf(double) formats the double as text on every call.
  private final BigDecimal minDecimal;
  private final BigDecimal maxDecimal;
  private final Pattern pattern;
  /** Lower-cased canonical code or spelling → canonical code. */
  private final Map<String, String> codeLookup;

  Column(
      String name,
      String labelZh,
      ColumnType type,
      boolean required,
      boolean personal,
      Map<String, List<String>> values,
      Integer digits,
      Double min,
      Double max,
      Pattern pattern,
      Map<String, String> codeLookup) {
    this.name = name;
    this.labelZh = labelZh;
    this.type = type;
    this.required = required;
    this.personal = personal;
    Map<String, List<String>> v = new LinkedHashMap<>();
    values.forEach((k, list) -> v.put(k, List.copyOf(list)));
    this.values = java.util.Collections.unmodifiableMap(v);
    this.digits = digits;
    this.min = min;
    this.max = max;
    this.minDecimal = min == null ? null : BigDecimal.valueOf(min);
    this.maxDecimal = max == null ? null : BigDecimal.valueOf(max);
    this.pattern = pattern;
    this.codeLookup = Map.copyOf(codeLookup);
  }

  public String name() {
    return name;
  }

  /** The Chinese label an input header may use instead of the name; may be null. */
  public String labelZh() {
    return labelZh;
  }

  public ColumnType type() {
    return type;
  }

  public boolean required() {
    return required;
  }

  public boolean personal() {
    return personal;
  }

  /** For codes: canonical code → accepted spellings, in contract order; empty for other types. */
  public Map<String, List<String>> values() {
    return values;
  }

  /** For administrative codes: the exact number of digits; else null. */
  public Integer digits() {
    return digits;
  }

  public Double min() {
    return min;
  }

  public Double max() {
    return max;
  }

  /** For strings: the pattern a value must match, or null. */
  public String pattern() {
    return pattern == null ? null : pattern.pattern();
  }

  /**
   * The staged fields this column becomes: one for most types; {@code <c>, <c>_normalised} for a
   * person_name; {@code <c>, <c>_normalised, <c>_issue} for a resident_id.
   */
  public List<StructField> stagedFields() {
    switch (type) {
      case PERSON_NAME:
        return List.of(
            DataTypes.createStructField(name, DataTypes.StringType, true),
            DataTypes.createStructField(name + "_normalised", DataTypes.StringType, true));
      case RESIDENT_ID:
        return List.of(
            DataTypes.createStructField(name, DataTypes.StringType, true),
            DataTypes.createStructField(name + "_normalised", DataTypes.StringType, true),
            DataTypes.createStructField(name + "_issue", DataTypes.StringType, true));
      default:
        return List.of(DataTypes.createStructField(name, stagedType(), true));
    }
  }

  private DataType stagedType() {
    switch (type) {
      case INTEGER:
        return DataTypes.IntegerType;
      case DECIMAL:
        return DataTypes.DoubleType;
      case DATE:
        return DataTypes.DateType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case CODE_LIST:
        return DataTypes.createArrayType(DataTypes.StringType, false);
      default:
        return DataTypes.StringType;
    }
  }

  /**
   * Brings a value as found in a file (null or blank when absent) to its staged form. Resident ID
   * numbers are judged against {@code today} (the run date), so a re-run gives the same result.
   */
  public FieldValue normalise(String text, LocalDate today) {
    if (type == ColumnType.PERSON_NAME) {
      String asTyped = Texts.strip(text);
      if (asTyped == null || asTyped.isEmpty()) {
        return missing(2);
      }
      return ok(asTyped, ChineseNames.normalise(asTyped));
    }
    if (type == ColumnType.RESIDENT_ID) {
      ResidentIdCheck c = ResidentIds.check(text, today);
      String reason =
          required && c.issue() == io.jingzhun.identity.ResidentIdIssue.MISSING
              ? ReasonCode.MISSING_VALUE.forColumn(name)
              : null;
      return new FieldValue(
          new Object[] {c.valid() ? c.normalised() : null, c.normalised(),
              c.issue() == null ? null : c.issue().code()},
          reason);
    }
    String t = Texts.clean(text);
    if (t == null) {
      return missing(1);
    }
    switch (type) {
      case STRING:
        if (pattern != null && !pattern.matcher(t).matches()) {
          return bad(ReasonCode.BAD_FORMAT);
        }
        return ok(t);
      case INTEGER:
        return integer(t);
      case DECIMAL:
        return decimal(t);
      case DATE:
        return date(t);
      case BOOLEAN:
        Boolean b = BOOLEANS.get(t.toLowerCase(Locale.ROOT));
        return b == null ? bad(ReasonCode.BAD_BOOLEAN) : ok(b);
      case CODE:
        String code = codeLookup.get(t.toLowerCase(Locale.ROOT));
        return code == null ? bad(ReasonCode.UNKNOWN_CODE) : ok(code);
      case CODE_LIST:
        return codeList(t);
      case ADMIN_CODE:
        if (t.length() != digits || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          return bad(ReasonCode.BAD_FORMAT);
        }
        return ok(t);
      default:
        throw new IllegalStateException("unhandled column type " + type);
    }
  }

  private FieldValue integer(String t) {
    BigDecimal d = number(t);
    if (d == null) {
      return bad(ReasonCode.BAD_NUMBER);
    }
    BigDecimal whole;
    try {
      // "3.0" as exported by spreadsheets is the integer 3; "3.5" is not an integer.
      whole = d.stripTrailingZeros().setScale(0);
    } catch (ArithmeticException e) {
      return bad(ReasonCode.BAD_NUMBER);
    }
    if (!inRange(whole) || whole.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return bad(ReasonCode.OUT_OF_RANGE);
    }
    return ok(whole.intValueExact());
  }

  private FieldValue decimal(String t) {
    BigDecimal d = number(t);
    if (d == null) {
      return bad(ReasonCode.BAD_NUMBER);
    }
    double v = d.doubleValue();
    if (Double.isInfinite(v) || !inRange(d)) {
      return bad(ReasonCode.OUT_OF_RANGE);
    }
    return ok(v);
  }

  private static BigDecimal number(String t) {
    String s = t;
    // Most values are plain digits with at most one point, which both patterns below would accept
    // as they are: only the other forms pay for the regular expressions.
    if (isDigitsWithOptionalPoint(s)) {
      return new BigDecimal(s);
    }
    if (GROUPED_NUMBER.matcher(s).matches()) {
      s = s.replace(",", "");
    }
    if (!PLAIN_NUMBER.matcher(s).matches()) {
      return null;
    }
    try {
      return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** ASCII digits with at most one point and at least one digit: "12", "12.5", "12.", ".5". */
  private static boolean isDigitsWithOptionalPoint(String s) {
    boolean digit = false;
    boolean point = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digit = true;
      } else if (ch == '.' && !point) {
        point = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  private boolean inRange(BigDecimal d) {
    return (minDecimal == null || d.compareTo(minDecimal) >= 0)
        && (maxDecimal == null || d.compareTo(maxDecimal) <= 0);
  }

  /** The ASCII digits of {@code s} from {@code from} (inclusive) to {@code to} as a number, or -1. */
  private static int digitsAt(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }

  private FieldValue date(String t) {
    int y = -1;
    int mo = -1;
    int d = -1;
    // yyyy-MM-dd, the form of nearly every extract, without the patterns (which accept it alike).
    if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
      y = digitsAt(t, 0, 4);
      mo = digitsAt(t, 5, 7);
      d = digitsAt(t, 8, 10);
    }
    if (y < 0 || mo < 0 || d < 0) {
      Matcher m;
      if ((m = DATE_SEPARATED.matcher(t)).matches()) {
        y = Integer.parseInt(m.group(1));
        mo = Integer.parseInt(m.group(3));
        d = Integer.parseInt(m.group(4));
      } else if ((m = DATE_COMPACT.matcher(t)).matches() || (m = DATE_CHINESE.matcher(t)).matches()) {
        y = Integer.parseInt(m.group(1));
        mo = Integer.parseInt(m.group(2));
        d = Integer.parseInt(m.group(3));
      } else {
        return bad(ReasonCode.BAD_DATE);
      }
    }
    LocalDate date;
    try {
      date = LocalDate.of(y, mo, d);
    } catch (DateTimeException e) {
      return bad(ReasonCode.BAD_DATE);
    }
    if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
      return bad(ReasonCode.OUT_OF_RANGE);
    }
    return ok(java.sql.Date.valueOf(date));
  }

  private FieldValue codeList(String t) {
    Set<String> codes = new LinkedHashSet<>();
    for (String part : CODE_LIST_SEPARATORS.split(t)) {
      String p = Texts.strip(part);
      if (p.isEmpty()) {
        continue;
      }
      String code = codeLookup.get(p.toLowerCase(Locale.ROOT));
      if (code == null) {
        return bad(ReasonCode.UNKNOWN_CODE);
      }
      codes.add(code);
    }
    if (codes.isEmpty()) {
      return missing(1);
    }
    return ok((Object) new ArrayList<>(codes).toArray(new String[0]));
  }

  private FieldValue missing(int width) {
    return new FieldValue(new Object[width], required ? ReasonCode.MISSING_VALUE.forColumn(name) : null);
  }

  private FieldValue bad(ReasonCode code) {
    return new FieldValue(new Object[stagedWidth()], code.forColumn(name));
  }

  private static FieldValue ok(Object... values) {
    return new FieldValue(values, null);
  }

  int stagedWidth() {
    return type == ColumnType.PERSON_NAME ? 2 : type == ColumnType.RESIDENT_ID ? 3 : 1;
  }

  @Override
  public String toString() {
    return name + " (" + type.spelling() + (required ? ", required" : "") + ")";
  }
}
