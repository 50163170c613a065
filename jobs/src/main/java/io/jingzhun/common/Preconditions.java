package io.jingzhun.common;

/**
 * Argument checks whose messages say what was expected (Guava style, without pulling Guava in:
 * Spark ships an old Guava that we must not depend on).
 */
public final class Preconditions {
  private Preconditions() {}

  public static void checkArgument(boolean expression, String messageTemplate, Object... args) {
    if (!expression) {
      throw new IllegalArgumentException(String.format(messageTemplate, args));
    }
  }

  public static void checkState(boolean expression, String messageTemplate, Object... args) {
    if (!expression) {
      throw new IllegalStateException(String.format(messageTemplate, args));
    }
  }

  public static <T> T checkNotNull(T reference, String messageTemplate, Object... args) {
    if (reference == null) {
      throw new NullPointerException(String.format(messageTemplate, args));
    }
    return reference;
  }
}
