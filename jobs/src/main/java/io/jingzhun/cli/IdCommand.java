package io.jingzhun.cli;

import io.jingzhun.identity.ResidentIdCheck;
import io.jingzhun.identity.ResidentIds;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jingzhun id check ID...}: what a clerk types to see why a number is refused. */
@Command(
    name = "id",
    description = "Resident identity numbers (GB 11643-1999).",
    mixinStandardHelpOptions = true,
    subcommands = {IdCommand.Check.class})
public final class IdCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "check",
      description = "Print, per ID: normalised form, valid or the reason, birth date, gender.",
      mixinStandardHelpOptions = true)
  static final class Check implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "ID numbers as entered")
    List<String> ids;

    @Override
    public Integer call() {
      int invalid = 0;
      for (String id : ids) {
        ResidentIdCheck c = ResidentIds.check(id);
        String verdict = c.valid() ? "valid" : "invalid: " + c.issue().code() + " (" + c.issue().meaning() + ")";
        System.out.printf(
            "%s\t%s\t%s\tbirth=%s\tgender=%s%n",
            id,
            c.normalised() == null ? "-" : c.normalised(),
            verdict,
            c.birthDate() == null ? "-" : c.birthDate(),
            c.gender() == null ? "-" : c.gender().code());
        if (!c.valid()) {
          invalid++;
        }
      }
      return invalid == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }
}
