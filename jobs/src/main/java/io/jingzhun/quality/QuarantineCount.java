package io.jingzhun.quality;

/**
 * Rows set aside for one reason.
 *
 * @param stage {@code ingest} (quarantine/&lt;table&gt;) or {@code rules} (quarantine/&lt;table&gt;_rules)
 */
public record QuarantineCount(String table, String stage, String reason, long rows) {}
