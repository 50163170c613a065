package io.jingzhun.quality;

import io.jingzhun.identity.ChineseNames;
import io.jingzhun.identity.ResidentIds;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks values shown to auditors in reports. Personal columns of a contract are masked by kind
 * (ID numbers: 630222********123X; names: 王*明); every other value is scrubbed of anything that looks like
 * an ID number too, as a defence in depth (outputs have no contract to say what is personal).
 */
final class Masking {
  // Digits after "<digit>." are the fraction of a number (0.0583891234567890123), not an ID: masking them
  // would corrupt JSON. An ID after "No." or before a full stop is still masked.
  private static final Pattern ID_LIKE = Pattern.compile(
      "(?<![0-9])(?<![0-9]\\.)(?:[0-9]{17}[0-9Xx](?![0-9A-Za-z])|[0-9]{15}(?![0-9]))(?!\\.[0-9])");

  private Masking() {}

  static String mask(String kind, String value) {
    if (value == null) {
      return null;
    }
    if ("id".equals(kind)) {
      return ResidentIds.mask(value);
    }
    if ("name".equals(kind)) {
      return ChineseNames.mask(value);
    }
    return scrub(value);
  }

  /** Replaces every ID-like run of digits in free text with its masked form. */
  static String scrub(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = ID_LIKE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(ResidentIds.mask(m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Whether a text still holds a clear 18-character ID number. */
  static boolean holdsClearId(String text) {
    return Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])").matcher(text).find();
  }
}
