package io.jingzhun.identity;

import java.text.Normalizer;
import java.util.Map;

/**
 * Normalisation of personal names as departments type them: full-width forms, stray spaces, the
 * several middle-dot characters used in transliterated ethnic-minority names (e.g. 才让·多杰), and
 * common variant (traditional or non-standard) characters. Comparison and blocking use this form;
 * the name as entered stays in the restricted zone.
 */
public final class ChineseNames {
  /** The canonical separator: U+00B7 MIDDLE DOT, as in the national standard for transliterations. */
  public static final char MIDDLE_DOT = '\u00B7';

  private static final String DOT_VARIANTS = "\u00B7\u2022\u2027\u2219\u30FB\uFF65\u318D\uFF0E\u25CF\u22C5\u0387.";

  /** Variant characters seen in registries, mapped to the standard simplified form. */
  private static final Map<Character, Character> VARIANTS =
      Map.ofEntries(
          Map.entry('張', '张'), Map.entry('陳', '陈'), Map.entry('劉', '刘'), Map.entry('楊', '杨'),
          Map.entry('黃', '黄'), Map.entry('趙', '赵'), Map.entry('吳', '吴'), Map.entry('孫', '孙'),
          Map.entry('馬', '马'), Map.entry('韓', '韩'), Map.entry('蘭', '兰'), Map.entry('瑪', '玛'),
          Map.entry('傑', '杰'), Map.entry('讓', '让'), Map.entry('華', '华'),
          Map.entry('國', '国'), Map.entry('東', '东'), Map.entry('紅', '红'), Map.entry('軍', '军'),
          Map.entry('偉', '伟'), Map.entry('強', '强'), Map.entry('麗', '丽'), Map.entry('龍', '龙'),
          Map.entry('鳳', '凤'), Map.entry('雲', '云'), Map.entry('貴', '贵'), Map.entry('蓮', '莲'),
          Map.entry('寶', '宝'), Map.entry('學', '学'), Map.entry('衛', '卫'), Map.entry('雙', '双'),
          Map.entry('爾', '尔'), Map.entry('維', '维'), Map.entry('買', '买'), Map.entry('義', '义'),
          Map.entry('㐅', '五'), Map.entry('堃', '坤'), Map.entry('喆', '哲'));

  private ChineseNames() {}

  /** The comparison form of a name, or null when nothing is left of it. */
  public static String normalise(String name) {
    if (name == null) {
      return null;
    }
    String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(nfkc.length());
    for (int i = 0; i < nfkc.length(); i++) {
      char ch = nfkc.charAt(i);
      if (Character.isWhitespace(ch) || Character.isSpaceChar(ch)) {
        continue;
      }
      if (DOT_VARIANTS.indexOf(ch) >= 0) {
        // Collapse repeated separators and drop leading ones.
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != MIDDLE_DOT) {
          sb.append(MIDDLE_DOT);
        }
        continue;
      }
      sb.append(VARIANTS.getOrDefault(ch, Character.toUpperCase(ch)));
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == MIDDLE_DOT) {
      end--;
    }
    sb.setLength(end);
    return sb.length() == 0 ? null : sb.toString();
  }

  /**
   * The family name used for blocking and comparison: for a transliterated name with a middle dot
   * there is none, and the whole first part is used; otherwise the first character (two-character
   * compound surnames such as 欧阳 are rare in the region and tolerated as one-character ones).
   */
  public static String surname(String normalised) {
    if (normalised == null || normalised.isEmpty()) {
      return null;
    }
    int dot = normalised.indexOf(MIDDLE_DOT);
    if (dot > 0) {
      return normalised.substring(0, dot);
    }
    return normalised.substring(0, Character.charCount(normalised.codePointAt(0)));
  }

  /**
   * Display form for published tables: the first character and the last, the rest as '*'
   * (王小明 → 王*明; 张三 → 张*; 才让·多杰 → 才***杰).
   */
  public static String mask(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int[] cps = name.codePoints().toArray();
    if (cps.length == 1) {
      return "*";
    }
    StringBuilder sb = new StringBuilder();
    sb.appendCodePoint(cps[0]);
    if (cps.length == 2) {
      return sb.append('*').toString();
    }
    sb.append("*".repeat(cps.length - 2));
    return sb.appendCodePoint(cps[cps.length - 1]).toString();
  }
}
