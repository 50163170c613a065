package io.jingzhun.airflow;

import java.time.OffsetDateTime;

/** A DAG file Airflow could not import, with the Python stack trace it printed. */
public record DagImportError(String fileName, OffsetDateTime timestamp, String stackTrace) {}
