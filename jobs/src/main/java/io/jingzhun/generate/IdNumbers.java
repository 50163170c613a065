package io.jingzhun.generate;

import io.jingzhun.identity.ResidentIds;
import java.time.LocalDate;

/**
 * Valid, unique resident ID numbers for synthetic people. Within one county (address code) each
 * person has a slot {@code localHousehold * SLOTS + slot}; a fixed bijection maps that number to a
 * (day of year, sequence) pair, so two people of one county never share a birth day and a sequence,
 * and therefore never an ID, without remembering any ID issued.
 */
final class IdNumbers {
  /** Slots per household: 0..9 members, 10 payroll, 11 elder, 12 student, 13 unregistered payee. */
  static final int SLOTS = 14;

  static final int SLOT_PAYROLL = 10;
  static final int SLOT_ELDER = 11;
  static final int SLOT_STUDENT = 12;
  static final int SLOT_PAYEE = 13;
  static final int MAX_MEMBERS = 10;

  private static final int SPACE = 365 * 500;
  private static final long MULTIPLIER = 7919; // prime, coprime to 365 * 500

  private IdNumbers() {}

  private static int scrambled(int localHousehold, int slot) {
    long p = (long) localHousehold * SLOTS + slot;
    if (p >= SPACE) {
      throw new IllegalArgumentException(
          "too many households in one county for unique ID numbers: " + localHousehold);
    }
    return (int) ((p * MULTIPLIER + 4_241) % SPACE);
  }

  /** The birth date of the person of this slot born in {@code year}: the day of year is fixed by the slot. */
  static LocalDate birthDate(int year, int localHousehold, int slot) {
    int day = scrambled(localHousehold, slot) % 365;
    return LocalDate.ofYearDay(year, day + 1);
  }

  /** The first birthday of this slot strictly after {@code after}. */
  static LocalDate nextBirthDateAfter(LocalDate after, int localHousehold, int slot) {
    LocalDate d = birthDate(after.getYear(), localHousehold, slot);
    return d.isAfter(after) ? d : birthDate(after.getYear() + 1, localHousehold, slot);
  }

  static String idNumber(String addressCode, LocalDate birth, int localHousehold, int slot, boolean male) {
    int sequence = (scrambled(localHousehold, slot) / 365) * 2 + (male ? 1 : 0);
    String first17 = addressCode + Emitter.pad(birth.getYear(), 4) + Emitter.pad(birth.getMonthValue(), 2)
        + Emitter.pad(birth.getDayOfMonth(), 2) + Emitter.pad(sequence, 3);
    return first17 + ResidentIds.checkCharacter(first17);
  }
}
