package io.jingzhun.ingest;

import java.io.Serializable;

/**
 * One delivered file of a run date: {@code <landing>/<date>/<table>/<name>}.
 *
 * @param table the table (contract) it belongs to
 * @param sourceFile its path under the landing date folder, e.g. {@code households/part-1.csv}; this
 *     is the lineage recorded on every row
 * @param uri its full Hadoop URI
 * @param format read according to its extension
 * @param bytes its size
 */
public record LandingFile(String table, String sourceFile, String uri, FileFormat format, long bytes)
    implements Serializable {}
