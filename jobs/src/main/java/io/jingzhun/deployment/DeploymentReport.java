package io.jingzhun.deployment;

import static io.jingzhun.common.Preconditions.checkNotNull;

import java.util.List;

/** The outcome of a {@link DeploymentCheck}: one finding per check, in the order they ran. */
public record DeploymentReport(List<Finding> findings) {
  public DeploymentReport {
    findings = List.copyOf(checkNotNull(findings, "expected findings"));
  }

  public boolean passed() {
    return findings.stream().allMatch(Finding::ok);
  }

  /** One check: its name, whether it passed, and what an operator should read (never credentials). */
  public record Finding(String check, boolean ok, String detail) {
    public Finding {
      checkNotNull(check, "expected a check name");
      detail = detail == null ? "" : detail;
    }

    static Finding ok(String check, String detail) {
      return new Finding(check, true, detail);
    }

    static Finding failed(String check, String detail) {
      return new Finding(check, false, detail);
    }
  }

  /** Aligned lines for the console, one per check. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Finding f : findings) {
      out.append(String.format("%-6s %-10s %s%n", f.ok() ? "ok" : "FAILED", f.check(), f.detail()));
    }
    return out.toString();
  }
}
