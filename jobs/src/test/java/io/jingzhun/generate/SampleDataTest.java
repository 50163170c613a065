package io.jingzhun.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample-data/} is generated, never edited by hand: the command in docs/generator.md
 * ({@code bin/jingzhun generate --households 900 --seed 20261127 --out sample-data --profile sample})
 * must reproduce it byte for byte, and it must stay small enough for git.
 */
class SampleDataTest {
  @Test
  void sampleDataIsExactlyWhatTheDocumentedCommandGenerates(@TempDir Path out) throws IOException {
    Generator.run(new Generator.Settings(900, 20261127, out.toString(), LocalDate.parse("2026-11-27"),
        GeneratorProfile.load("sample"), 2));
    Map<String, byte[]> expected = LandingFiles.tree(out);
    Map<String, byte[]> committed = LandingFiles.tree(ProjectFiles.home().resolve("sample-data"));
    assertThat(committed.keySet()).isEqualTo(expected.keySet());
    for (String file : expected.keySet()) {
      assertThat(Arrays.equals(committed.get(file), expected.get(file)))
          .as("sample-data/%s differs from a fresh generation (re-run the command in docs/generator.md)", file)
          .isTrue();
    }
    long bytes = committed.values().stream().mapToLong(b -> b.length).sum();
    assertThat(bytes).as("sample-data, truth included, under 2 MiB").isLessThan(2L * 1024 * 1024);
  }
}
