package io.jingzhun.publish;

import static io.jingzhun.common.Preconditions.checkArgument;
import static io.jingzhun.common.Preconditions.checkNotNull;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a run date's tables all-or-nothing (docs/publishing.md):
 *
 * <ol>
 *   <li>check every table against its contract before writing anything;
 *   <li>write each table to a fresh folder {@code <table>/run_date=D/attempt=<uuid>/} that no reader
 *       knows about, then scan what was written (row count, checksum, personal-data guard);
 *   <li>commit by writing one new manifest {@code _manifests/run_date=D/commit-<n+1>.json} — a new
 *       object, never an overwrite and never a rename, so it appears whole or not at all;
 *   <li>only then delete the run date's older manifests and every attempt folder the new manifest
 *       does not list (a previous publish of the date, or one that crashed).
 * </ol>
 *
 * One publisher at a time per warehouse (the nightly run is the only writer).
 */
public final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private final Warehouse warehouse;
  private final PublishedContracts contracts;
  private final PublishHook hook;
  private final String pseudonymKeyId;

  private Publisher(Warehouse warehouse, PublishedContracts contracts, PublishHook hook, String pseudonymKeyId) {
    this.warehouse = checkNotNull(warehouse, "expected a warehouse");
    this.contracts = checkNotNull(contracts, "expected contracts");
    this.hook = checkNotNull(hook, "expected a hook (PublishHook.NONE for none)");
    this.pseudonymKeyId = pseudonymKeyId;
  }

  /** A publisher into a warehouse, checking against {@code schemas/published}. */
  public static Publisher to(Warehouse warehouse) {
    return new Publisher(warehouse, PublishedContracts.project(), PublishHook.NONE, null);
  }

  public Publisher withContracts(PublishedContracts contracts) {
    return new Publisher(warehouse, contracts, hook, pseudonymKeyId);
  }

  public Publisher withHook(PublishHook hook) {
    return new Publisher(warehouse, contracts, hook, pseudonymKeyId);
  }

  /** Records which key made the tables' pseudonyms (its fingerprint, never the key). */
  public Publisher withPseudonymKey(PseudonymKey key) {
    return new Publisher(warehouse, contracts, hook, key.id());
  }

  /** {@code Publisher.to(warehouse).publish(spark, runDate, tables)}. */
  public static PublishResult publish(
      SparkSession spark, Warehouse warehouse, LocalDate runDate, Map<String, Dataset<Row>> tables) {
    return to(warehouse).publish(spark, runDate, tables);
  }

  /** Publishes every table of the run date, or none (then the previous publish stays as it was). */
  public PublishResult publish(SparkSession spark, LocalDate runDate, Map<String, Dataset<Row>> tables) {
    checkNotNull(runDate, "expected a run date");
    checkArgument(tables != null && !tables.isEmpty(), "expected at least one table to publish");
    SortedMap<String, Dataset<Row>> sorted = new TreeMap<>(tables);
    // Everything that can be checked without writing, for every table, before writing any.
    Map<String, PublishedContract> contractOf = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> e : sorted.entrySet()) {
      PublishedContract c = contracts.forTable(e.getKey());
      c.check(e.getValue().schema());
      contractOf.put(e.getKey(), c);
    }

    HadoopFiles files = HadoopFiles.of(spark);
    PublishedLayout layout = new PublishedLayout(warehouse);
    Manifests manifests = new Manifests(files, layout);
    String attempt = UUID.randomUUID().toString();
    List<String> written = new ArrayList<>();
    boolean committed = false;
    try {
      SortedMap<String, ManifestTable> entries = new TreeMap<>();
      for (Map.Entry<String, Dataset<Row>> e : sorted.entrySet()) {
        String table = e.getKey();
        PublishedContract contract = contractOf.get(table);
        String location = layout.attemptLocation(table, runDate, attempt);
        String absolute = layout.absolute(location);
        written.add(absolute);
        long start = System.nanoTime();
        // ErrorIfExists: an attempt folder is fresh by construction; finding one means a bug.
        contract.conform(e.getValue()).write().mode(SaveMode.ErrorIfExists).parquet(absolute);
        Dataset<Row> back = spark.read().parquet(absolute);
        PublishScan.Result scan = PublishScan.scan(back, contract);
        if (!scan.problems().isEmpty()) {
          throw new PublishRefusedException(table, scan.problems());
        }
        entries.put(table, new ManifestTable(location, scan.rows(), fingerprint(back.schema()),
            scan.contentChecksum(), columns(back.schema())));
        LOG.info("published table {} for {}: {} rows written and checked in {} ms (not visible until commit)",
            table, runDate, scan.rows(), (System.nanoTime() - start) / 1_000_000);
        hook.afterTableWritten(table, absolute);
      }
      int sequence = manifests.commitFiles(runDate).keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
      Manifest manifest = new Manifest(runDate, attempt, sequence, Instant.now(), pseudonymKeyId, entries);
      hook.beforeCommit(manifest);
      String manifestFile = layout.manifestFile(runDate, sequence);
      checkArgument(!files.exists(manifestFile), "manifest %s exists already: is another publish running?", manifestFile);
      files.writeString(manifestFile, manifest.toJson()); // the commit
      committed = true;
      LOG.info("committed the publish of {} ({} tables): {}", runDate, entries.size(), manifestFile);
      int removed = removeSuperseded(files, layout, manifests, manifest);
      return new PublishResult(manifest, manifestFile, removed);
    } finally {
      if (!committed) {
        // Tidy up what this attempt wrote. Not needed for correctness (no manifest lists it), and
        // after a hard kill it does not run: the next publish of the date removes it instead.
        for (String folder : written) {
          try {
            files.delete(folder);
          } catch (RuntimeException cleanup) {
            LOG.warn("could not remove the unfinished attempt folder {}: {}", folder, cleanup.getMessage());
          }
        }
      }
    }
  }

  /**
   * After a commit: the run date's older manifests, then every attempt folder of the date that the
   * committed manifest does not list. Other dates are left alone.
   */
  private static int removeSuperseded(HadoopFiles files, PublishedLayout layout, Manifests manifests, Manifest committed) {
    LocalDate runDate = committed.runDate();
    for (Map.Entry<Integer, String> e : manifests.commitFiles(runDate).entrySet()) {
      if (e.getKey() < committed.sequence()) {
        files.delete(e.getValue());
      }
    }
    Set<String> keep = new HashSet<>();
    committed.tables().values().forEach(t -> keep.add(layout.absolute(t.location())));
    int removed = 0;
    for (FileStatus tableFolder : files.list(layout.root())) {
      String name = tableFolder.getPath().getName();
      if (!tableFolder.isDirectory() || name.startsWith("_")) {
        continue;
      }
      String dateFolder = layout.root() + "/" + name + "/run_date=" + runDate;
      for (FileStatus attempt : files.list(dateFolder)) {
        String location = dateFolder + "/" + attempt.getPath().getName();
        if (attempt.getPath().getName().startsWith("attempt=") && !keep.contains(location)) {
          files.delete(location);
          removed++;
        }
      }
    }
    if (removed > 0) {
      LOG.info("removed {} superseded or unfinished attempt folder(s) of {}", removed, runDate);
    }
    return removed;
  }

  /**
   * Maintenance, for every run date: deletes attempt folders that no committed manifest lists and
   * that are older than {@code olderThan} — what publishes killed on dates never re-run leave behind.
   * The age guard keeps a publish that is running right now safe. Lists every table's every date
   * folder, so it is not part of the nightly publish. Returns how many folders were deleted.
   */
  public int removeAbandonedAttempts(SparkSession spark, java.time.Duration olderThan) {
    checkArgument(olderThan != null && !olderThan.isNegative(), "expected a non-negative age, got %s", olderThan);
    HadoopFiles files = HadoopFiles.of(spark);
    PublishedLayout layout = new PublishedLayout(warehouse);
    Manifests manifests = new Manifests(files, layout);
    long cutoff = System.currentTimeMillis() - olderThan.toMillis();
    Map<LocalDate, Set<String>> referenced = new java.util.HashMap<>();
    int removed = 0;
    for (FileStatus tableFolder : files.list(layout.root())) {
      String table = tableFolder.getPath().getName();
      if (!tableFolder.isDirectory() || table.startsWith("_")) {
        continue;
      }
      for (FileStatus dateFolder : files.list(layout.root() + "/" + table)) {
        java.util.Optional<LocalDate> date = PublishedLayout.runDateOf(dateFolder.getPath().getName());
        if (date.isEmpty()) {
          continue;
        }
        Set<String> keep = referenced.computeIfAbsent(date.get(), d -> {
          Set<String> k = new HashSet<>();
          manifests.current(d).ifPresent(m -> m.tables().values().forEach(t -> k.add(layout.absolute(t.location()))));
          return k;
        });
        String folder = layout.root() + "/" + table + "/" + dateFolder.getPath().getName();
        for (FileStatus attempt : files.list(folder)) {
          String location = folder + "/" + attempt.getPath().getName();
          if (attempt.getPath().getName().startsWith("attempt=") && !keep.contains(location)
              && attempt.getModificationTime() < cutoff) {
            files.delete(location);
            removed++;
          }
        }
      }
    }
    LOG.info("removed {} abandoned attempt folder(s) older than {}", removed, olderThan);
    return removed;
  }

  static List<String> columns(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(f.name() + " " + f.dataType().catalogString());
    }
    return out;
  }

  static String fingerprint(StructType schema) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(String.join("\n", columns(schema)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
