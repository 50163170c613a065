package io.jingzhun.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.common.ProjectFiles;
import io.jingzhun.common.TestSpark;
import io.jingzhun.common.Warehouse;
import io.jingzhun.identity.ResidentIds;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small staged tables for tests, shaped by the extract contracts (the staged columns of schemas/README.md:
 * IDs with _normalised and _issue, names with _normalised, lineage). Every row is valid unless a test
 * changes it: {@code tweak.accept(rowIndex, values)} may overwrite any column's value.
 */
final class StagedTables {
  private StagedTables() {}

  static Dataset<Row> build(String table, int rows, BiConsumer<Integer, Map<String, Object>> tweak) {
    try {
      JsonNode contract = new ObjectMapper().readTree(ProjectFiles.read("schemas/extracts/" + table + ".json"));
      StructType schema = new StructType();
      List<JsonNode> cols = new ArrayList<>();
      contract.path("columns").forEach(cols::add);
      for (JsonNode c : cols) {
        String name = c.path("name").asText();
        switch (c.path("type").asText()) {
          case "resident_id" -> schema = schema.add(name, DataTypes.StringType)
              .add(name + "_normalised", DataTypes.StringType).add(name + "_issue", DataTypes.StringType);
          case "person_name" -> schema = schema.add(name, DataTypes.StringType)
              .add(name + "_normalised", DataTypes.StringType);
          default -> schema = schema.add(name, sparkType(c.path("type").asText()));
        }
      }
      schema = schema.add("source_file", DataTypes.StringType).add("source_line", DataTypes.LongType)
          .add("record_key", DataTypes.StringType);
      List<Row> out = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (JsonNode c : cols) {
          String name = c.path("name").asText();
          String type = c.path("type").asText();
          switch (type) {
            case "resident_id" -> {
              String id = validId(i);
              v.put(name, id);
              v.put(name + "_normalised", id);
              v.put(name + "_issue", null);
            }
            case "person_name" -> {
              v.put(name, "王小明");
              v.put(name + "_normalised", "王小明");
            }
            default -> v.put(name, value(table, name, type, c, i));
          }
        }
        v.put("source_file", table + ".csv");
        v.put("source_line", (long) i + 2);
        v.put("record_key", table + ":" + table + ".csv:" + (i + 2));
        if (tweak != null) {
          tweak.accept(i, v);
        }
        out.add(RowFactory.create(v.values().toArray()));
      }
      return TestSpark.get().createDataFrame(out, schema);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void write(Warehouse w, String table, java.time.LocalDate date, Dataset<Row> data) {
    data.coalesce(1).write().mode(SaveMode.Overwrite).parquet(w.partition(Warehouse.Layer.STAGED, table, date));
  }

  /** A valid 18-digit ID for row i: 630222 19800101 + sequence + check character. */
  static String validId(int i) {
    String first17 = "630222" + "1980" + String.format("%02d", 1 + (i / 1000) % 12) + "01"
        + String.format("%03d", i % 1000);
    return first17 + ResidentIds.checkCharacter(first17);
  }

  static String householdId(int i) {
    return "H" + String.format("%08d", i);
  }

  private static Object value(String table, String name, String type, JsonNode c, int i) {
    switch (name) {
      case "household_id":
        return householdId(table.equals("members") ? i / 3 : i);
      case "member_no":
        return table.equals("members") ? i % 3 + 1 : 1;
      case "record_id":
      case "payment_id":
      case "school_code":
      case "employer":
        return name.toUpperCase().charAt(0) + String.format("%06d", i);
      default:
        break;
    }
    switch (type) {
      case "string":
        return "text";
      case "integer":
        return c.has("min") ? Math.max(c.path("min").asInt(), name.endsWith("_year") ? 2016 : 1) : 1;
      case "decimal":
        return 100.0;
      case "date":
        return Date.valueOf("2020-03-01");
      case "boolean":
        return true;
      case "code":
        return c.path("values").fieldNames().next();
      case "code_list":
        return new String[] {c.path("values").fieldNames().next()};
      case "admin_code":
        return switch (c.path("digits").asInt()) {
          case 6 -> "630222";
          case 9 -> "630222101";
          default -> "630222101001";
        };
      default:
        throw new IllegalArgumentException("type " + type);
    }
  }

  private static DataType sparkType(String type) {
    return switch (type) {
      case "integer" -> DataTypes.IntegerType;
      case "decimal" -> DataTypes.DoubleType;
      case "date" -> DataTypes.DateType;
      case "boolean" -> DataTypes.BooleanType;
      case "code_list" -> DataTypes.createArrayType(DataTypes.StringType);
      default -> DataTypes.StringType;
    };
  }
}
