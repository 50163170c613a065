package io.jingzhun.quality;

/** Cross-department findings of the run (linked/findings) counted by rule and severity. */
public record FindingCount(String ruleCode, String severity, long count) {}
