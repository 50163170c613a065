package io.jingzhun.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The records one household contributes to each table on a run date, before they are written: each
 * carries the true person and household behind it and the defects planted in it.
 */
final class Batch {
  /** A defect planted in a record: kind {@code audit} or {@code data}, its code and the expected outcome. */
  record Note(String kind, String code, String expected, String householdId) {}

  /** One record: its row, the truth behind it, and its notes. */
  static final class Out {
    final String table;
    final TableLayout.Row row;
    final String personId;
    final String householdId;
    final List<Note> notes = new ArrayList<>(0);

    Out(String table, TableLayout.Row row, String personId, String householdId) {
      this.table = table;
      this.row = row;
      this.personId = personId;
      this.householdId = householdId;
    }

    Out note(String kind, String code, String expected, String householdId) {
      notes.add(new Note(kind, code, expected, householdId));
      return this;
    }
  }

  enum Table {
    HOUSEHOLDS("households"), MEMBERS("members"), CIVIL_AFFAIRS("civil_affairs"), EDUCATION("education"),
    FINANCE_PAYMENTS("finance_payments"), FINANCE_PAYROLL("finance_payroll");

    final String table;

    Table(String table) {
      this.table = table;
    }
  }

  final Map<Table, List<Out>> outs = new EnumMap<>(Table.class);

  Batch() {
    for (Table t : Table.values()) {
      outs.put(t, new ArrayList<>());
    }
  }

  List<Out> of(Table t) {
    return outs.get(t);
  }
}
