package io.jingzhun.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.jingzhun.contract.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;

/**
 * The typed rows of one checked CSV or JSON Lines file, streamed (one Spark task per file keeps the
 * exact line numbers and original text). Blank lines are not records and give no row.
 */
final class TextFileRows implements Iterator<Row> {
  private final FileInspection inspection;
  private final RecordTyper typer;
  private final ColumnNames names;
  private final Reader reader;
  private final CsvReader csv;
  private final LineReader lines;
  private final int columnCount;
  private Row next;
  private boolean closed;

  private TextFileRows(FileInspection inspection, RecordTyper typer, Configuration conf) throws IOException {
    this.inspection = inspection;
    this.typer = typer;
    this.names = new ColumnNames(typer.contract());
    this.columnCount = typer.contract().columns().size();
    InputStream in = FileInspector.open(inspection.file(), conf);
    this.reader = inspection.encoding().reader(in);
    if (inspection.file().format() == FileFormat.CSV) {
      csv = new CsvReader(reader);
      lines = null;
      CsvRecord header;
      do {
        header = csv.next();
      } while (header != null && header.blank() && header.terminated());
    } else {
      csv = null;
      lines = new LineReader(reader);
    }
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> close());
    }
  }

  static Iterator<Row> of(FileInspection inspection, RecordTyper typer, Configuration conf) {
    try {
      return new TextFileRows(inspection, typer, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + inspection.file().uri(), e);
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !closed) {
      try {
        next = csv != null ? nextCsv() : nextJson();
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("cannot read " + inspection.file().sourceFile(), e);
      }
      if (next == null) {
        close();
      }
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = next;
    next = null;
    return r;
  }

  private Row nextCsv() throws IOException {
    CsvRecord rec;
    do {
      rec = csv.next();
    } while (rec != null && rec.blank());
    if (rec == null) {
      return null;
    }
    String file = inspection.file().sourceFile();
    int[] map = inspection.fieldToColumn();
    if (rec.fields().size() != map.length) {
      return typer.unreadable(ReasonCode.WRONG_FIELD_COUNT.name(), file, rec.line(), rec.raw());
    }
    String[] texts = new String[columnCount];
    for (int i = 0; i < map.length; i++) {
      if (map[i] >= 0) {
        texts[map[i]] = rec.fields().get(i);
      }
    }
    return typer.type(texts, file, rec.line(), rec.raw());
  }

  private Row nextJson() throws IOException {
    LineReader.Line line;
    do {
      line = lines.next();
    } while (line != null && line.text().isBlank());
    if (line == null) {
      return null;
    }
    String file = inspection.file().sourceFile();
    JsonNode node = FileInspector.parse(line.text());
    if (node == null || !node.isObject()) {
      return typer.unreadable(ReasonCode.MALFORMED_RECORD.name(), file, line.number(), line.text());
    }
    String[] texts = new String[columnCount];
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int c = names.indexOf(e.getKey());
      if (c >= 0 && texts[c] == null) {
        texts[c] = text(e.getValue());
      }
    }
    return typer.type(texts, file, line.number(), line.text());
  }

  /** A JSON value as the text a CSV would have held: arrays joined with ';'. */
  private static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : v) {
        if (sb.length() > 0) {
          sb.append(';');
        }
        sb.append(e.isValueNode() ? e.asText() : e.toString());
      }
      return sb.toString();
    }
    if (v.isBigDecimal() || v.isDouble() || v.isFloat()) {
      return v.decimalValue().toPlainString();
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private void close() {
    if (!closed) {
      closed = true;
      try {
        reader.close();
      } catch (IOException e) {
        // Closing a file we only read: nothing to lose.
      }
    }
  }
}
