package io.jingzhun.publish;

import io.jingzhun.common.HadoopFiles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the commit records under {@code published/_manifests}. A run date's current manifest is its
 * highest-numbered commit file that parses whole: a file torn by a crash while it was written
 * (possible on a local disk or HDFS; an S3 PUT is all-or-nothing) was never committed, and is
 * skipped.
 */
final class Manifests {
  private static final Logger LOG = LoggerFactory.getLogger(Manifests.class);

  private final HadoopFiles files;
  private final PublishedLayout layout;

  Manifests(HadoopFiles files, PublishedLayout layout) {
    this.files = files;
    this.layout = layout;
  }

  /** Run dates that have a manifest folder, ascending (a folder may hold only a torn file). */
  List<LocalDate> runDates() {
    List<LocalDate> dates = new ArrayList<>();
    for (FileStatus s : files.list(layout.manifestsFolder())) {
      if (s.isDirectory()) {
        PublishedLayout.runDateOf(s.getPath().getName()).ifPresent(dates::add);
      }
    }
    dates.sort(Comparator.naturalOrder());
    return dates;
  }

  /** Commit files of a run date by sequence number, ascending. */
  TreeMap<Integer, String> commitFiles(LocalDate runDate) {
    TreeMap<Integer, String> out = new TreeMap<>();
    for (FileStatus s : files.list(layout.manifestFolder(runDate))) {
      if (s.isFile()) {
        PublishedLayout.sequenceOf(s.getPath().getName()).ifPresent(n -> out.put(n, s.getPath().toString()));
      }
    }
    return out;
  }

  /** The committed manifest of a run date, if it has one. */
  Optional<Manifest> current(LocalDate runDate) {
    for (String file : commitFiles(runDate).descendingMap().values()) {
      try {
        return Optional.of(Manifest.parse(file, files.readString(file)));
      } catch (IllegalArgumentException e) {
        LOG.warn("ignoring an incomplete manifest (a publish that did not finish): {}", file);
      }
    }
    return Optional.empty();
  }

  /** The latest committed run on or before a date (any date when null). */
  Optional<Manifest> latest(LocalDate onOrBefore) {
    List<LocalDate> dates = runDates();
    for (int i = dates.size() - 1; i >= 0; i--) {
      LocalDate d = dates.get(i);
      if (onOrBefore == null || !d.isAfter(onOrBefore)) {
        Optional<Manifest> m = current(d);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return Optional.empty();
  }

  /** Every committed run on or before a date (all when null), ascending by run date. */
  List<Manifest> history(LocalDate onOrBefore) {
    List<Manifest> out = new ArrayList<>();
    for (LocalDate d : runDates()) {
      if (onOrBefore == null || !d.isAfter(onOrBefore)) {
        current(d).ifPresent(out::add);
      }
    }
    return out;
  }
}
