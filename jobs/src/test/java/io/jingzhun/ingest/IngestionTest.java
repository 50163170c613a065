package io.jingzhun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.TestSpark;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import io.jingzhun.contract.ExtractContract;
import io.jingzhun.contract.ExtractContracts;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestionTest {
  private static final LocalDate D = LocalDate.of(2024, 6, 30);
  private static final String ID_A = "11010519491231002X";
  private static final String ID_B = "440524188001015368";
  private static final String CIVIL_HEADER =
      "record_id,id_number,name,gender,birth_date,programme,status,start_date,monthly_amount,county_code\n";

  @TempDir Path tmp;
  private SparkSession spark;
  private Path landing;
  private Warehouse warehouse;

  @BeforeEach
  void setUp() {
    spark = TestSpark.get();
    landing = tmp.resolve("landing");
    warehouse = Warehouse.at(tmp.resolve("warehouse").toString());
  }

  private void deliver(LocalDate date, String table, String file, byte[] content) throws IOException {
    Path p = landing.resolve(date.toString()).resolve(table).resolve(file);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
  }

  private void deliver(String table, String file, String utf8) throws IOException {
    deliver(D, table, file, utf8.getBytes(StandardCharsets.UTF_8));
  }

  private IngestSummary ingest(String... tables) {
    return ingest(D, tables);
  }

  private IngestSummary ingest(LocalDate date, String... tables) {
    return Ingestion.run(spark, landing.toString(), warehouse, date, List.of(tables), IngestSettings.defaults());
  }

  private Dataset<Row> staged(String table, LocalDate date) {
    return spark.read().parquet(warehouse.partition(Layer.STAGED, table, date));
  }

  private Dataset<Row> quarantine(String table, LocalDate date) {
    return spark.read().parquet(warehouse.partition(Layer.QUARANTINE, table, date));
  }

  private static Map<Integer, List<String>> reasonsByLine(Dataset<Row> quarantine) {
    return quarantine.collectAsList().stream().collect(Collectors.toMap(
        r -> r.getInt(r.fieldIndex("source_line")), r -> r.getList(r.fieldIndex("reasons"))));
  }

  @Test
  void csvRowsAreStagedTypedWithLineage() throws IOException {
    deliver("civil_affairs", "ca.csv", CIVIL_HEADER
        + "R1," + ID_A.toLowerCase() + ",张三,男,1949/12/31,低保,在保,2020年3月1日,\"1,200.50\",630222\n"
        + "R2,110105491231002,\" 才让·多杰 \",2,19800101,特困,正常,,300,６３０２２２\n");
    IngestSummary s = ingest("civil_affairs");

    TableSummary t = s.table("civil_affairs");
    assertThat(t.rowsRead()).isEqualTo(2);
    assertThat(t.rowsStaged()).isEqualTo(2);
    assertThat(t.rowsQuarantined()).isZero();
    Dataset<Row> staged = staged("civil_affairs", D);
    assertThat(staged.schema()).isEqualTo(ExtractContracts.load("civil_affairs").stagedSchema());
    List<Row> rows = staged.orderBy("source_line").collectAsList();
    Row r1 = rows.get(0);
    assertThat(r1.<String>getAs("id_number")).isEqualTo(ID_A);
    assertThat(r1.<String>getAs("gender")).isEqualTo("male");
    assertThat(r1.getAs("birth_date").toString()).isEqualTo("1949-12-31");
    assertThat(r1.<String>getAs("programme")).isEqualTo("dibao");
    assertThat(r1.<String>getAs("status")).isEqualTo("active");
    assertThat(r1.getAs("start_date").toString()).isEqualTo("2020-03-01");
    assertThat(r1.<Double>getAs("monthly_amount")).isEqualTo(1200.5);
    assertThat(r1.<String>getAs("source_file")).isEqualTo("civil_affairs/ca.csv");
    assertThat(r1.<Integer>getAs("source_line")).isEqualTo(2);
    assertThat(r1.<String>getAs("record_key")).isEqualTo("civil_affairs:civil_affairs/ca.csv:2");
    Row r2 = rows.get(1);
    assertThat(r2.<String>getAs("id_number")).as("15 digits become 18").isEqualTo(ID_A);
    assertThat(r2.<String>getAs("name")).isEqualTo("才让·多杰");
    assertThat(r2.<String>getAs("name_normalised")).isEqualTo("才让·多杰");
    assertThat(r2.<String>getAs("county_code")).isEqualTo("630222");
    assertThat(r2.<Object>getAs("start_date")).isNull();
    assertThat(r2.<String>getAs("record_key")).isEqualTo("civil_affairs:civil_affairs/ca.csv:3");
  }

  @Test
  void gbkFilesWithChineseHeadersAreRead() throws IOException {
    String csv = "户编号,县级行政区划代码,乡镇代码,行政村代码,户主姓名,贫困户属性,主要致贫原因,其他致贫原因,"
        + "脱贫状态,识别年度,家庭人口数,耕地面积(亩),饮水安全,住房安全等级\n"
        + "6302220001,630222,630222100,630222100201,马福祥,低保户,因病,缺技术、缺资金,未脱贫,2014,5,3.5,否,C级\n";
    deliver(D, "households", "hh.csv", csv.getBytes(Charset.forName("GBK")));
    IngestSummary s = ingest("households");

    assertThat(s.table("households").files().get(0).encoding()).isEqualTo("GBK");
    Row r = staged("households", D).collectAsList().get(0);
    assertThat(r.<String>getAs("head_name")).isEqualTo("马福祥");
    assertThat(r.<String>getAs("attribute")).isEqualTo("dibao");
    assertThat(r.getList(r.fieldIndex("secondary_causes"))).containsExactly("skills", "capital");
    assertThat(r.<Double>getAs("cultivated_mu")).as("耕地面积(亩) names 耕地面积（亩）").isEqualTo(3.5);
    assertThat(r.<Boolean>getAs("safe_water")).isFalse();
    assertThat(r.<String>getAs("housing_grade")).isEqualTo("C");
  }

  @Test
  void aConfiguredEncodingIsUsedAndAFileNotInItIsRefused() throws IOException {
    String csv = "name,employer\n王小明,乡政府\n";
    deliver(D, "finance_payroll", "gbk.csv", csv.getBytes(Charset.forName("GBK")));
    assertThatThrownBy(() -> Ingestion.run(spark, landing.toString(), warehouse, D, List.of("finance_payroll"),
            IngestSettings.defaults().withEncoding("finance_payroll", "UTF-8")))
        .hasMessageContaining("finance_payroll/gbk.csv: cannot be decoded as UTF-8 (configured)");
    IngestSummary s = Ingestion.run(spark, landing.toString(), warehouse, D, List.of("finance_payroll"),
        IngestSettings.defaults().withEncoding("finance_payroll", "GBK"));
    assertThat(s.table("finance_payroll").files().get(0).encoding()).isEqualTo("GBK");
    assertThat(staged("finance_payroll", D).collectAsList().get(0).<String>getAs("name")).isEqualTo("王小明");
  }

  @Test
  void utf8WithBomIsRead() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = ("name,employer,id_number\n王小明,乡政府," + ID_B + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    deliver(D, "finance_payroll", "payroll.csv", all);
    IngestSummary s = ingest("finance_payroll");

    assertThat(s.table("finance_payroll").files().get(0).encoding()).isEqualTo("UTF-8 with BOM");
    Row r = staged("finance_payroll", D).collectAsList().get(0);
    assertThat(r.<String>getAs("name")).as("the BOM is not part of the first header").isEqualTo("王小明");
    assertThat(r.<String>getAs("id_number")).isEqualTo(ID_B);
  }

  @Test
  void exactRepeatsAndKeyRepeatsAreMarkedOnEveryLaterRowByFileThenLine() {
    ExtractContract contract = ExtractContracts.load("civil_affairs");
    RecordTyper typer = new RecordTyper(contract, D);
    List<String> header = Arrays.asList(CIVIL_HEADER.trim().split(","));
    // file, line, record: "earlier" is by file, then line.
    String[][] delivered = {
        {"civil_affairs/a.csv", "2", "R1,,张三,男,1949-12-31,低保,在保,,100,630222"},   // kept
        {"civil_affairs/a.csv", "3", "R1,,张三,男,1949-12-31,低保,在保,,100,630222"},   // exact repeat
        {"civil_affairs/a.csv", "4", "R1,,张三丰,男,1949-12-31,低保,在保,,100,630222"}, // key repeat
        {"civil_affairs/a.csv", "5", "R2,,,女,1950-01-01,低保,在保,,100,630222"},       // no name
        {"civil_affairs/a.csv", "6", "R2,,,女,1950-01-01,低保,在保,,100,630222"},       // no name, exact repeat
        {"civil_affairs/a.csv", "7", "R3,,王五,男,1950-01-01,低保,在保,,100,630222"},   // kept
        {"civil_affairs/b.csv", "2", "R1,,张三,男,1949-12-31,低保,在保,,100,630222"},   // exact repeat, other file
        {"civil_affairs/b.csv", "3", "R3,,王五六,男,1950-01-01,低保,在保,,100,630222"}, // key repeat, other file
        {"civil_affairs/b.csv", "4", "R4,,赵六,男,1950-01-01,低保,在保,,100,630222"},   // kept
        {"civil_affairs/b.csv", "5", "R1,,张三,男,1949-12-31,低保,在保,,100,630222"},   // third of its kind
        {"civil_affairs/b.csv", "6", "R2,,李四,女,1950-01-01,低保,在保,,100,630222"},   // R2 corrected: kept
    };
    List<Row> rows = new ArrayList<>();
    for (String[] d : delivered) {
      String[] fields = d[2].split(",", -1);
      String[] texts = contract.columns().stream()
          .map(c -> header.indexOf(c.name()))
          .map(at -> at < 0 || fields[at].isEmpty() ? null : fields[at])  // a column not delivered, or empty
          .toArray(String[]::new);
      rows.add(typer.type(texts, d[0], Integer.parseInt(d[1]), d[2]));
    }
    Dataset<Row> typed = spark.createDataFrame(rows, typer.typedSchema());
    Map<String, List<String>> expected = new TreeMap<>(Map.of(
        "civil_affairs/a.csv:2", List.of(),
        "civil_affairs/a.csv:3", List.of("DUPLICATE_ROW"),
        "civil_affairs/a.csv:4", List.of("DUPLICATE_KEY"),
        "civil_affairs/a.csv:5", List.of("MISSING_VALUE:name"),
        "civil_affairs/a.csv:6", List.of("MISSING_VALUE:name", "DUPLICATE_ROW"),
        "civil_affairs/a.csv:7", List.of(),
        "civil_affairs/b.csv:2", List.of("DUPLICATE_ROW"),
        "civil_affairs/b.csv:3", List.of("DUPLICATE_KEY"),
        "civil_affairs/b.csv:4", List.of(),
        "civil_affairs/b.csv:5", List.of("DUPLICATE_ROW")));
    // The earlier R2 records are quarantined, so the corrected one is the first that would be staged.
    expected.put("civil_affairs/b.csv:6", List.of());
    Dataset<Row> marked = Ingestion.markDuplicates(typed, contract);
    assertThat(marked.columns()).as("the typed columns, in order").containsExactly(typed.columns());
    Map<String, List<String>> reasons = new TreeMap<>();
    for (Row r : marked.collectAsList()) {
      reasons.put(r.getAs("source_file") + ":" + r.getAs("source_line"), r.getList(r.fieldIndex("reasons")));
    }
    assertThat(reasons).isEqualTo(expected);
  }

  @Test
  void unusableRowsAreQuarantinedWithReasonsAndEveryRowIsAccountedFor() throws IOException {
    deliver("civil_affairs", "a.csv", CIVIL_HEADER
        + "R1," + ID_A + ",张三,男,1949-12-31,低保,在保,,100,630222\n"     // 2 staged
        + "R2,,李四,女,1950-01-01,发财,在保,,100,630222\n"                 // 3 unknown code
        + "R3,,,女,2020-02-30,低保,在保,,100,630222\n"                     // 4 missing name, bad date
        + "R4,only,three\n"                                               // 5 wrong field count
        + "\n"                                                            // 6 blank: not a record
        + "R1," + ID_A + ",张三,男,1949-12-31,低保,在保,,100,630222\n"     // 7 exact duplicate of 2
        + "R1," + ID_A + ",张三丰,男,1949-12-31,低保,在保,,100,630222\n"   // 8 same key, other content
        + "R5,,王五,男,,临时救助,终止,,-5,630222\n");                      // 9 negative amount
    deliver("civil_affairs", "b.csv", CIVIL_HEADER
        + "R2,,李四,女,1950-01-01,临时救助,在保,,100,630222\n");           // 2 staged: R2 on a.csv:3 was not
    IngestSummary s = ingest("civil_affairs");

    TableSummary t = s.table("civil_affairs");
    assertThat(t.rowsRead()).isEqualTo(8);
    assertThat(t.rowsStaged()).isEqualTo(2);
    assertThat(t.rowsQuarantined()).isEqualTo(6);
    assertThat(t.reconciled()).isTrue();
    assertThat(t.files().get(0).blankLines()).isEqualTo(1);
    assertThat(t.quarantineByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "UNKNOWN_CODE:programme", 1L, "MISSING_VALUE:name", 1L, "BAD_DATE:birth_date", 1L,
        "WRONG_FIELD_COUNT", 1L, "DUPLICATE_ROW", 1L, "DUPLICATE_KEY", 1L, "OUT_OF_RANGE:monthly_amount", 1L));

    Dataset<Row> q = quarantine("civil_affairs", D);
    assertThat(q.columns()).containsExactly("table", "source_file", "source_line", "record_key", "raw", "reasons");
    Map<Integer, List<String>> reasons = reasonsByLine(q);
    assertThat(reasons.get(3)).containsExactly("UNKNOWN_CODE:programme");
    assertThat(reasons.get(4)).containsExactlyInAnyOrder("MISSING_VALUE:name", "BAD_DATE:birth_date");
    assertThat(reasons.get(5)).containsExactly("WRONG_FIELD_COUNT");
    assertThat(reasons.get(7)).containsExactly("DUPLICATE_ROW");
    assertThat(reasons.get(8)).containsExactly("DUPLICATE_KEY");
    assertThat(reasons.get(9)).containsExactly("OUT_OF_RANGE:monthly_amount");
    Row wrong = q.filter("source_line = 5").collectAsList().get(0);
    assertThat(wrong.<String>getAs("raw")).isEqualTo("R4,only,three");
    assertThat(wrong.<String>getAs("source_file")).isEqualTo("civil_affairs/a.csv");
    assertThat(wrong.<String>getAs("table")).isEqualTo("civil_affairs");

    List<String> keptKeys = staged("civil_affairs", D).orderBy("source_file", "source_line")
        .collectAsList().stream().map(r -> r.<String>getAs("record_key")).collect(Collectors.toList());
    assertThat(keptKeys).containsExactly("civil_affairs:civil_affairs/a.csv:2", "civil_affairs:civil_affairs/b.csv:2");

    JsonNode summary = new ObjectMapper().readTree(HadoopFiles.of(spark).readString(
        warehouse.runRecords("ingest", D) + "/summary.json"));
    assertThat(summary.at("/tables/civil_affairs/rows_read").asLong()).isEqualTo(8);
    assertThat(summary.at("/tables/civil_affairs/rows_staged").asLong()).isEqualTo(2);
    assertThat(summary.at("/tables/civil_affairs/quarantine_by_reason/DUPLICATE_ROW").asLong()).isEqualTo(1);
    assertThat(summary.at("/reconciled").asBoolean()).isTrue();
    String record = HadoopFiles.of(spark).readString(warehouse.runRecords("ingest", D) + "/civil_affairs.json");
    assertThat(record).contains("\"rows_quarantined\" : 6").doesNotContain("张三").doesNotContain(ID_A);
    assertThat(s.toConsoleTable()).contains("civil_affairs").contains("DUPLICATE_KEY").doesNotContain(ID_A);
  }

  @Test
  void jsonLinesAndParquetAreRead() throws IOException {
    deliver("civil_affairs", "ca.jsonl",
        "{\"记录编号\":\"J1\",\"身份证号\":\"" + ID_B + "\",\"姓名\":\"卓玛\",\"业务类型\":\"特困供养\","
            + "\"状态\":\"有效\",\"月保障金额\":1234.5,\"县级行政区划代码\":630222,\"备注\":\"x\"}\n"
            + "\n"
            + "{\"record_id\":\"J2\",\"name\":\"韩梅\",\"programme\":\"低保\"\n"
            + "[1,2]\n"
            + "{\"record_id\":\"J3\",\"name\":\"韩雪\",\"programme\":\"死亡\",\"status\":\"注销\","
            + "\"county_code\":\"630222\",\"death_date\":\"2023.05.06\"}");
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("姓名", DataTypes.StringType, true),
        DataTypes.createStructField("employer", DataTypes.StringType, true),
        DataTypes.createStructField("id_number", DataTypes.StringType, true),
        DataTypes.createStructField("county_code", DataTypes.IntegerType, true)));
    Path written = tmp.resolve("parquet-out");
    spark.createDataFrame(List.of(
            RowFactory.create("马明", "县教育局", ID_A, 630222),
            RowFactory.create("马亮", null, null, 630222),
            RowFactory.create("才让", "乡卫生院", "63O222", null)), schema)
        .coalesce(1).write().parquet(written.toString());
    Path part;
    try (var files = Files.list(written)) {
      part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    deliver(D, "finance_payroll", "payroll.parquet", Files.readAllBytes(part));
    IngestSummary s = ingest();

    TableSummary ca = s.table("civil_affairs");
    assertThat(ca.rowsRead()).isEqualTo(4);
    assertThat(ca.rowsStaged()).isEqualTo(2);
    assertThat(ca.quarantineByReason()).containsEntry("MALFORMED_RECORD", 2L);
    assertThat(ca.files().get(0).ignoredColumns()).containsExactly("备注");
    assertThat(ca.files().get(0).blankLines()).isEqualTo(1);
    List<Row> caRows = staged("civil_affairs", D).orderBy("source_line").collectAsList();
    assertThat(caRows.get(0).<String>getAs("record_id")).isEqualTo("J1");
    assertThat(caRows.get(0).<Double>getAs("monthly_amount")).isEqualTo(1234.5);
    assertThat(caRows.get(0).<String>getAs("county_code")).isEqualTo("630222");
    assertThat(caRows.get(0).<String>getAs("status")).isEqualTo("active");
    assertThat(caRows.get(1).<Integer>getAs("source_line")).isEqualTo(5);
    assertThat(caRows.get(1).getAs("death_date").toString()).isEqualTo("2023-05-06");

    TableSummary pay = s.table("finance_payroll");
    assertThat(pay.rowsRead()).isEqualTo(3);
    assertThat(pay.rowsStaged()).isEqualTo(2);
    assertThat(pay.files().get(0).encoding()).isEqualTo("parquet");
    List<Row> payRows = staged("finance_payroll", D).orderBy("source_line").collectAsList();
    assertThat(payRows.get(0).<String>getAs("name")).isEqualTo("马明");
    assertThat(payRows.get(0).<String>getAs("county_code")).isEqualTo("630222");
    assertThat(payRows.get(0).<String>getAs("record_key")).isEqualTo("finance_payroll:finance_payroll/payroll.parquet:1");
    assertThat(payRows.get(1).<Integer>getAs("source_line")).isEqualTo(3);
    assertThat(payRows.get(1).<String>getAs("id_number_issue")).isEqualTo("BAD_CHARACTERS");
    Row bad = quarantine("finance_payroll", D).collectAsList().get(0);
    assertThat(bad.<Integer>getAs("source_line")).isEqualTo(2);
    assertThat(bad.getList(bad.fieldIndex("reasons"))).containsExactly("MISSING_VALUE:employer");
    assertThat(bad.<String>getAs("raw")).contains("\"姓名\":\"马亮\"");
  }

  @Test
  void wholeFileProblemsRefuseTheRunBeforeAnythingIsWritten() throws IOException {
    deliver("finance_payroll", "ok.csv", "name,employer\n王小明,乡政府\n");
    deliver("civil_affairs", "cut.csv", CIVIL_HEADER + "R1,,张三,男,1949-12-31,低保,在保,,100,630222\nR2,,李");
    deliver("civil_affairs", "quote.csv", CIVIL_HEADER + "R1,,\"张三,男,1949-12-31,低保,在保,,100,630222\n");
    deliver("finance_payments", "nocol.csv", "payment_id,recipient_name,amount,payment_date,county_code\n"
        + "P1,王,100,2024-01-01,630222\n");
    deliver("education", "empty.csv", "");
    deliver(D, "households", "bytes.csv",
        concat("household_id,head_name\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFF, '\n'}));
    deliver("members", "cut.jsonl", "{\"household_id\":\"6302220001\",\"member_no\":1}\n{\"household_id\":\"63");
    deliver("members", "broken.parquet", "PAR1 not really");

    assertThatThrownBy(() -> ingest())
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("nothing was written")
        .hasMessageContaining("civil_affairs/cut.csv: truncated: the last record (line 3) has 3 of 10 fields")
        .hasMessageContaining("civil_affairs/quote.csv: truncated: the record starting on line 2 ends inside quotes")
        .hasMessageContaining("finance_payments/nocol.csv: missing required column programme_code (补贴项目代码)")
        .hasMessageContaining("education/empty.csv: empty file")
        .hasMessageContaining("households/bytes.csv: cannot be decoded as UTF-8 or GBK")
        .hasMessageContaining("members/cut.jsonl: truncated: the last line (2)")
        .hasMessageContaining("members/broken.parquet: not a readable Parquet file");
    assertThat(Files.exists(tmp.resolve("warehouse/staged/finance_payroll"))).isFalse();
    assertThat(Files.exists(tmp.resolve("warehouse/runs"))).isFalse();
  }

  @Test
  void deliveriesOfTheWrongShapeAreRefused() throws IOException {
    deliver("finance_payroll", "ok.csv", "name,employer\n王小明,乡政府\n");
    deliver("vehicles", "v.csv", "plate\n青B12345\n");
    deliver("civil_affairs", "notes.txt", "see attached");
    Files.createDirectories(landing.resolve(D.toString()).resolve("education"));
    assertThatThrownBy(() -> ingest("finance_payroll", "education"))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("vehicles: unknown table folder")
        .hasMessageContaining("education: no files for this table")
        .hasMessageNotContaining("notes.txt");
    assertThatThrownBy(() -> ingest(D.plusDays(1)))
        .hasMessageContaining("no landing folder for " + D.plusDays(1));
    Files.delete(landing.resolve(D + "/vehicles/v.csv"));
    Files.delete(landing.resolve(D + "/vehicles"));
    assertThatThrownBy(() -> ingest("civil_affairs"))
        .hasMessageContaining("civil_affairs/notes.txt: unexpected file; expected files ending in .csv, .jsonl or .parquet");
    assertThat(Files.exists(tmp.resolve("warehouse"))).isFalse();
  }

  @Test
  void reRunningADateReplacesItsOutputsAndLeavesOtherDates() throws IOException {
    LocalDate d2 = D.plusDays(1);
    deliver("finance_payroll", "p.csv", "name,employer\n王一,甲\n王二,乙\n王三,\n");
    deliver(d2, "finance_payroll", "p.csv", "name,employer\n赵一,甲\n".getBytes(StandardCharsets.UTF_8));
    ingest("finance_payroll");
    ingest(d2, "finance_payroll");
    assertThat(staged("finance_payroll", D).count()).isEqualTo(2);
    assertThat(quarantine("finance_payroll", D).count()).isEqualTo(1);

    deliver("finance_payroll", "p.csv", "name,employer\n王一,甲\n");
    IngestSummary again = ingest("finance_payroll");
    assertThat(again.table("finance_payroll").rowsStaged()).isEqualTo(1);
    assertThat(staged("finance_payroll", D).count()).isEqualTo(1);
    assertThat(quarantine("finance_payroll", D).count()).as("the old quarantine rows are gone").isZero();
    assertThat(staged("finance_payroll", d2).count()).as("other dates untouched").isEqualTo(1);
    String record = HadoopFiles.of(spark).readString(warehouse.runRecords("ingest", D) + "/finance_payroll.json");
    assertThat(record).contains("\"rows_read\" : 1");
    Dataset<Row> all = spark.read().parquet(warehouse.table(Layer.STAGED, "finance_payroll"));
    assertThat(all.groupBy("run_date").count().count()).isEqualTo(2);
  }

  @Test
  void cliIngestsAndFailsWithExitCodes() throws IOException {
    deliver("finance_payroll", "p.csv", "name,employer\n王一,甲\n");
    String wh = tmp.resolve("warehouse").toString();
    assertThat(io.jingzhun.cli.Main.execute("ingest", "--date", D.toString(), "--landing", landing.toString(),
        "--warehouse", wh, "--table", "finance_payroll")).isZero();
    assertThat(staged("finance_payroll", D).count()).isEqualTo(1);
    assertThat(io.jingzhun.cli.Main.execute("ingest", "--date", D.toString(), "--landing", landing.toString(),
        "--warehouse", wh, "--table", "households")).isEqualTo(1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
