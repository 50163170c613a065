package io.jingzhun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jingzhun} command line. Every stage of the nightly run is a sub-command, so a person and
 * the scheduler run exactly the same thing.
 */
@Command(
    name = "jingzhun",
    mixinStandardHelpOptions = true,
    version = "jingzhun 0.1.0",
    description = "Precise poverty identification: ingest, cross-match, index and publish.",
    subcommands = {
      IdCommand.class,
      IngestCommand.class,
      GenerateCommand.class,
      MpiCommand.class,
      SqlCommand.class,
      RunCommand.class,
      IndexCommand.class,
      PublishCommand.class,
      AirflowCommand.class,
      LinkCommand.class,
      LinkEvalCommand.class,
      QualityCommand.class,
      DoctorCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 success, 1 error, 2 quality gate). */
  public static int execute(String... args) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // A clear one-line message for users; the stack trace only when asked for.
          commandLine.getErr().println("error: " + ex.getMessage());
          if (Boolean.getBoolean("jingzhun.debug") || System.getenv("JINGZHUN_DEBUG") != null) {
            ex.printStackTrace(commandLine.getErr());
          }
          return ExitCodes.ERROR;
        });
    // A command line picocli refuses must not look like a blocked quality gate (2) to a scheduler.
    cmd.setParameterExceptionHandler(
        (ex, cmdArgs) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.usage(c.getErr());
          return ExitCodes.USAGE;
        });
    return cmd.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
