package io.jingzhun.quality;

/** How much a failed rule matters: {@code error} blocks publishing, {@code warning} is reported. */
public enum Level {
  ERROR("error"),
  WARNING("warning");

  private final String code;

  Level(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  static Level fromCode(String code) {
    for (Level l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    return null;
  }
}
