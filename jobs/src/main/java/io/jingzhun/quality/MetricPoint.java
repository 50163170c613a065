package io.jingzhun.quality;

import java.time.LocalDate;

/** A metric's value on one run date. */
public record MetricPoint(LocalDate date, double value) {}
