package io.jingzhun.pipeline;

import static io.jingzhun.common.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jingzhun.common.HadoopFiles;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs stages in order for one run date, printing a progress line per stage, and writes the run
 * summary (console and {@code runs/run/run_date=D/summary.json}). A stage that blocks (the quality gate)
 * stops the run before anything is published; a stage that throws fails the run.
 */
public final class NightlyRun {
  private final List<Stage> stages;
  private final PrintStream console;

  public NightlyRun(List<Stage> stages, PrintStream console) {
    checkArgument(stages != null && !stages.isEmpty(), "expected at least one stage");
    this.stages = List.copyOf(stages);
    this.console = console;
  }

  /** The result of a whole run. */
  public record Result(boolean blocked, List<StageOutcome> outcomes, Map<String, Long> millisByStage) {}

  public Result run(RunContext context) throws Exception {
    List<StageOutcome> outcomes = new ArrayList<>();
    Map<String, Long> millis = new LinkedHashMap<>();
    Instant start = Instant.now();
    boolean blocked = false;
    String failure = null;
    try {
      for (int i = 0; i < stages.size(); i++) {
        Stage stage = stages.get(i);
        console.printf("[%d/%d] %-8s ...%n", i + 1, stages.size(), stage.name());
        Instant t0 = Instant.now();
        StageOutcome outcome = stage.run(context);
        long ms = Duration.between(t0, Instant.now()).toMillis();
        millis.put(stage.name(), ms);
        outcomes.add(outcome);
        console.printf("[%d/%d] %-8s %s in %.1f s%s%n", i + 1, stages.size(), stage.name(),
            outcome.status() == StageOutcome.Status.DONE ? "done" : "BLOCKED", ms / 1000.0,
            outcome.message().isEmpty() ? "" : " — " + outcome.message());
        if (outcome.status() == StageOutcome.Status.BLOCKED) {
          blocked = true;
          console.println("The run stops here: nothing is published; the previous publish stays.");
          break;
        }
      }
    } catch (Exception e) {
      failure = e.getMessage();
      throw e;
    } finally {
      millis.put("total", Duration.between(start, Instant.now()).toMillis());
      writeSummary(context, outcomes, millis, blocked, failure);
    }
    return new Result(blocked, List.copyOf(outcomes), Map.copyOf(millis));
  }

  private void writeSummary(RunContext context, List<StageOutcome> outcomes, Map<String, Long> millis,
      boolean blocked, String failure) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("run_date", context.runDate().toString());
    summary.put("outcome", failure != null ? "failed" : blocked ? "blocked" : "succeeded");
    if (failure != null) {
      summary.put("error", failure);
    }
    summary.put("millis", millis);
    Map<String, Object> stagesOut = new LinkedHashMap<>();
    for (StageOutcome o : outcomes) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("status", o.status().name().toLowerCase());
      s.put("message", o.message());
      s.put("facts", o.facts());
      stagesOut.put(o.stage(), s);
    }
    summary.put("stages", stagesOut);
    try {
      String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
      String uri = context.warehouse().runRecords("run", context.runDate()) + "/summary.json";
      HadoopFiles.of(context.spark()).writeString(uri, json + "\n");
      console.printf("Run summary: %s (total %.1f s)%n", uri, millis.get("total") / 1000.0);
    } catch (Exception e) {
      console.println("warning: could not write the run summary: " + e.getMessage());
    }
  }
}
