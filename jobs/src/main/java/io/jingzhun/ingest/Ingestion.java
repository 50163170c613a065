package io.jingzhun.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Preconditions;
import io.jingzhun.common.SideBySide;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import io.jingzhun.contract.ExtractContract;
import io.jingzhun.contract.ExtractContracts;
import io.jingzhun.contract.ReasonCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Ingestion of one run date: landing files → {@code staged/<table>/run_date=D} (typed, normalised)
 * and {@code quarantine/<table>/run_date=D} (original text and reasons), losing nothing.
 *
 * <ol>
 *   <li>Every file of every requested table is checked whole (encoding, header, required columns,
 *       completeness), one Spark task per file. Any problem refuses the run before anything is
 *       written.
 *   <li>Per table, files are read and typed in parallel (one task per text file keeps exact line
 *       numbers), duplicates marked with window functions, and the date's folders replaced.
 *   <li>Rows read are reconciled against the rows written; a mismatch fails the run.
 * </ol>
 */
public final class Ingestion {
  private static final String RAW_RANK = "_raw_rank";
  private static final String KEY_RANK = "_key_rank";
  private static final String CANDIDATE = "_candidate";
  // Tags of a row's destination, among its reasons (which are upper-case codes).
  private static final String STAGED_TAG = "_staged";
  private static final String QUARANTINED_TAG = "_quarantined";

  private Ingestion() {}

  /** Ingests with the settings of {@code conf/ingest.yaml}; {@code tables} empty = every table delivered. */
  public static IngestSummary run(
      SparkSession spark, String landingUri, Warehouse warehouse, LocalDate date, List<String> tables) {
    return run(spark, landingUri, warehouse, date, tables, IngestSettings.load());
  }

  public static IngestSummary run(
      SparkSession spark,
      String landingUri,
      Warehouse warehouse,
      LocalDate date,
      List<String> tables,
      IngestSettings settings) {
    Preconditions.checkNotNull(date, "expected a run date");
    Preconditions.checkNotNull(tables, "expected a list of tables (empty for all)");
    HadoopFiles files = HadoopFiles.of(spark);
    Map<String, List<LandingFile>> landing =
        Landing.scan(files, landingUri, date, tables, ExtractContracts.tables());
    Map<String, ExtractContract> contracts = new LinkedHashMap<>();
    landing.keySet().forEach(t -> contracts.put(t, ExtractContracts.load(t)));

    List<FileInspection> inspections = inspect(spark, landing, contracts, settings);
    List<String> problems = inspections.stream().filter(i -> !i.ok())
        .map(i -> i.file().sourceFile() + ": " + i.problem()).collect(Collectors.toList());
    if (!problems.isEmpty()) {
      throw new IngestException("ingest of " + date + " refused, nothing was written", problems);
    }

    String records = warehouse.runRecords("ingest", date);
    List<Callable<TableSummary>> work = new ArrayList<>();
    for (Map.Entry<String, ExtractContract> e : contracts.entrySet()) {
      List<FileInspection> mine = inspections.stream()
          .filter(i -> i.file().table().equals(e.getKey())).collect(Collectors.toList());
      work.add(() -> {
        TableSummary t = ingestTable(spark, e.getValue(), mine, warehouse, date);
        RunRecords.write(files, records, t, date);
        return t;
      });
    }
    List<TableSummary> summaries = SideBySide.run("ingest", work, spark.sparkContext().defaultParallelism());
    RunRecords.writeSummary(files, records, date);
    IngestSummary summary = new IngestSummary(date, summaries);
    if (!summary.reconciled()) {
      throw new IngestException("ingest of " + date + " does not reconcile (rows read ≠ staged + quarantined)",
          summaries.stream().filter(t -> !t.reconciled())
              .map(t -> t.table() + ": read " + t.rowsRead() + ", staged " + t.rowsStaged()
                  + ", quarantined " + t.rowsQuarantined())
              .collect(Collectors.toList()));
    }
    return summary;
  }

  private static List<FileInspection> inspect(
      SparkSession spark,
      Map<String, List<LandingFile>> landing,
      Map<String, ExtractContract> contracts,
      IngestSettings settings) {
    List<LandingFile> all = landing.values().stream().flatMap(List::stream).collect(Collectors.toList());
    Map<String, ColumnNames> names = new HashMap<>();
    Map<String, TextEncoding> encodings = new HashMap<>();
    contracts.forEach((t, c) -> {
      names.put(t, new ColumnNames(c));
      if (settings.encoding(t) != null) {
        encodings.put(t, settings.encoding(t));
      }
    });
    SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.sparkContext().setJobDescription("ingest: check " + all.size() + " files");
    try {
      return jsc.parallelize(all, Math.max(1, all.size()))
          .map(f -> FileInspector.inspect(f, names.get(f.table()), encodings.get(f.table()), conf.value()))
          .collect();
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  private static TableSummary ingestTable(
      SparkSession spark, ExtractContract contract, List<FileInspection> inspections, Warehouse warehouse,
      LocalDate date) {
    long started = System.nanoTime();
    String table = contract.name();
    spark.sparkContext().setJobDescription("ingest " + table);
    RecordTyper typer = new RecordTyper(contract, date);
    SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

    List<FileInspection> text = inspections.stream()
        .filter(i -> i.file().format() != FileFormat.PARQUET).collect(Collectors.toList());
    JavaRDD<Row> rows = jsc.parallelize(text, Math.max(1, text.size()))
        .flatMap(i -> TextFileRows.of(i, typer, conf.value()));
    for (JavaRDD<Row> p : parquetRows(spark, typer, inspections)) {
      rows = rows.union(p);
    }
    Dataset<Row> typed = markDuplicates(spark.createDataFrame(rows, typer.typedSchema()), contract)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One pass: rows per file (their sum is the rows read) and the quarantine's reasons. Each row adds
      // a tag of where it goes to its reasons, so one count over the tags gives both.
      Map<String, Long> perFile = new HashMap<>();
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : typed.selectExpr(ExtractContract.SOURCE_FILE,
              "explode(concat(array(CASE WHEN size(" + RecordTyper.REASONS + ") = 0 THEN '" + STAGED_TAG + "' ELSE '"
                  + QUARANTINED_TAG + "' END), " + RecordTyper.REASONS + ")) AS tag")
          .groupBy(ExtractContract.SOURCE_FILE, "tag").count().collectAsList()) {
        String tag = r.getString(1);
        if (tag.equals(STAGED_TAG) || tag.equals(QUARANTINED_TAG)) {
          perFile.merge(r.getString(0), r.getLong(2), Long::sum);
        } else {
          byReason.merge(tag, r.getLong(2), Long::sum);
        }
      }
      long read = perFile.values().stream().mapToLong(Long::longValue).sum();
      String stagedPath = warehouse.partition(Layer.STAGED, table, date);
      String quarantinePath = warehouse.partition(Layer.QUARANTINE, table, date);
      Column[] stagedColumns = java.util.Arrays.stream(contract.stagedSchema().fieldNames())
          .map(n -> col("`" + n + "`")).toArray(Column[]::new);
      typed.filter(size(col(RecordTyper.REASONS)).equalTo(0)).select(stagedColumns)
          .write().mode(SaveMode.Overwrite).parquet(stagedPath);
      typed.filter(size(col(RecordTyper.REASONS)).notEqual(0))
          .select(lit(table).as("table"), col("source_file"), col("source_line"), col("record_key"),
              col(RecordTyper.RAW), col(RecordTyper.REASONS))
          .write().mode(SaveMode.Overwrite).parquet(quarantinePath);

      // What was written, from the files' footers: read = staged + quarantined is checked against the files.
      HadoopFiles written = HadoopFiles.of(spark);
      long staged = written.parquetRows(stagedPath);
      long quarantined = written.parquetRows(quarantinePath);
      List<FileSummary> files = inspections.stream()
          .map(i -> new FileSummary(i.file().sourceFile(), i.file().format().name().toLowerCase(),
              i.encodingLabel(), perFile.getOrDefault(i.file().sourceFile(), 0L), i.blankLines(),
              i.ignoredColumns()))
          .collect(Collectors.toList());
      return new TableSummary(table, files, read, staged, quarantined, byReason, stagedPath, quarantinePath,
          (System.nanoTime() - started) / 1e9);
    } finally {
      typed.unpersist();
      spark.sparkContext().setJobDescription(null);
    }
  }

  /**
   * Parquet files, read by Spark (files with the same columns together): each contract column as
   * text, the row as JSON for the quarantine, and the 1-based row number within its file.
   */
  private static List<JavaRDD<Row>> parquetRows(
      SparkSession spark, RecordTyper typer, List<FileInspection> inspections) {
    Map<List<String>, List<FileInspection>> bySchema = new LinkedHashMap<>();
    for (FileInspection i : inspections) {
      if (i.file().format() == FileFormat.PARQUET) {
        bySchema.computeIfAbsent(i.headers(), k -> new ArrayList<>()).add(i);
      }
    }
    List<JavaRDD<Row>> out = new ArrayList<>();
    int columnCount = typer.contract().columns().size();
    String table = typer.contract().name();
    for (List<FileInspection> group : bySchema.values()) {
      FileInspection first = group.get(0);
      Dataset<Row> df = spark.read().parquet(group.stream().map(i -> i.file().uri()).toArray(String[]::new));
      Column[] select = new Column[columnCount + 3];
      for (int c = 0; c < columnCount; c++) {
        select[c] = lit(null).cast(DataTypes.StringType);
      }
      for (int h = 0; h < first.headers().size(); h++) {
        int c = first.fieldToColumn()[h];
        if (c >= 0) {
          Column source = df.col("`" + first.headers().get(h) + "`");
          boolean isArray = df.schema().fields()[df.schema().fieldIndex(first.headers().get(h))].dataType()
              instanceof ArrayType;
          select[c] = isArray
              ? concat_ws(";", source.cast(DataTypes.createArrayType(DataTypes.StringType)))
              : source.cast(DataTypes.StringType);
        }
      }
      Column[] all = first.headers().stream().map(h -> df.col("`" + h + "`")).toArray(Column[]::new);
      select[columnCount] = to_json(struct(all));
      select[columnCount + 1] = col("_metadata.file_name");
      select[columnCount + 2] = col("_metadata.row_index");
      out.add(df.select(select).javaRDD().map(r -> {
        String[] texts = new String[columnCount];
        for (int c = 0; c < columnCount; c++) {
          texts[c] = r.isNullAt(c) ? null : r.getString(c);
        }
        int line = Math.toIntExact(r.getLong(columnCount + 2) + 1);
        return typer.type(texts, table + "/" + r.getString(columnCount + 1), line, r.getString(columnCount));
      }));
    }
    return out;
  }

  /**
   * Marks exact repeats of an earlier record ({@code DUPLICATE_ROW}) and, among rows that would be
   * staged, later rows with the key of an earlier one ({@code DUPLICATE_KEY}); "earlier" is by file
   * then line, so the first delivered record is kept.
   */
  static Dataset<Row> markDuplicates(Dataset<Row> typed, ExtractContract contract) {
    Column order1 = col(ExtractContract.SOURCE_FILE);
    Column order2 = col(ExtractContract.SOURCE_LINE);
    Column reasons = col(RecordTyper.REASONS);
    List<Column> keys = contract.key().stream().map(k -> col(k)).collect(Collectors.toList());
    // Equal rows have equal keys, so with the rows spread by key both windows find their rows together:
    // one shuffle of the whole rows instead of two.
    Dataset<Row> spread = keys.isEmpty() ? typed : typed.repartition(keys.toArray(Column[]::new));
    List<Column> rawPartition = new ArrayList<>(keys);
    rawPartition.add(col(RecordTyper.RAW));
    Dataset<Row> d = spread.withColumn(RAW_RANK, row_number().over(
        Window.partitionBy(rawPartition.toArray(Column[]::new)).orderBy(order1, order2)));
    d = d.withColumn(RecordTyper.REASONS, when(col(RAW_RANK).gt(1),
        concat(reasons, array(lit(ReasonCode.DUPLICATE_ROW.name())))).otherwise(reasons));
    Column candidate = size(col(RecordTyper.REASONS)).equalTo(0);
    for (String k : contract.key()) {
      candidate = candidate.and(col(k).isNotNull());
    }
    d = d.withColumn(CANDIDATE, candidate);
    List<Column> partition = new ArrayList<>();
    partition.add(col(CANDIDATE));
    partition.addAll(keys);
    d = d.withColumn(KEY_RANK, row_number().over(
        Window.partitionBy(partition.toArray(Column[]::new)).orderBy(order1, order2)));
    d = d.withColumn(RecordTyper.REASONS, when(col(CANDIDATE).and(col(KEY_RANK).gt(1)),
        concat(col(RecordTyper.REASONS), array(lit(ReasonCode.DUPLICATE_KEY.name()))))
        .otherwise(col(RecordTyper.REASONS)));
    return d.drop(RAW_RANK, CANDIDATE, KEY_RANK);
  }
}
