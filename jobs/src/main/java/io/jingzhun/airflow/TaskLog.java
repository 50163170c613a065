package io.jingzhun.airflow;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/** One try of one task's log, as the lines Airflow recorded. */
public record TaskLog(List<Line> lines) {
  public TaskLog {
    lines = List.copyOf(lines);
  }

  /** The log as text, one line per event: {@code timestamp [level] event}. */
  public String text() {
    return lines.stream().map(Line::toString).collect(Collectors.joining("\n"));
  }

  /** One event; timestamp and level may be null (plain lines, group markers). */
  public record Line(OffsetDateTime timestamp, String level, String event) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      if (timestamp != null) {
        b.append(timestamp).append(' ');
      }
      if (level != null) {
        b.append('[').append(level).append("] ");
      }
      return b.append(event).toString();
    }
  }
}
