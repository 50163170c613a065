package io.jingzhun.publish;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** How query results are printed: an aligned table for people, CSV or JSON for programs. */
public enum ResultFormat {
  /** Columns aligned (Chinese characters count two columns wide), numbers right-aligned. */
  TABLE,
  /** RFC 4180: header line, fields quoted when needed, nulls empty. */
  CSV,
  /** A JSON array, one object per row on its own line, nulls as null. */
  JSON;

  public static ResultFormat parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format '" + name + "': expected table, csv or json");
    }
  }

  /**
   * Prints at most {@code maxRows} rows (0: all, streamed) and returns how many were printed; a
   * caller can tell that more were left when the result is {@code maxRows} and {@code more} says so.
   */
  public Printed print(Dataset<Row> result, PrintWriter out, int maxRows) {
    Dataset<Row> limited = maxRows > 0 ? result.limit(maxRows + 1) : result;
    Printed printed = switch (this) {
      case TABLE -> printTable(result, limited, out, maxRows);
      case CSV -> printCsv(limited, out, maxRows);
      case JSON -> printJson(limited, out, maxRows);
    };
    out.flush();
    return printed;
  }

  /** @param rows rows printed @param more whether the result had more rows than were printed */
  public record Printed(long rows, boolean more) {}

  private static Dataset<Row> asText(Dataset<Row> d) {
    List<Column> cols = new ArrayList<>();
    for (String c : d.columns()) {
      cols.add(functions.col("`" + c + "`").cast("string"));
    }
    return d.select(cols.toArray(Column[]::new));
  }

  private static Printed printTable(Dataset<Row> original, Dataset<Row> limited, PrintWriter out, int maxRows) {
    StructField[] fields = original.schema().fields();
    List<Row> rows = asText(limited).collectAsList();
    boolean more = maxRows > 0 && rows.size() > maxRows;
    if (more) {
      rows = rows.subList(0, maxRows);
    }
    int[] width = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      width[i] = displayWidth(fields[i].name());
      for (Row r : rows) {
        width[i] = Math.max(width[i], displayWidth(text(r, i, "NULL")));
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    StringBuilder header = new StringBuilder("|");
    for (int i = 0; i < fields.length; i++) {
      header.append(' ').append(pad(fields[i].name(), width[i], false)).append(" |");
    }
    out.println(header);
    out.println(rule);
    for (Row r : rows) {
      StringBuilder line = new StringBuilder("|");
      for (int i = 0; i < fields.length; i++) {
        boolean right = fields[i].dataType() instanceof NumericType;
        line.append(' ').append(pad(text(r, i, "NULL"), width[i], right)).append(" |");
      }
      out.println(line);
    }
    out.println(rule);
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows") + (more ? " (more not shown)" : ""));
    return new Printed(rows.size(), more);
  }

  private static Printed printCsv(Dataset<Row> limited, PrintWriter out, int maxRows) {
    String[] names = limited.columns();
    List<String> header = new ArrayList<>();
    for (String n : names) {
      header.add(csvField(n));
    }
    out.print(String.join(",", header) + "\r\n");
    long n = 0;
    Iterator<Row> it = asText(limited).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      if (maxRows > 0 && n == maxRows) {
        return new Printed(n, true);
      }
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        fields.add(r.isNullAt(i) ? "" : csvField(r.getString(i)));
      }
      out.print(String.join(",", fields) + "\r\n");
      n++;
    }
    return new Printed(n, false);
  }

  private static Printed printJson(Dataset<Row> limited, PrintWriter out, int maxRows) {
    out.println("[");
    long n = 0;
    Column[] all = java.util.Arrays.stream(limited.columns()).map(c -> functions.col("`" + c + "`")).toArray(Column[]::new);
    // Nulls written as null (planners' tools expect every key), explicitly: the session default drops them.
    Iterator<Row> it = limited.select(functions.to_json(functions.struct(all), java.util.Map.of("ignoreNullFields", "false")))
        .toLocalIterator();
    boolean more = false;
    String pending = null;
    while (it.hasNext()) {
      String json = it.next().getString(0);
      if (maxRows > 0 && n == maxRows) {
        more = true;
        break;
      }
      if (pending != null) {
        out.println(pending + ",");
      }
      pending = json;
      n++;
    }
    if (pending != null) {
      out.println(pending);
    }
    out.println("]");
    return new Printed(n, more);
  }

  private static String text(Row r, int i, String nullText) {
    return r.isNullAt(i) ? nullText : r.getString(i);
  }

  private static String csvField(String s) {
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
        || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '))) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static String pad(String s, int width, boolean right) {
    String spaces = " ".repeat(Math.max(0, width - displayWidth(s)));
    return right ? spaces + s : s + spaces;
  }

  /** Terminal columns a string takes: East Asian wide and full-width characters take two. */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += isWide(cp) ? 2 : 1;
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
