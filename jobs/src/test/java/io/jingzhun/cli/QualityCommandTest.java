package io.jingzhun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.common.ProjectFiles;
import io.jingzhun.common.Warehouse;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The quality gate takes the stage options every other stage takes: the scheduler runs
 * {@code quality --date D --profile P} like {@code link --date D --profile P}, so the profile must
 * decide the warehouse (and Spark's settings) here too.
 */
class QualityCommandTest {
  @Test
  void theWarehouseDefaultsToTheProfilesNotTheWorkingDirectory() {
    QualityCommand gate = new QualityCommand();
    new CommandLine(gate).parseArgs("--date", "2026-11-27");
    String profiles = Warehouse.at(ProjectFiles.home().resolve("warehouse").toString()).root();
    assertThat(gate.options().warehouse().root()).isEqualTo(profiles);

    QualityCommand.Report report = new QualityCommand.Report();
    new CommandLine(report).parseArgs("--date", "2026-11-27", "--warehouse", "/srv/jingzhun/warehouse");
    assertThat(report.options().warehouse().root()).isEqualTo(Warehouse.at("/srv/jingzhun/warehouse").root());
  }

  @Test
  void theProfileIsReadNotIgnored() {
    QualityCommand gate = new QualityCommand();
    new CommandLine(gate).parseArgs("--date", "2026-11-27", "--profile", "nightly-on-mars");
    assertThatThrownBy(() -> gate.options().warehouse())
        .hasMessageContaining("unknown profile 'nightly-on-mars'");
  }
}
