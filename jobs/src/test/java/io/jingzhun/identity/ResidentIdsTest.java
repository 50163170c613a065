package io.jingzhun.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdsTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  @ParameterizedTest
  @CsvSource({"11010519491231002X", "440524188001015368", "53010219200508011X"})
  void referenceNumbersAreValid(String id) {
    ResidentIdCheck c = ResidentIds.check(id, TODAY);
    assertThat(c.valid()).isTrue();
    assertThat(c.normalised()).isEqualTo(id);
  }

  @Test
  void wrongCheckCharacterIsReported() {
    ResidentIdCheck c = ResidentIds.check("110105194912310021", TODAY);
    assertThat(c.valid()).isFalse();
    assertThat(c.issue()).isEqualTo(ResidentIdIssue.BAD_CHECK_CHARACTER);
    assertThat(ResidentIds.checkCharacter("11010519491231002")).isEqualTo('X');
    // Kept in normalised form so linkage can still compare it partially.
    assertThat(c.normalised()).isEqualTo("110105194912310021");
  }

  @Test
  void fifteenDigitNumberConvertsToEighteen() {
    assertThat(ResidentIds.fifteenToEighteen("110105491231002")).isEqualTo("11010519491231002X");
    ResidentIdCheck c = ResidentIds.check("110105491231002", TODAY);
    assertThat(c.valid()).isTrue();
    assertThat(c.normalised()).isEqualTo("11010519491231002X");
    assertThat(c.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
  }

  @Test
  void fullWidthDigitsLowerCaseXAndSpacesAreNormalised() {
    assertThat(ResidentIds.normalise(" １１０１０５１９４９１２３１００２ｘ ")).isEqualTo("11010519491231002X");
    assertThat(ResidentIds.normalise("11010519491231002x")).isEqualTo("11010519491231002X");
    assertThat(ResidentIds.normalise("110105 1949 1231 002X")).isEqualTo("11010519491231002X");
  }

  @Test
  void birthDateAndGenderAreRead() {
    ResidentIdCheck man = ResidentIds.check("53010219200508011X", TODAY);
    assertThat(man.birthDate()).isEqualTo(LocalDate.of(1920, 5, 8));
    assertThat(man.gender()).isEqualTo(Gender.MALE); // 17th character 1: odd
    ResidentIdCheck woman = ResidentIds.check("440524188001015368", TODAY);
    assertThat(woman.gender()).isEqualTo(Gender.FEMALE); // 17th character 6: even
    assertThat(woman.birthDate()).isEqualTo(LocalDate.of(1880, 1, 1));
  }

  @Test
  void eachKindOfProblemHasItsReason() {
    assertThat(ResidentIds.check(null, TODAY).issue()).isEqualTo(ResidentIdIssue.MISSING);
    assertThat(ResidentIds.check("   ", TODAY).issue()).isEqualTo(ResidentIdIssue.MISSING);
    assertThat(ResidentIds.check("1101051949123100", TODAY).issue()).isEqualTo(ResidentIdIssue.BAD_LENGTH);
    assertThat(ResidentIds.check("11010519491231002Y", TODAY).issue()).isEqualTo(ResidentIdIssue.BAD_CHARACTERS);
    assertThat(ResidentIds.check("1101051949123100X2", TODAY).issue()).isEqualTo(ResidentIdIssue.BAD_CHARACTERS);
    // A 15-character number has no check character; lengths other than 15 and 18 of digits and X are
    // a wrong length; digits of other scripts are not digits of an ID number.
    assertThat(ResidentIds.check("11010549123100X", TODAY).issue()).isEqualTo(ResidentIdIssue.BAD_CHARACTERS);
    assertThat(ResidentIds.check("110105194912310X", TODAY).issue()).isEqualTo(ResidentIdIssue.BAD_LENGTH);
    assertThat(ResidentIds.check("1101051949123100\u0663X", TODAY).issue())
        .isEqualTo(ResidentIdIssue.BAD_CHARACTERS);
    assertThat(ResidentIds.check("110105491231\u066302", TODAY).issue()).isEqualTo(ResidentIdIssue.BAD_CHARACTERS);
    // Province 99 does not exist.
    String badAddress = "99010519491231002";
    assertThat(ResidentIds.check(badAddress + ResidentIds.checkCharacter(badAddress), TODAY).issue())
        .isEqualTo(ResidentIdIssue.BAD_ADDRESS_CODE);
    // 30 February.
    String badDate = "11010519490230002";
    assertThat(ResidentIds.check(badDate + ResidentIds.checkCharacter(badDate), TODAY).issue())
        .isEqualTo(ResidentIdIssue.BAD_BIRTH_DATE);
    // Born in the future.
    String future = "11010520300101002";
    assertThat(ResidentIds.check(future + ResidentIds.checkCharacter(future), TODAY).issue())
        .isEqualTo(ResidentIdIssue.BAD_BIRTH_DATE);
  }

  @Test
  void masksHideBirthDateAndSequence() {
    assertThat(ResidentIds.mask("63022219800101123X")).isEqualTo("630222********123X");
    assertThat(ResidentIds.mask("12345")).isEqualTo("*****");
    assertThat(ResidentIds.mask(null)).isNull();
  }

  @Test
  void checkCharacterRejectsMalformedInput() {
    assertThatThrownBy(() -> ResidentIds.checkCharacter("123"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("17 ASCII digits");
    assertThatThrownBy(() -> ResidentIds.fifteenToEighteen("12345678901234X"))
        .hasMessageContaining("15-digit");
    assertThatThrownBy(() -> ResidentIds.checkCharacter("1101051949123100\u0663"))
        .hasMessageContaining("17 ASCII digits");
    assertThatThrownBy(() -> ResidentIds.checkCharacter("110105194912310022"))
        .hasMessageContaining("17 ASCII digits");
  }
}
