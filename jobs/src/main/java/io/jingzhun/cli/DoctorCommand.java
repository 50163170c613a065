package io.jingzhun.cli;

import io.jingzhun.deployment.DeploymentCheck;
import io.jingzhun.deployment.DeploymentReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jingzhun doctor --date D [--profile P]}: checks a deployment (landing reachable, executors
 * write and read the warehouse) before the first nightly run. Exit 0 when every check passes, else 1.
 */
@Command(
    name = "doctor",
    description = "Check that this deployment reaches the landing folder and that executors can write and "
        + "read the warehouse (S3A settings, jars on executors).",
    mixinStandardHelpOptions = true)
public final class DoctorCommand implements Callable<Integer> {
  @Mixin PipelineOptions options;

  @Option(names = "--probe-rows", defaultValue = "100000",
      description = "Rows the executors write and read back (default: ${DEFAULT-VALUE}).")
  long probeRows;

  @Option(names = "--probe-partitions", defaultValue = "4",
      description = "Partitions of the probe, i.e. tasks spread over executors (default: ${DEFAULT-VALUE}).")
  int probePartitions;

  @Override
  public Integer call() {
    System.out.println("profile " + options.profile().name() + ": " + options.profile().describe());
    DeploymentReport report = new DeploymentCheck(options.spark("jingzhun-doctor"), options.landing(),
        options.warehouse(), options.date()).run(probeRows, probePartitions);
    System.out.print(report.render());
    return report.passed() ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
