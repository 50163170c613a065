package io.jingzhun.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The encodings departments export text in: UTF-8 (with or without a byte-order mark) and GBK.
 * Detection: a BOM means UTF-8; text that decodes as UTF-8 is UTF-8; else GBK; else unreadable.
 * Decoding is strict, so a wrong guess is noticed, never turned into replacement characters.
 */
enum TextEncoding {
  UTF_8("UTF-8", StandardCharsets.UTF_8),
  UTF_8_BOM("UTF-8 with BOM", StandardCharsets.UTF_8),
  GBK("GBK", Charset.forName("GBK"));

  private final String label;
  private final Charset charset;

  TextEncoding(String label, Charset charset) {
    this.label = label;
    this.charset = charset;
  }

  String label() {
    return label;
  }

  /** An encoding named in configuration: {@code UTF-8} or {@code GBK} (case-insensitive). */
  static TextEncoding named(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace("_", "-");
    switch (n) {
      case "UTF-8":
      case "UTF8":
        return UTF_8;
      case "GBK":
      case "CP936":
        return GBK;
      default:
        return null;
    }
  }

  /** The first bytes of a file, without consuming them. */
  static byte[] head(BufferedInputStream in, int n) throws IOException {
    in.mark(n);
    byte[] b = in.readNBytes(n);
    in.reset();
    return b;
  }

  static boolean hasUtf8Bom(byte[] head) {
    return head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
  }

  static boolean hasUtf16Bom(byte[] head) {
    return head.length >= 2
        && (((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)
            || ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF));
  }

  /**
   * A strict reader of the stream in this encoding, past any UTF-8 byte-order mark: malformed input
   * throws {@link java.nio.charset.MalformedInputException}.
   */
  Reader reader(InputStream raw) throws IOException {
    BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
    if (charset == StandardCharsets.UTF_8 && hasUtf8Bom(head(in, 3))) {
      in.skipNBytes(3);
    }
    // Unbuffered: the CSV and line readers read large blocks themselves.
    return new InputStreamReader(
        in,
        charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }
}
