package io.jingzhun.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.identity.Gender;
import io.jingzhun.identity.ResidentIdCheck;
import io.jingzhun.identity.ResidentIds;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdNumbersTest {
  @Test
  void everySlotOfAFullCountyGetsItsOwnIdNumberInAnyBirthYear() {
    Set<String> ids = new HashSet<>();
    for (int household = 0; household < Gazetteer.MAX_COUNTY_HOUSEHOLDS; household++) {
      for (int slot = 0; slot < IdNumbers.SLOTS; slot++) {
        // The same birth year for everyone is the worst case: only (day, sequence) can differ.
        LocalDate birth = IdNumbers.birthDate(1980, household, slot);
        boolean male = (household + slot) % 2 == 0;
        assertThat(ids.add(IdNumbers.idNumber("630222", birth, household, slot, male).substring(0, 17)))
            .as("household %s slot %s", household, slot).isTrue();
      }
    }
  }

  @Test
  void idNumbersAreValidAndCarryTheBirthDateAndGender() {
    for (int household = 0; household < 500; household += 7) {
      for (int slot = 0; slot < IdNumbers.SLOTS; slot++) {
        LocalDate birth = IdNumbers.birthDate(1930 + household % 95, household, slot);
        boolean male = slot % 3 == 0;
        ResidentIdCheck c = ResidentIds.check(IdNumbers.idNumber("630225", birth, household, slot, male),
            LocalDate.of(2026, 11, 27));
        assertThat(c.valid()).isTrue();
        assertThat(c.birthDate()).isEqualTo(birth);
        assertThat(c.gender()).isEqualTo(male ? Gender.MALE : Gender.FEMALE);
      }
    }
  }

  @Test
  void aCountyBeyondTheIdSpaceIsRefused() {
    assertThatThrownBy(() -> IdNumbers.birthDate(1980, 13_100, 0))
        .hasMessageContaining("too many households in one county");
  }
}
