package io.jingzhun.identity;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The outcome of checking one resident identity number as entered.
 *
 * @param input the text as entered (may be null)
 * @param normalised the 18-character form when the text could be brought to one (ASCII, upper-case X,
 *     15 digits converted), else null; present even when the check character is wrong, so that
 *     linkage can still compare it partially
 * @param issue why the number is not valid, or null when it is
 * @param birthDate the birth date encoded in the number, when it is a real date
 * @param gender the gender encoded by the 17th character, when the number has one
 */
public record ResidentIdCheck(
    String input, String normalised, ResidentIdIssue issue, LocalDate birthDate, Gender gender) {

  public boolean valid() {
    return issue == null;
  }

  /** The valid 18-character number, or empty. */
  public Optional<String> validNumber() {
    return valid() ? Optional.of(normalised) : Optional.empty();
  }
}
