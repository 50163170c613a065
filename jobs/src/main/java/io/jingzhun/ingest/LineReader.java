package io.jingzhun.ingest;

import java.io.IOException;
import java.io.Reader;

/** Physical lines of a text, knowing whether each ended with a line break (LF, CRLF or CR). */
final class LineReader {
  private final Reader in;
  private int number = 0;
  private int pushedBack = -2;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;

  LineReader(Reader in) {
    this.in = in;
  }

  record Line(int number, String text, boolean terminated) {}

  Line next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    number++;
    StringBuilder sb = new StringBuilder();
    while (c != -1) {
      if (c == '\n') {
        return new Line(number, sb.toString(), true);
      }
      if (c == '\r') {
        int n = read();
        if (n != '\n') {
          pushedBack = n;
        }
        return new Line(number, sb.toString(), true);
      }
      sb.append((char) c);
      c = read();
    }
    return new Line(number, sb.toString(), false);
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

}
