package io.jingzhun.ingest;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;

/**
 * The landing folder of one run date, {@code <landing>/<date>/<table>/*.{csv,jsonl,parquet}}: finds
 * the files of the requested tables and refuses a delivery that does not have that shape.
 */
final class Landing {
  private Landing() {}

  /**
   * The files of each requested table (all tables with a folder when none is requested), sorted by
   * name. Throws an {@link IngestException} listing every problem: no date folder, a folder that is
   * not a known table, a requested table without files, a file of an unknown kind.
   */
  static Map<String, List<LandingFile>> scan(
      HadoopFiles files, String landingUri, LocalDate date, List<String> requested, List<String> known) {
    String dateFolder = Warehouse.Locations.toUri(landingUri) + "/" + date;
    List<String> problems = new ArrayList<>();
    if (!files.exists(dateFolder)) {
      throw new IngestException("no landing folder for " + date,
          List.of(dateFolder + ": expected a folder holding one folder per table (" + String.join(", ", known) + ")"));
    }
    Map<String, String> folders = new LinkedHashMap<>();
    for (FileStatus s : files.list(dateFolder)) {
      String name = s.getPath().getName();
      if (hidden(name)) {
        continue;
      }
      if (!s.isDirectory()) {
        problems.add(date + "/" + name + ": unexpected file; expected only table folders ("
            + String.join(", ", known) + ")");
      } else if (!known.contains(name)) {
        problems.add(date + "/" + name + ": unknown table folder; expected one of " + String.join(", ", known));
      } else {
        folders.put(name, s.getPath().toString());
      }
    }
    Set<String> tables = new TreeSet<>(requested.isEmpty() ? folders.keySet() : requested);
    for (String t : requested) {
      if (!known.contains(t)) {
        problems.add(t + ": no such table; expected one of " + String.join(", ", known));
      }
    }
    if (tables.isEmpty() && problems.isEmpty()) {
      problems.add(date + ": no table folders; expected one or more of " + String.join(", ", known));
    }
    Map<String, List<LandingFile>> out = new LinkedHashMap<>();
    for (String t : tables) {
      if (!known.contains(t)) {
        continue;
      }
      String folder = folders.get(t);
      List<LandingFile> found = new ArrayList<>();
      if (folder != null) {
        for (FileStatus s : files.list(folder)) {
          String name = s.getPath().getName();
          if (hidden(name)) {
            continue;
          }
          FileFormat format = s.isDirectory() ? null : FileFormat.ofFileName(name);
          if (format == null) {
            problems.add(t + "/" + name + ": unexpected " + (s.isDirectory() ? "folder" : "file")
                + "; expected files ending in .csv, .jsonl or .parquet");
          } else {
            found.add(new LandingFile(t, t + "/" + name, s.getPath().toString(), format, s.getLen()));
          }
        }
      }
      if (found.isEmpty()) {
        problems.add(t + ": no files for this table; expected " + date + "/" + t + "/*.csv, *.jsonl or *.parquet");
      }
      out.put(t, List.copyOf(found));
    }
    if (!problems.isEmpty()) {
      throw new IngestException("ingest of " + date + " refused, nothing was written", problems);
    }
    return out;
  }

  /** Hadoop's and editors' by-products (_SUCCESS, .crc, .DS_Store) are not deliveries. */
  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }
}
