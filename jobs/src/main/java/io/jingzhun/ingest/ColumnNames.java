package io.jingzhun.ingest;

import io.jingzhun.contract.Column;
import io.jingzhun.contract.ExtractContract;
import io.jingzhun.contract.Texts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds contract columns by the names files use: the column name (any case) or its Chinese label,
 * full-width or ASCII punctuation alike (耕地面积（亩） = 耕地面积(亩)).
 */
final class ColumnNames implements Serializable {
  private static final long serialVersionUID = 1L;
  private final ExtractContract contract;
  private final Map<String, Integer> index = new HashMap<>();

  ColumnNames(ExtractContract contract) {
    this.contract = contract;
    List<Column> cols = contract.columns();
    for (int i = 0; i < cols.size(); i++) {
      index.put(key(cols.get(i).name()), i);
      if (cols.get(i).labelZh() != null) {
        index.put(key(cols.get(i).labelZh()), i);
      }
    }
  }

  ExtractContract contract() {
    return contract;
  }

  /** The index of the column a header names, or -1. */
  int indexOf(String header) {
    String k = key(header);
    return k == null ? -1 : index.getOrDefault(k, -1);
  }

  /**
   * Maps header positions to column indexes (-1 for columns the contract does not have). Adds to
   * {@code problems} a column given twice and every required column missing.
   */
  int[] map(List<String> headers, List<String> problems) {
    int[] out = new int[headers.size()];
    int[] seenAt = new int[contract.columns().size()];
    java.util.Arrays.fill(seenAt, -1);
    for (int i = 0; i < headers.size(); i++) {
      int c = indexOf(headers.get(i));
      out[i] = c;
      if (c >= 0) {
        if (seenAt[c] >= 0) {
          problems.add("column " + contract.columns().get(c).name() + " is given twice (headers '"
              + headers.get(seenAt[c]) + "' and '" + headers.get(i) + "')");
        }
        seenAt[c] = i;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < seenAt.length; c++) {
      Column col = contract.columns().get(c);
      if (seenAt[c] < 0 && col.required()) {
        missing.add(col.name() + (col.labelZh() == null ? "" : " (" + col.labelZh() + ")"));
      }
    }
    if (!missing.isEmpty()) {
      problems.add("missing required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + "; expected every required column, named by its column name or Chinese label");
    }
    return out;
  }

  private static String key(String header) {
    String t = Texts.clean(header);
    return t == null ? null : t.toLowerCase(Locale.ROOT);
  }
}
