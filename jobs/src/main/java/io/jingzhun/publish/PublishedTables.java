package io.jingzhun.publish;

import static io.jingzhun.common.Preconditions.checkArgument;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The published tables of one committed run, resolved through its manifest once, at open: every
 * table read from here belongs to the same run even if another publish commits meanwhile. This is
 * how the {@code sql} command, notebooks, quality checks and dynamic monitoring read published data;
 * nothing should list the table folders directly.
 */
public final class PublishedTables {
  private final SparkSession spark;
  private final PublishedLayout layout;
  private final Manifests manifests;
  private final Manifest manifest;
  // Every committed manifest up to this run: read only when history is asked for (years of nightly
  // runs are many small reads on S3, which opening the latest run should not pay for).
  private List<Manifest> history;

  private PublishedTables(SparkSession spark, PublishedLayout layout, Manifests manifests, Manifest manifest) {
    this.spark = spark;
    this.layout = layout;
    this.manifests = manifests;
    this.manifest = manifest;
  }

  private synchronized List<Manifest> historyManifests() {
    if (history == null) {
      // This run's own entry is the manifest resolved at open, even if its date was re-published since.
      List<Manifest> all = new ArrayList<>(manifests.history(manifest.runDate().minusDays(1)));
      all.add(manifest);
      history = List.copyOf(all);
    }
    return history;
  }

  /**
   * The latest committed run, or with {@code asOf} the latest committed run on or before that date
   * (the run of that date when there is one). A clear error when there is none.
   */
  public static PublishedTables open(SparkSession spark, Warehouse warehouse, Optional<LocalDate> asOf) {
    PublishedLayout layout = new PublishedLayout(warehouse);
    Manifests manifests = new Manifests(HadoopFiles.of(spark), layout);
    Optional<Manifest> run = manifests.latest(asOf.orElse(null));
    if (run.isEmpty()) {
      throw new IllegalStateException("nothing is published under " + layout.root()
          + (asOf.isPresent() ? " on or before " + asOf.get() : "") + " (the nightly run publishes; see docs/publishing.md)");
    }
    return new PublishedTables(spark, layout, manifests, run.get());
  }

  /** The last committed run strictly before a date (dynamic monitoring compares against it). */
  public static Optional<PublishedTables> previous(SparkSession spark, Warehouse warehouse, LocalDate before) {
    checkArgument(before != null, "expected a date");
    PublishedLayout layout = new PublishedLayout(warehouse);
    Manifests manifests = new Manifests(HadoopFiles.of(spark), layout);
    return manifests.latest(before.minusDays(1)).map(m -> new PublishedTables(spark, layout, manifests, m));
  }

  /** Every committed run date, ascending. */
  public static List<LocalDate> runDates(SparkSession spark, Warehouse warehouse) {
    List<LocalDate> out = new ArrayList<>();
    new Manifests(HadoopFiles.of(spark), new PublishedLayout(warehouse)).history(null)
        .forEach(m -> out.add(m.runDate()));
    return out;
  }

  public LocalDate runDate() {
    return manifest.runDate();
  }

  public Manifest manifest() {
    return manifest;
  }

  public Set<String> names() {
    return new TreeSet<>(manifest.tables().keySet());
  }

  /** A table of this run. */
  public Dataset<Row> table(String name) {
    ManifestTable t = manifest.tables().get(name);
    checkArgument(t != null, "table '%s' is not published in the run of %s (published: %s)",
        name, manifest.runDate(), names());
    return spark.read().parquet(layout.absolute(t.location()));
  }

  /**
   * A table over every committed run up to this one, with a {@code run_date} column first. Runs
   * whose table had other columns are merged by name (missing columns are null).
   */
  public Dataset<Row> history(String name) {
    List<String> paths = new ArrayList<>();
    Set<String> fingerprints = new TreeSet<>();
    for (Manifest m : historyManifests()) {
      ManifestTable t = m.tables().get(name);
      if (t != null) {
        paths.add(layout.absolute(t.location()));
        fingerprints.add(t.schemaFingerprint());
      }
    }
    checkArgument(!paths.isEmpty(), "table '%s' was never published up to %s", name, manifest.runDate());
    // One read over all runs' folders: the run_date=… folder names become a partition column
    // (and attempt=…, dropped), which scales to years of history far better than a union.
    Dataset<Row> all = spark.read()
        .option("basePath", layout.root() + "/" + name)
        .option("mergeSchema", fingerprints.size() > 1)
        .parquet(paths.toArray(String[]::new))
        .drop("attempt");
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    cols.add(functions.col("run_date").cast("date").as("run_date"));
    for (String c : all.columns()) {
      if (!c.equals("run_date")) {
        cols.add(functions.col("`" + c + "`"));
      }
    }
    return all.select(cols.toArray(org.apache.spark.sql.Column[]::new));
  }

  /** Registers every table as a temporary view by its name, and {@code <name>_history}. */
  public void registerViews() {
    registerViews(spark);
  }

  /** The same, in another session (e.g. an isolated one for planners' queries). */
  public void registerViews(SparkSession session) {
    Set<String> all = new TreeSet<>();
    historyManifests().forEach(m -> all.addAll(m.tables().keySet()));
    PublishedTables in = new PublishedTables(session, layout, manifests, manifest);
    in.history = historyManifests();
    for (String name : all) {
      if (manifest.tables().containsKey(name)) {
        in.table(name).createOrReplaceTempView(name);
      }
      in.history(name).createOrReplaceTempView(name + "_history");
    }
  }
}
