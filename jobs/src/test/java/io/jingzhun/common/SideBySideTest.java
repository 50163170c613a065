package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tables are ingested and checked side by side: results keep the tables' order, and a failure is not lost. */
class SideBySideTest {
  @Test
  void resultsComeInTheOrderOfTheWorkWhateverFinishesFirst() {
    List<Callable<String>> work = List.of(
        () -> { Thread.sleep(200); return "civil_affairs"; },
        () -> "education",
        () -> { Thread.sleep(50); return "households"; });
    assertThat(SideBySide.run("ingest", work, 2)).containsExactly("civil_affairs", "education", "households");
  }

  @Test
  void theFirstFailureIsRethrownAfterEveryTableHasStopped() {
    AtomicInteger finished = new AtomicInteger();
    List<Callable<String>> work = List.of(
        () -> { throw new IllegalArgumentException("members.csv row 7: bad date"); },
        () -> { Thread.sleep(200); finished.incrementAndGet(); return "households"; },
        () -> { throw new IllegalStateException("second failure"); });
    assertThatThrownBy(() -> SideBySide.run("ingest", work, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("members.csv row 7: bad date");
    assertThat(finished).hasValue(1);
  }
}
