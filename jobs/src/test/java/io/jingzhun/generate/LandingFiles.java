package io.jingzhun.generate;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers that read the generator's output back: CSV (any of its encodings), JSONL, truth. */
final class LandingFiles {
  private LandingFiles() {}

  /** Every file under a folder, relative path → bytes, in name order. */
  static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** Physical lines of a text file, decoded as the generator wrote it (BOM dropped). */
  static List<String> lines(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Charset cs = StandardCharsets.UTF_8;
    String text;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      text = new String(bytes, 3, bytes.length - 3, cs);
    } else {
      java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
      try {
        text = d.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        text = new String(bytes, Charset.forName("GBK"));
      }
    }
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
  static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    return out;
  }

  /** A CSV file as rows of column name → value (the header gives the names); line numbers kept. */
  static List<Map<String, String>> csvRows(Path file) throws IOException {
    List<String> lines = lines(file);
    List<String> header = csv(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> values = csv(lines.get(i));
      Map<String, String> row = new LinkedHashMap<>();
      for (int k = 0; k < header.size(); k++) {
        row.put(header.get(k), k < values.size() ? values.get(k) : "");
      }
      row.put("_line", String.valueOf(i + 1));
      rows.add(row);
    }
    return rows;
  }
}
