package io.jingzhun.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from decoded text, streaming: comma separated, fields optionally in double quotes,
 * {@code ""} for a quote inside quotes, line breaks allowed inside quotes, CRLF, LF or CR line
 * endings. Keeps each record's original text and starting line, which quarantine rows need.
 */
final class CsvReader implements Closeable {
  private final Reader in;
  private int line = 1;
  private int pushedBack = -2;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  // Reused from record to record: a fresh builder per record grew its array several times for each
  // one (6 % of ingest's task time for the members at a million households, JFR, 2026-12-05).
  private final List<String> fields = new ArrayList<>();
  private final StringBuilder raw = new StringBuilder(256);
  private final StringBuilder field = new StringBuilder(64);

  CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record, or null at the end of the text. */
  CsvRecord next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    int start = line;
    fields.clear();
    raw.setLength(0);
    field.setLength(0);
    boolean inQuotes = false;
    boolean fieldStart = true;
    while (true) {
      if (c == -1) {
        fields.add(field.toString());
        return new CsvRecord(start, List.copyOf(fields), raw.toString(), false, inQuotes);
      }
      if (inQuotes) {
        if (c == '"') {
          int n = read();
          if (n == '"') {
            field.append('"');
            raw.append("\"\"");
          } else {
            inQuotes = false;
            raw.append('"');
            c = n;
            continue;
          }
        } else {
          if (c == '\n' || (c == '\r' && peek() != '\n')) {
            line++;
          }
          field.append((char) c);
          raw.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        raw.append(',');
        fieldStart = true;
        c = read();
        continue;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        line++;
        fields.add(field.toString());
        return new CsvRecord(start, List.copyOf(fields), raw.toString(), true, false);
      } else if (c == '"' && fieldStart) {
        inQuotes = true;
        raw.append('"');
      } else {
        field.append((char) c);
        raw.append((char) c);
      }
      fieldStart = false;
      c = read();
    }
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    // Own buffer: Reader.read() per character takes a lock each time, which shows at millions of rows.
    if (pos == len) {
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return -1;
      }
    }
    return buf[pos++];
  }


  private int peek() throws IOException {
    if (pushedBack == -2) {
      pushedBack = read();
    }
    return pushedBack;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
