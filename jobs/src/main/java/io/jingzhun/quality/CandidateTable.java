package io.jingzhun.quality;

import static io.jingzhun.common.Preconditions.checkArgument;

/**
 * A table the nightly run wants to publish, checked before it is: its name (which picks
 * {@code conf/quality/<name>.yaml}) and where its candidate data lives (a Hadoop URI of Parquet).
 */
public record CandidateTable(String name, String location) {
  public CandidateTable {
    checkArgument(name != null && name.matches("[a-z][a-z0-9_]*"), "expected a table name in snake case, got '%s'",
        name);
    checkArgument(location != null && !location.isBlank(), "expected a location for candidate table '%s'", name);
  }

  /** Parses {@code name=location} (the CLI's {@code --candidate}). */
  public static CandidateTable parse(String spec) {
    int eq = spec == null ? -1 : spec.indexOf('=');
    checkArgument(eq > 0 && eq < spec.length() - 1, "expected name=location, got '%s'", spec);
    return new CandidateTable(spec.substring(0, eq).strip(), spec.substring(eq + 1).strip());
  }
}
