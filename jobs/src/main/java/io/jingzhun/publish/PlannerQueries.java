package io.jingzhun.publish;

import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import scala.collection.JavaConverters;

/**
 * Planners' read-only SQL over the published tables: each published table is a view by its name
 * (and {@code <name>_history} over every committed run, with {@code run_date}), in a session of its
 * own. Only queries run: anything Spark's parser reads as a command (INSERT, CREATE, DROP, ALTER,
 * CACHE, SET, ADD JAR, …) is refused before it runs, and so are reflection calls and SQL directly on
 * files (which would bypass the manifests and reach the restricted layers).
 */
public final class PlannerQueries {
  private final SparkSession session;
  private final PublishedTables tables;

  private PlannerQueries(SparkSession session, PublishedTables tables) {
    this.session = session;
    this.tables = tables;
  }

  /** Opens the published run (latest, or as of a date) and registers its views in a new session. */
  public static PlannerQueries open(SparkSession spark, Warehouse warehouse, Optional<LocalDate> asOf) {
    PublishedTables tables = PublishedTables.open(spark, warehouse, asOf);
    SparkSession session = isolatedSession(spark);
    tables.registerViews(session);
    return new PlannerQueries(session, tables);
  }

  /** A session sharing the cluster but not the caller's views or settings, with file SQL off. */
  static SparkSession isolatedSession(SparkSession spark) {
    SparkSession session = spark.newSession();
    session.conf().set("spark.sql.runSQLOnFiles", "false");
    return session;
  }

  public PublishedTables tables() {
    return tables;
  }

  /** Runs one query; a refusal or a parse error is an {@link IllegalArgumentException}. */
  public Dataset<Row> query(String sql) {
    checkReadOnly(session, sql);
    Dataset<Row> result = session.sql(sql); // a query: analysed here, run only when printed
    String reflection = reflectionCall(result.queryExecution().analyzed());
    if (reflection != null) {
      throw new IllegalArgumentException("refused: " + reflection
          + " calls Java methods; the sql command runs plain queries over published tables");
    }
    return result;
  }

  /**
   * Refuses anything but a single query. Parsing happens without running: Spark runs commands as
   * soon as {@code sql()} is called, so the check must come first.
   */
  public static void checkReadOnly(SparkSession spark, String sql) {
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("expected a query, e.g. \"SELECT * FROM <table> LIMIT 10\"");
    }
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (ParseException e) {
      throw new IllegalArgumentException("cannot parse the query: " + e.getMessage());
    }
    String command = firstCommand(plan);
    boolean query;
    try {
      spark.sessionState().sqlParser().parseQuery(sql);
      query = true;
    } catch (ParseException | RuntimeException e) {
      query = false;
    }
    if (command != null || !query) {
      throw new IllegalArgumentException("refused: '" + firstWords(sql) + "' is "
          + (command != null ? "a command (" + command + ")" : "not a query")
          + ". Published tables are read-only here: only queries (SELECT, WITH … SELECT, VALUES, TABLE) run");
    }
  }

  private static String firstCommand(LogicalPlan plan) {
    if (plan instanceof Command || plan instanceof ParsedStatement || plan instanceof InsertIntoDir) {
      return plan.nodeName();
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      String found = firstCommand(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String reflectionCall(LogicalPlan plan) {
    List<Expression> stack = new ArrayList<>(JavaConverters.seqAsJavaList(plan.expressions()));
    while (!stack.isEmpty()) {
      Expression e = stack.remove(stack.size() - 1);
      if (e instanceof CallMethodViaReflection) {
        return e.prettyName();
      }
      if (e instanceof SubqueryExpression s) {
        String inner = reflectionCall(s.plan());
        if (inner != null) {
          return inner;
        }
      }
      stack.addAll(JavaConverters.seqAsJavaList(e.children()));
    }
    List<LogicalPlan> children = new ArrayList<>(JavaConverters.seqAsJavaList(plan.children()));
    children.addAll(JavaConverters.seqAsJavaList(plan.innerChildren()).stream()
        .filter(LogicalPlan.class::isInstance).map(LogicalPlan.class::cast).toList());
    for (LogicalPlan child : children) {
      String found = reflectionCall(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String firstWords(String sql) {
    String[] words = sql.strip().split("\\s+");
    String head = String.join(" ", java.util.Arrays.copyOf(words, Math.min(2, words.length)));
    return head.toUpperCase(Locale.ROOT);
  }
}
