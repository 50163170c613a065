package io.jingzhun.common;

import static io.jingzhun.common.Preconditions.checkArgument;

import java.net.URI;
import java.nio.file.Paths;
import java.time.LocalDate;

/**
 * Where each layer's tables live (dbt-style layering, one writer per table):
 * {@code staged → linked → indexed → published}, plus {@code quarantine} and run records.
 * Locations are Hadoop URIs ({@code file:}, {@code s3a:}), so object storage is configuration.
 *
 * <p>A table's data for one run date lives in {@code <layer>/<table>/run_date=YYYY-MM-DD/}; a writer
 * replaces exactly that folder, so re-running a date is idempotent and other dates are untouched,
 * and reading {@code <layer>/<table>} gives every date with a {@code run_date} column.
 */
public final class Warehouse {
  private final String root;

  private Warehouse(String root) {
    this.root = root;
  }

  /** A warehouse at a URI, or at a local path (made absolute, as a {@code file:} URI). */
  public static Warehouse at(String location) {
    return new Warehouse(Locations.toUri(location));
  }

  public String root() {
    return root;
  }

  /** {@code <root>/<layer>/<table>}: every run date of one table. */
  public String table(Layer layer, String table) {
    checkArgument(table != null && table.matches("[a-z][a-z0-9_]*"),
        "expected a table name in snake case, got '%s'", table);
    return root + "/" + layer.folder() + "/" + table;
  }

  /** {@code <root>/<layer>/<table>/run_date=D}: one run date of one table. */
  public String partition(Layer layer, String table, LocalDate runDate) {
    checkArgument(runDate != null, "expected a run date");
    return table(layer, table) + "/run_date=" + runDate;
  }

  /** {@code <root>/runs/<stage>/run_date=D}: a stage's run records (summaries, reports). */
  public String runRecords(String stage, LocalDate runDate) {
    return root + "/runs/" + stage + "/run_date=" + runDate;
  }

  /** Any other location under the root. */
  public String resolve(String relative) {
    return root + "/" + relative;
  }

  @Override
  public String toString() {
    return root;
  }

  /** The layers of the warehouse, in the order data passes through them. */
  public enum Layer {
    STAGED("staged"),
    QUARANTINE("quarantine"),
    LINKED("linked"),
    INDEXED("indexed"),
    PUBLISHED("published"),
    QUALITY("quality");

    private final String folder;

    Layer(String folder) {
      this.folder = folder;
    }

    public String folder() {
      return folder;
    }
  }

  /** Turning user-given locations into Hadoop URIs. */
  public static final class Locations {
    private Locations() {}

    /** {@code s3a://b/x} stays as it is; {@code ./warehouse} becomes {@code file:/abs/warehouse}. */
    public static String toUri(String location) {
      checkArgument(location != null && !location.isBlank(), "expected a location, got nothing");
      String trimmed = location.strip();
      while (trimmed.length() > 1 && trimmed.endsWith("/")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      URI uri = URI.create(trimmed.replace(" ", "%20"));
      if (uri.getScheme() != null && uri.getScheme().length() > 1) {
        return trimmed;
      }
      return Paths.get(trimmed).toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
    }
  }
}
