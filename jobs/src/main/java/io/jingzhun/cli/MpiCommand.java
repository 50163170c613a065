package io.jingzhun.cli;

import io.jingzhun.common.SparkSessions;
import io.jingzhun.index.MpiRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jingzhun mpi}: the Alkire–Foster index of any flat table, like {@code mpitb est}. */
@Command(
    name = "mpi",
    description = "Alkire-Foster multidimensional poverty index of a flat table: writes summary.json and "
        + "Parquet + CSV tables (units, measures, indicators, dimensions, robustness, changes).",
    mixinStandardHelpOptions = true)
public final class MpiCommand implements Callable<Integer> {
  @Option(names = "--spec", required = true,
      description = "indicator spec: a YAML file, or a project spec name (china-2020, global-mpi)")
  String spec;

  @Option(names = "--input", required = true, description = "units: .csv (with header), .parquet or .jsonl")
  String input;

  @Option(names = "--out", required = true, description = "output folder (replaced)")
  String out;

  @Option(names = "--k", arity = "1..*", description = "poverty cutoffs replacing the spec's, e.g. 0.33 or 1/3")
  List<String> k = new ArrayList<>();

  @Option(names = "--by", arity = "1..*",
      description = "subgroup columns; repeat for several groupings, comma-join for nested (county,township)")
  List<String> by = new ArrayList<>();

  @Option(names = "--param", description = "spec parameter NAME=VALUE, e.g. income_line=4000")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--year", description = "assessment year: sets income_line from conf/income-lines.yaml")
  Integer year;

  @Option(names = "--weight", description = "weight column (overrides the spec)")
  String weight;

  @Option(names = "--strata", description = "strata column for design-based SEs (overrides the spec)")
  String strata;

  @Option(names = "--psu", description = "PSU column for design-based SEs (overrides the spec)")
  String psu;

  @Option(names = "--round", description = "column holding each unit's round (year): adds changes over time")
  String round;

  @Override
  public Integer call() {
    List<Double> ks = new ArrayList<>();
    for (String s : k) {
      ks.add(parseShare(s));
    }
    List<List<String>> groupings = new ArrayList<>();
    for (String b : by) {
      groupings.add(Arrays.stream(b.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList());
    }
    Map<String, Object> p = new LinkedHashMap<>(params);
    MpiRun.run(SparkSessions.getOrCreate("jingzhun-mpi"),
        new MpiRun.Options(spec, input, out, ks, groupings, p, year, weight, strata, psu, round));
    System.out.println("wrote " + out + "/summary.json");
    return ExitCodes.OK;
  }

  private static double parseShare(String s) {
    try {
      int slash = s.indexOf('/');
      return slash > 0
          ? Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1))
          : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--k: expected a number or a fraction like 1/3, got '" + s + "'");
    }
  }
}
