package io.jingzhun.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Writes one part file of one table as a department would deliver it: CSV (RFC 4180 quoting; UTF-8,
 * UTF-8 with BOM or GBK; header by column name or Chinese label) or JSON Lines. Counts physical lines,
 * so every row's {@code source_line} is known when it is written. The file is created on the first row
 * (a JSON Lines file has no header, and an empty one would be refused by ingestion), or at close for a
 * CSV file that got no rows (a header alone is a valid, empty extract).
 */
final class TableWriter implements AutoCloseable {
  private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?[0-9]{1,9}");
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,4})?");
  private final TableLayout layout;
  private final GeneratorProfile.TableFormat format;
  private final Supplier<OutputStream> open;
  private final boolean jsonl;
  private final CharsetEncoder gbk;
  private Writer out;
  private long line;
  private long rows;

  TableWriter(TableLayout layout, GeneratorProfile.TableFormat format, Supplier<OutputStream> open) {
    this.layout = layout;
    this.format = format;
    this.open = open;
    this.jsonl = format.format().equals("jsonl");
    this.gbk = format.encoding().equals("gbk") ? Charset.forName("GBK").newEncoder() : null;
  }

  long rows() {
    return rows;
  }

  /** Writes one row and returns its 1-based physical line (the CSV header is line 1). */
  long write(String[] values) {
    try {
      start();
      StringBuilder sb = new StringBuilder(256);
      if (jsonl) {
        json(values, sb);
      } else {
        csv(values, sb);
      }
      out.write(sb.toString());
      rows++;
      return ++line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a " + layout.table + " file", e);
    }
  }

  private void start() throws IOException {
    if (out != null) {
      return;
    }
    String enc = format.encoding();
    Charset cs = enc.equals("gbk") ? Charset.forName("GBK") : StandardCharsets.UTF_8;
    out = new BufferedWriter(new OutputStreamWriter(open.get(), cs), 1 << 16);
    if (enc.equals("utf-8-bom")) {
      out.write('\uFEFF');
    }
    if (!jsonl) {
      String[] header = (format.header().equals("label_zh") ? layout.labels : layout.names).toArray(new String[0]);
      StringBuilder sb = new StringBuilder();
      csv(header, sb);
      out.write(sb.toString());
      line = 1;
    }
  }

  private void csv(String[] values, StringBuilder sb) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = encodable(values[i]);
      if (v == null) {
        continue;
      }
      if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    sb.append('\n');
  }

  private void json(String[] values, StringBuilder sb) {
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append('"').append(layout.names.get(i)).append("\":");
      String type = layout.types.get(i);
      boolean number = (type.equals("integer") && INTEGER.matcher(v).matches())
          || (type.equals("decimal") && DECIMAL.matcher(v).matches());
      if (number) {
        sb.append(v);
      } else {
        sb.append('"');
        for (int k = 0; k < v.length(); k++) {
          char c = v.charAt(k);
          if (c == '"' || c == '\\') {
            sb.append('\\').append(c);
          } else if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
        sb.append('"');
      }
    }
    sb.append("}\n");
  }

  /** In a GBK file, a character GBK cannot hold (a rare dot variant) is typed as the standard middle dot. */
  private String encodable(String v) {
    if (v == null || gbk == null || gbk.canEncode(v)) {
      return v;
    }
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      sb.append(gbk.canEncode(c) ? c : '\u00B7');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    try {
      if (out == null && !jsonl) {
        start();
      }
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close a " + layout.table + " file", e);
    }
  }
}
