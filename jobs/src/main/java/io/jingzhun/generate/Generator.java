package io.jingzhun.generate;

import static io.jingzhun.common.Preconditions.checkArgument;

import io.jingzhun.common.Warehouse;
import io.jingzhun.generate.Batch.Out;
import io.jingzhun.generate.Batch.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The synthetic generator: writes the six departmental extracts for one run date in the landing layout
 * ({@code <out>/<date>/<table>/part-NNNNN.<ext>}) and the truth behind them
 * ({@code <out>/truth/<date>/records.csv}, {@code defects.csv}, {@code manifest.json}).
 *
 * <p>Households are processed in chunks of {@code chunk_households}; each chunk writes its own part
 * file of every table, so chunks run in parallel and the output does not depend on the number of
 * threads. Every household is derived from (seed, index): same seed, arguments and profile give
 * byte-identical files. Re-running replaces that date's folders.
 */
public final class Generator {
  public static final LocalDate DEFAULT_DATE = Population.BASE;

  /** What to generate. */
  public record Settings(long households, long seed, String out, LocalDate runDate, GeneratorProfile profile,
      int threads) {
    public Settings {
      checkArgument(households >= 1, "expected --households of at least 1, got %s", households);
      checkArgument(runDate != null, "expected a run date");
      checkArgument(profile != null, "expected a generator profile");
      checkArgument(threads >= 1, "expected at least 1 thread, got %s", threads);
    }
  }

  private Generator() {}

  public static GenerationSummary run(Settings s) {
    long started = System.nanoTime();
    String root = Warehouse.Locations.toUri(s.out());
    String landing = root + "/" + s.runDate();
    String truth = root + "/truth/" + s.runDate();
    Configuration conf = new Configuration();
    Map<Table, TableLayout> layouts = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      layouts.put(t, TableLayout.load(t.table));
    }
    Gazetteer gazetteer = Gazetteer.of(s.profile(), s.households());
    Population population = new Population(s.seed(), gazetteer);
    try (FileSystem fs = FileSystem.newInstance(URI.create(root), conf)) {
      fs.setWriteChecksum(false);
      fs.delete(new Path(landing), true);
      fs.delete(new Path(truth), true);
      long chunkSize = s.profile().chunkHouseholds();
      int chunks = (int) ((s.households() + chunkSize - 1) / chunkSize);
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(s.threads(), chunks));
      List<Future<ChunkResult>> futures = new ArrayList<>();
      try {
        for (int c = 0; c < chunks; c++) {
          long first = c * chunkSize;
          long end = Math.min(s.households(), first + chunkSize);
          int chunk = c;
          futures.add(pool.submit(() -> new Chunk(s, fs, landing, truth, layouts, population, chunk, first, end).run()));
        }
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> parts = new TreeMap<>();
        Map<String, Long> audit = new TreeMap<>();
        Map<String, Long> data = new TreeMap<>();
        for (Future<ChunkResult> f : futures) {
          ChunkResult r;
          try {
            r = f.get();
          } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
              throw re;
            }
            throw new IllegalStateException("generating a chunk failed: " + cause, cause);
          }
          r.rows.forEach((k, v) -> rows.merge(k, v, Long::sum));
          r.rows.forEach((k, v) -> parts.merge(k, v > 0 || !r.formats.get(k).equals("jsonl") ? 1L : 0L, Long::sum));
          r.audit.forEach((k, v) -> audit.merge(k, v, Long::sum));
          r.data.forEach((k, v) -> data.merge(k, v, Long::sum));
        }
        concatenate(fs, truth, "records", "table,source_file,source_line,person_id,household_id", chunks);
        concatenate(fs, truth, "defects",
            "kind,code,table,source_file,source_line,person_id,household_id,expected", chunks);
        GenerationSummary summary = new GenerationSummary(s.runDate(), s.households(), s.seed(),
            s.profile().name(), rows, parts, audit, data, (System.nanoTime() - started) / 1_000_000);
        write(fs, truth + "/manifest.json", manifest(summary));
        return summary;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while generating", e);
      } finally {
        pool.shutdownNow();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the generator's output under " + root, e);
    }
  }

  private static String manifest(GenerationSummary s) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"run_date\": \"").append(s.runDate()).append("\",\n");
    sb.append("  \"households\": ").append(s.households()).append(",\n");
    sb.append("  \"seed\": ").append(s.seed()).append(",\n");
    sb.append("  \"profile\": \"").append(s.profile()).append("\",\n");
    sb.append("  \"rows\": ").append(json(s.rowsPerTable())).append(",\n");
    sb.append("  \"audit_defects\": ").append(json(s.auditDefects())).append(",\n");
    sb.append("  \"data_defects\": ").append(json(s.dataDefects())).append("\n}\n");
    return sb.toString();
  }

  private static String json(Map<String, Long> m) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(m).forEach((k, v) -> parts.add("\"" + k + "\": " + v));
    return "{" + String.join(", ", parts) + "}";
  }

  private static void write(FileSystem fs, String uri, String text) throws IOException {
    try (OutputStream out = fs.create(new Path(uri), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Joins the chunks' truth files, in chunk order, into one file with one header. */
  private static void concatenate(FileSystem fs, String truth, String name, String header, int chunks)
      throws IOException {
    try (OutputStream out = fs.create(new Path(truth + "/" + name + ".csv"), true)) {
      out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[1 << 16];
      for (int c = 0; c < chunks; c++) {
        Path part = new Path(truth + "/" + chunkFile(name, c));
        try (InputStream in = fs.open(part)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
          }
        }
        fs.delete(part, false);
      }
    }
  }

  private static String chunkFile(String name, int chunk) {
    return String.format("_%s-%05d.tmp", name, chunk);
  }

  private record ChunkResult(Map<String, Long> rows, Map<String, String> formats, Map<String, Long> audit,
      Map<String, Long> data) {}

  /** One chunk of consecutive households, written to its own part files. */
  private static final class Chunk {
    final Settings s;
    final FileSystem fs;
    final String landing;
    final String truth;
    final Map<Table, TableLayout> layouts;
    final Population population;
    final int chunk;
    final long first;
    final long end;

    Chunk(Settings s, FileSystem fs, String landing, String truth, Map<Table, TableLayout> layouts,
        Population population, int chunk, long first, long end) {
      this.s = s;
      this.fs = fs;
      this.landing = landing;
      this.truth = truth;
      this.layouts = layouts;
      this.population = population;
      this.chunk = chunk;
      this.first = first;
      this.end = end;
    }

    ChunkResult run() throws IOException {
      GeneratorProfile profile = s.profile();
      Emitter emitter = new Emitter(profile, s.seed(), s.runDate(), layouts);
      Map<Table, TableWriter> writers = new EnumMap<>(Table.class);
      Map<Table, String> files = new EnumMap<>(Table.class);
      Map<String, String> formats = new LinkedHashMap<>();
      for (Table t : Table.values()) {
        GeneratorProfile.TableFormat f = profile.tables().get(t.table);
        String file = t.table + "/" + String.format("part-%05d.%s", chunk, f.extension());
        files.put(t, file);
        formats.put(t.table, f.format());
        String uri = landing + "/" + file;
        writers.put(t, new TableWriter(layouts.get(t), f, () -> create(uri)));
      }
      Map<String, Long> audit = new TreeMap<>();
      Map<String, Long> data = new TreeMap<>();
      // Kinds still to plant in this chunk when the profile asks for every kind at least once.
      Set<AuditDefect> pendingAudit = EnumSet.noneOf(AuditDefect.class);
      Set<DataDefect> pendingData = EnumSet.noneOf(DataDefect.class);
      if (profile.plantEveryKind()) {
        pendingAudit.addAll(List.of(AuditDefect.values()));
        pendingData.addAll(List.of(DataDefect.values()));
      }
      long spacing = Math.max(1, Math.min(40, (end - first) / 20));
      try (Writer records = text(truth + "/" + chunkFile("records", chunk));
          Writer defects = text(truth + "/" + chunkFile("defects", chunk))) {
        Emitter.Context context = null;
        for (long i = first; i < end; i++) {
          Household h = population.household(i);
          SplittableRandom dr = Seeds.stream(s.seed(), i, Seeds.DEFECTS);
          Set<AuditDefect> wantAudit = EnumSet.noneOf(AuditDefect.class);
          for (AuditDefect d : AuditDefect.values()) {
            if (dr.nextDouble() < profile.auditRate(d)) {
              wantAudit.add(d);
            }
          }
          Set<DataDefect> wantData = EnumSet.noneOf(DataDefect.class);
          for (DataDefect d : DataDefect.values()) {
            if (dr.nextDouble() < profile.dataRate(d)) {
              wantData.add(d);
            }
          }
          long local = i - first;
          for (AuditDefect d : pendingAudit) {
            if (local >= d.ordinal() * spacing) {
              wantAudit.add(d);
            }
          }
          for (DataDefect d : pendingData) {
            if (local >= d.ordinal() * spacing) {
              wantData.add(d);
            }
          }
          Emitter.Result result = emitter.emit(h, wantAudit, wantData, context);
          pendingAudit.removeAll(result.auditPlanted());
          pendingData.removeAll(result.dataPlanted());
          context = result.context();
          for (Table t : Table.values()) {
            TableWriter w = writers.get(t);
            String file = files.get(t);
            for (Out o : result.batch().of(t)) {
              long line = w.write(o.row.values);
              records.write(t.table + "," + file + "," + line + "," + o.personId + ","
                  + (o.householdId == null ? "" : o.householdId) + "\n");
              for (Batch.Note n : o.notes) {
                defects.write(n.kind() + "," + n.code() + "," + t.table + "," + file + "," + line + ","
                    + o.personId + "," + (n.householdId() == null ? "" : n.householdId()) + ","
                    + n.expected() + "\n");
                (n.kind().equals("audit") ? audit : data).merge(n.code(), 1L, Long::sum);
              }
            }
          }
        }
      } finally {
        for (TableWriter w : writers.values()) {
          w.close();
        }
      }
      Map<String, Long> rows = new TreeMap<>();
      writers.forEach((t, w) -> rows.put(t.table, w.rows()));
      return new ChunkResult(rows, formats, audit, data);
    }

    private OutputStream create(String uri) {
      try {
        return fs.create(new Path(uri), true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + uri, e);
      }
    }

    private Writer text(String uri) {
      return new BufferedWriter(new OutputStreamWriter(create(uri), StandardCharsets.UTF_8), 1 << 16);
    }
  }
}
