package io.jingzhun.airflow;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Airflow's own view of its components ({@code metadatabase}, {@code scheduler}, {@code triggerer},
 * {@code dag_processor}), each {@code healthy} or {@code unhealthy} with its latest heartbeat.
 */
public record Health(Map<String, Component> components) {
  public Health {
    components = Map.copyOf(components);
  }

  /** True when every component Airflow reported is healthy. */
  public boolean healthy() {
    return !components.isEmpty() && components.values().stream().allMatch(c -> "healthy".equals(c.status()));
  }

  /** One component's status and latest heartbeat (null for the metadata database). */
  public record Component(String status, OffsetDateTime latestHeartbeat) {}
}
