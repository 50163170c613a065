package io.jingzhun.identity;

/** Why a resident identity number is not valid (GB 11643-1999). Codes are stable: they are data. */
public enum ResidentIdIssue {
  MISSING("no ID number given"),
  BAD_CHARACTERS("characters other than digits and a final X"),
  BAD_LENGTH("not 15 or 18 characters"),
  BAD_ADDRESS_CODE("the first six digits are not a plausible administrative code"),
  BAD_BIRTH_DATE("the birth date part is not a real date between 1850 and today"),
  BAD_CHECK_CHARACTER("the check character does not match the first 17 digits");

  private final String meaning;

  ResidentIdIssue(String meaning) {
    this.meaning = meaning;
  }

  public String code() {
    return name();
  }

  public String meaning() {
    return meaning;
  }
}
