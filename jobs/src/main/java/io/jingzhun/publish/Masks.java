package io.jingzhun.publish;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Masked display forms as Spark columns, equal to {@link io.jingzhun.identity.ChineseNames#mask}
 * (王小明 → 王*明) and {@link io.jingzhun.identity.ResidentIds#mask} (630222********123X). Built
 * from Spark's own functions (no UDF: codegen, and characters are counted as code points, like the
 * Java versions).
 */
public final class Masks {
  private static final String ANY_CHARACTER = "(?s).";

  private Masks() {}

  /** First and last character kept, the rest '*'; one character → '*'; two → first + '*'. */
  public static Column name(Column name) {
    Column n = length(name);
    Column middleStars = regexp_replace(name.substr(lit(2), n.minus(2)), ANY_CHARACTER, "*");
    return when(name.isNull(), lit(null).cast("string"))
        .when(n.equalTo(0), name)
        .when(n.equalTo(1), lit("*"))
        .when(n.equalTo(2), concat(name.substr(1, 1), lit("*")))
        .otherwise(concat(name.substr(lit(1), lit(1)), middleStars, name.substr(n, lit(1))));
  }

  /** Address code and the last four kept; anything that is not 18 characters masked whole. */
  public static Column idNumber(Column id) {
    return when(id.isNull(), lit(null).cast("string"))
        .when(length(id).equalTo(18), concat(id.substr(1, 6), lit("********"), id.substr(15, 4)))
        .otherwise(regexp_replace(id, ANY_CHARACTER, "*"));
  }
}
