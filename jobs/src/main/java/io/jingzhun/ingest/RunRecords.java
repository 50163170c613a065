package io.jingzhun.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jingzhun.common.HadoopFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileStatus;

/**
 * The ingest run records of a date: {@code runs/ingest/run_date=D/<table>.json} per table and a
 * {@code summary.json} combining every table ingested for that date.
 */
final class RunRecords {
  static final String SUMMARY = "summary.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunRecords() {}

  static void write(HadoopFiles files, String folder, TableSummary t, LocalDate runDate) {
    files.writeString(folder + "/" + t.table() + ".json", render(tableNode(t, runDate)));
  }

  /** Rebuilds summary.json from every table record of the date (also those of earlier runs). */
  static void writeSummary(HadoopFiles files, String folder, LocalDate runDate) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_date", runDate.toString());
    ObjectNode tables = root.putObject("tables");
    boolean reconciled = true;
    long read = 0;
    long staged = 0;
    long quarantined = 0;
    for (FileStatus s : files.list(folder)) {
      String n = s.getPath().getName();
      if (!n.endsWith(".json") || n.equals(SUMMARY)) {
        continue;
      }
      JsonNode t;
      try {
        t = JSON.readTree(files.readString(s.getPath().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read run record " + s.getPath(), e);
      }
      tables.set(n.substring(0, n.length() - 5), t);
      reconciled &= t.path("reconciled").asBoolean(false);
      read += t.path("rows_read").asLong();
      staged += t.path("rows_staged").asLong();
      quarantined += t.path("rows_quarantined").asLong();
    }
    root.put("rows_read", read);
    root.put("rows_staged", staged);
    root.put("rows_quarantined", quarantined);
    root.put("reconciled", reconciled);
    files.writeString(folder + "/" + SUMMARY, render(root));
  }

  static ObjectNode tableNode(TableSummary t, LocalDate runDate) {
    ObjectNode n = JSON.createObjectNode();
    n.put("table", t.table());
    n.put("run_date", runDate.toString());
    n.put("rows_read", t.rowsRead());
    n.put("rows_staged", t.rowsStaged());
    n.put("rows_quarantined", t.rowsQuarantined());
    n.put("reconciled", t.reconciled());
    ObjectNode reasons = n.putObject("quarantine_by_reason");
    t.quarantineByReason().forEach(reasons::put);
    n.put("seconds", Math.round(t.seconds() * 1000) / 1000.0);
    n.put("staged", t.staged());
    n.put("quarantine", t.quarantine());
    ArrayNode fs = n.putArray("files");
    for (FileSummary f : t.files()) {
      ObjectNode fn = fs.addObject();
      fn.put("source_file", f.sourceFile());
      fn.put("format", f.format());
      fn.put("encoding", f.encoding());
      fn.put("rows_read", f.rowsRead());
      fn.put("blank_lines", f.blankLines());
      ArrayNode ig = fn.putArray("ignored_columns");
      f.ignoredColumns().forEach(ig::add);
    }
    return n;
  }

  private static String render(JsonNode n) {
    try {
      return JSON.writeValueAsString(n) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
