package io.jingzhun.publish;

import java.util.Optional;
import org.apache.spark.sql.types.DataType;

/**
 * One column of a published table's contract.
 *
 * @param name the column name (snake case)
 * @param type the contract's spelling of the type ({@code string}, {@code long}, {@code array<string>}…)
 * @param dataType the Spark type the published Parquet carries
 * @param labelZh the Chinese label dashboards show
 * @param description what the value means, for planners
 * @param required when true, a null in this column refuses the publish
 * @param pseudonym the pseudonym domain ({@code household}, {@code person}) when the column holds
 *     keyed pseudonyms; values must then look like one ({@link Pseudonyms#FORMAT})
 * @param masked the display mask ({@code name}, {@code id_number}) when the column holds masked
 *     forms; every non-empty value must then contain '*'
 */
public record ContractColumn(
    String name,
    String type,
    DataType dataType,
    String labelZh,
    String description,
    boolean required,
    Optional<String> pseudonym,
    Optional<String> masked) {}
