package io.jingzhun.publish;

import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where published things live, all under {@code <warehouse>/published}:
 *
 * <pre>
 * &lt;table&gt;/run_date=D/attempt=&lt;uuid&gt;/            one attempt's Parquet (never reused, never renamed)
 * _manifests/run_date=D/commit-000001.json       commit records of run date D (highest number wins)
 * </pre>
 */
final class PublishedLayout {
  static final String MANIFESTS = "_manifests";
  private static final Pattern RUN_DATE_FOLDER = Pattern.compile("run_date=(\\d{4}-\\d{2}-\\d{2})");
  private static final Pattern COMMIT_FILE = Pattern.compile("commit-(\\d{6,})\\.json");

  private final Warehouse warehouse;
  private final String root;

  PublishedLayout(Warehouse warehouse) {
    this.warehouse = warehouse;
    this.root = warehouse.resolve(Warehouse.Layer.PUBLISHED.folder());
  }

  String root() {
    return root;
  }

  /** An attempt's folder relative to the published root (what manifests record). */
  String attemptLocation(String table, LocalDate runDate, String attempt) {
    String absolute = warehouse.partition(Warehouse.Layer.PUBLISHED, table, runDate) + "/attempt=" + attempt;
    return absolute.substring(root.length() + 1);
  }

  String absolute(String relative) {
    return root + "/" + relative;
  }

  String manifestsFolder() {
    return root + "/" + MANIFESTS;
  }

  String manifestFolder(LocalDate runDate) {
    return manifestsFolder() + "/run_date=" + runDate;
  }

  String manifestFile(LocalDate runDate, int sequence) {
    return manifestFolder(runDate) + "/" + String.format("commit-%06d.json", sequence);
  }

  static Optional<LocalDate> runDateOf(String folderName) {
    Matcher m = RUN_DATE_FOLDER.matcher(folderName);
    return m.matches() ? Optional.of(LocalDate.parse(m.group(1))) : Optional.empty();
  }

  static Optional<Integer> sequenceOf(String fileName) {
    Matcher m = COMMIT_FILE.matcher(fileName);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }
}
