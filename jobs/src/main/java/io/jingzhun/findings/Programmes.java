package io.jingzhun.findings;

import io.jingzhun.common.ProjectFiles;
import io.jingzhun.linkage.ConfigNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Subsidy programmes of {@code conf/programmes.yaml}: whether each is poverty-targeted and which
 * household transfer item its payments feed. Rules read it as the view {@code programmes}.
 */
public record Programmes(List<Programme> programmes, double toleranceRelative, double toleranceAbsoluteYuan) {
  public static final String DEFAULT_PATH = "conf/programmes.yaml";
  /** Parameters the findings rules may use, filled from {@code transfer_tolerance}. */
  public static final List<String> PARAMETERS =
      List.of("transfer_tolerance_relative", "transfer_tolerance_absolute_yuan");

  public Programmes {
    programmes = List.copyOf(programmes);
  }

  /** @param transferItem a households column such as transfer_dibao, or null when it feeds none */
  public record Programme(String code, boolean povertyTargeted, String transferItem) {}

  public static Programmes load() {
    return parse(DEFAULT_PATH, ProjectFiles.read(DEFAULT_PATH));
  }

  /** Accepts a list of programmes ({@code code: ...}) or a mapping keyed by code. */
  public static Programmes parse(String source, String yaml) {
    ConfigNode root = ConfigNode.parse(source, yaml);
    List<Programme> out = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    if (root.isList("programmes")) {
      for (ConfigNode p : root.list("programmes")) {
        out.add(programme(p, p.text("code"), codes));
      }
    } else {
      ConfigNode map = root.object("programmes");
      for (String code : map.fieldNames()) {
        out.add(programme(map.object(code), code, codes));
      }
    }
    double relative = 0.10;
    double absolute = 200;
    if (root.has("transfer_tolerance")) {
      ConfigNode t = root.object("transfer_tolerance");
      relative = t.number("relative", 0, 10);
      absolute = t.number("absolute_yuan", 0, 1e9);
    }
    return new Programmes(out, relative, absolute);
  }

  private static Programme programme(ConfigNode p, String code, Set<String> codes) {
    if (!codes.add(code)) {
      throw p.error("code", "programme " + code + " is listed twice");
    }
    if (!p.has("poverty_targeted")) {
      throw p.error("poverty_targeted", "expected true or false");
    }
    String item = p.text("transfer_item", "none");
    if (!item.equals("none") && !item.matches("transfer_[a-z_]+")) {
      throw p.error("transfer_item", "expected a households transfer column (transfer_...) or none, got '" + item + "'");
    }
    return new Programme(code, p.bool("poverty_targeted", false), item.equals("none") ? null : item);
  }

  public java.util.Map<String, String> parameters() {
    return java.util.Map.of("transfer_tolerance_relative", Double.toString(toleranceRelative),
        "transfer_tolerance_absolute_yuan", Double.toString(toleranceAbsoluteYuan));
  }

  public Dataset<Row> toDataset(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Programme p : programmes) {
      rows.add(RowFactory.create(p.code(), p.povertyTargeted(), p.transferItem()));
    }
    StructType schema = new StructType()
        .add("code", DataTypes.StringType, false)
        .add("poverty_targeted", DataTypes.BooleanType, false)
        .add("transfer_item", DataTypes.StringType, true);
    return spark.createDataFrame(rows, schema);
  }
}
