package io.jingzhun.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;

/**
 * Checks one whole delivered file before anything is written (runs in a Spark task, one per file):
 * encoding, header, required columns, and that the file is complete. Never throws for a bad file:
 * the problem is returned, so every file's problems are reported together.
 */
final class FileInspector {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FileInspector() {}

  /**
   * @param encodingOverride the configured encoding of the table's text files, or null to detect
   */
  static FileInspection inspect(
      LandingFile file, ColumnNames names, TextEncoding encodingOverride, Configuration conf) {
    try {
      if (file.format() == FileFormat.PARQUET) {
        return parquet(file, names, conf);
      }
      byte[] head;
      try (BufferedInputStream in = open(file, conf)) {
        head = TextEncoding.head(in, 4);
      }
      if (head.length == 0) {
        return FileInspection.refused(file, "empty file; expected " + expectation(file));
      }
      if (TextEncoding.hasUtf16Bom(head)) {
        return FileInspection.refused(file, "UTF-16 text; expected UTF-8 (with or without BOM) or GBK");
      }
      List<TextEncoding> candidates =
          encodingOverride != null ? List.of(encodingOverride)
              : TextEncoding.hasUtf8Bom(head) ? List.of(TextEncoding.UTF_8_BOM)
              : List.of(TextEncoding.UTF_8, TextEncoding.GBK);
      String lastError = null;
      for (TextEncoding enc : candidates) {
        try (InputStream in = open(file, conf); Reader r = enc.reader(in)) {
          return file.format() == FileFormat.CSV ? csv(file, names, enc, r) : jsonl(file, names, enc, r);
        } catch (CharacterCodingException e) {
          lastError = enc.label();
        }
      }
      return FileInspection.refused(file, "cannot be decoded as "
          + (encodingOverride != null ? lastError + " (configured)" : "UTF-8 or GBK")
          + "; expected text in UTF-8 (with or without BOM) or GBK");
    } catch (IOException e) {
      return FileInspection.refused(file, "cannot be read: " + e.getMessage());
    }
  }

  private static FileInspection csv(LandingFile file, ColumnNames names, TextEncoding enc, Reader r)
      throws IOException {
    CsvReader csv = new CsvReader(r);
    long blank = 0;
    CsvRecord header = csv.next();
    while (header != null && header.blank() && header.terminated()) {
      blank++;
      header = csv.next();
    }
    if (header == null || header.blank()) {
      return FileInspection.refused(file, "empty file (no header row); expected " + expectation(file));
    }
    if (header.openQuote()) {
      return FileInspection.refused(file, "truncated: the header row starting on line " + header.line()
          + " has an unterminated quote");
    }
    List<String> problems = new ArrayList<>();
    List<String> headers = header.fields();
    int[] map = names.map(headers, problems);
    if (!problems.isEmpty()) {
      return FileInspection.refused(file, String.join("; ", problems) + " (header on line " + header.line() + ")");
    }
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < map.length; i++) {
      if (map[i] < 0) {
        ignored.add(headers.get(i));
      }
    }
    CsvRecord last = header;
    CsvRecord rec;
    while ((rec = csv.next()) != null) {
      if (rec.blank() && rec.terminated()) {
        blank++;
      }
      last = rec;
    }
    if (last.openQuote()) {
      return FileInspection.refused(file, "truncated: the record starting on line " + last.line()
          + " ends inside quotes at the end of the file; expected a closing quote and a complete record");
    }
    if (last != header && !last.terminated() && !last.blank() && last.fields().size() < headers.size()) {
      return FileInspection.refused(file, "truncated: the last record (line " + last.line() + ") has "
          + last.fields().size() + " of " + headers.size() + " fields and no final line break");
    }
    return new FileInspection(file, enc, List.copyOf(headers), map, blank, List.copyOf(ignored), null);
  }

  private static FileInspection jsonl(LandingFile file, ColumnNames names, TextEncoding enc, Reader r)
      throws IOException {
    LineReader lines = new LineReader(r);
    long blank = 0;
    long records = 0;
    Set<Integer> seen = new java.util.HashSet<>();
    Set<String> ignored = new LinkedHashSet<>();
    LineReader.Line line;
    LineReader.Line lastRecord = null;
    boolean lastParsed = true;
    while ((line = lines.next()) != null) {
      if (line.text().isBlank()) {
        blank++;
        continue;
      }
      records++;
      lastRecord = line;
      JsonNode node = parse(line.text());
      lastParsed = node != null;
      if (node != null && node.isObject()) {
        node.fieldNames().forEachRemaining(k -> {
          int c = names.indexOf(k);
          if (c >= 0) {
            seen.add(c);
          } else {
            ignored.add(k);
          }
        });
      }
    }
    if (records == 0) {
      return FileInspection.refused(file, "empty file (no records); expected " + expectation(file));
    }
    if (!lastParsed && !lastRecord.terminated()) {
      return FileInspection.refused(file, "truncated: the last line (" + lastRecord.number()
          + ") is not complete JSON and has no final line break");
    }
    List<String> problems = new ArrayList<>();
    List<String> presentHeaders = new ArrayList<>();
    var cols = names.contract().columns();
    for (int c = 0; c < cols.size(); c++) {
      if (seen.contains(c)) {
        presentHeaders.add(cols.get(c).name());
      }
    }
    names.map(presentHeaders, problems);
    if (!problems.isEmpty()) {
      return FileInspection.refused(file, String.join("; ", problems) + " (no record has it)");
    }
    return new FileInspection(file, enc, List.of(), new int[0], blank, List.copyOf(ignored), null);
  }

  private static FileInspection parquet(LandingFile file, ColumnNames names, Configuration conf) {
    if (file.bytes() == 0) {
      return FileInspection.refused(file, "empty file; expected " + expectation(file));
    }
    List<String> headers = new ArrayList<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.uri()), conf))) {
      for (Type t : reader.getFooter().getFileMetaData().getSchema().getFields()) {
        headers.add(t.getName());
      }
    } catch (IOException | RuntimeException e) {
      return FileInspection.refused(file, "not a readable Parquet file (truncated or damaged?): " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    int[] map = names.map(headers, problems);
    if (!problems.isEmpty()) {
      return FileInspection.refused(file, String.join("; ", problems));
    }
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < map.length; i++) {
      if (map[i] < 0) {
        ignored.add(headers.get(i));
      }
    }
    return new FileInspection(file, null, List.copyOf(headers), map, 0, List.copyOf(ignored), null);
  }

  /** The JSON value of a line, or null when it is not JSON. */
  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  static BufferedInputStream open(LandingFile file, Configuration conf) throws IOException {
    Path p = new Path(file.uri());
    return new BufferedInputStream(p.getFileSystem(conf).open(p), 1 << 16);
  }

  private static String expectation(LandingFile file) {
    switch (file.format()) {
      case CSV:
        return "a header row naming the columns, then one record per line";
      case JSONL:
        return "one JSON object per line";
      default:
        return "a Parquet file";
    }
  }
}
