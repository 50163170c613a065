package io.jingzhun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSummaryTest {
  private static TableSummary table(String name, long read, long staged, long quarantined) {
    return new TableSummary(name,
        List.of(new FileSummary(name + "/a.csv", "csv", "GBK", read, 0, List.of("备注"))),
        read, staged, quarantined, Map.of("BAD_DATE:birth_date", quarantined), "s", "q", 1.25);
  }

  @Test
  void aTableReconcilesOnlyWhenReadEqualsStagedPlusQuarantined() {
    assertThat(table("members", 10, 7, 3).reconciled()).isTrue();
    assertThat(table("members", 10, 7, 2).reconciled()).isFalse();
    IngestSummary s = new IngestSummary(LocalDate.of(2024, 6, 30),
        List.of(table("households", 5, 5, 0), table("members", 10, 7, 2)));
    assertThat(s.reconciled()).isFalse();
  }

  @Test
  void consoleTableShowsCountsReasonsAndIgnoredColumns() {
    String text = new IngestSummary(LocalDate.of(2024, 6, 30), List.of(table("members", 10, 7, 3)))
        .toConsoleTable();
    assertThat(text).contains("ingest 2024-06-30")
        .containsPattern("members\\s+1\\s+10\\s+7\\s+3\\s+yes")
        .containsPattern("BAD_DATE:birth_date\\s+3")
        .contains("members/a.csv: columns not in the contract, not read: 备注");
  }
}
