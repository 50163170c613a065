package io.jingzhun.contract;

/** Text clean-up shared by every column type. */
public final class Texts {
  private Texts() {}

  /**
   * Full-width ASCII forms (U+FF01–U+FF5E) to ASCII and the ideographic space to a space: the forms
   * Chinese input methods produce for digits, letters and punctuation. Null stays null.
   */
  public static String fullWidthToAscii(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      char out = ch;
      if (ch >= '\uFF01' && ch <= '\uFF5E') {
        out = (char) (ch - 0xFEE0);
      } else if (ch == '\u3000') {
        out = ' ';
      }
      if (out != ch && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(out);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Trims every kind of white space (including no-break and ideographic spaces). */
  public static String strip(String s) {
    if (s == null) {
      return null;
    }
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Full-width to ASCII, then trimmed; null when nothing is left. */
  public static String clean(String s) {
    String t = strip(fullWidthToAscii(s));
    return t == null || t.isEmpty() ? null : t;
  }

  private static boolean isSpace(char ch) {
    return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\uFEFF';
  }
}
