package io.jingzhun.cli;

/** Exit codes the scheduler relies on. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  /** The quality gate blocked publishing; the previous publish stays. */
  public static final int QUALITY_GATE_BLOCKED = 2;
  /** The command line itself was wrong (unknown command or option): BSD's EX_USAGE. */
  public static final int USAGE = 64;

  private ExitCodes() {}
}
