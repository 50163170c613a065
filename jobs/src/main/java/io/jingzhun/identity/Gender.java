package io.jingzhun.identity;

/** Gender as recorded; canonical codes used in every staged table. */
public enum Gender {
  MALE("male"),
  FEMALE("female");

  private final String code;

  Gender(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
