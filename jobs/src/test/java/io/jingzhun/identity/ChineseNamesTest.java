package io.jingzhun.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseNamesTest {
  @Test
  void spacesAndFullWidthFormsAreRemoved() {
    assertThat(ChineseNames.normalise(" 王  小明\u3000")).isEqualTo("王小明");
    assertThat(ChineseNames.normalise("ＡＢ")).isEqualTo("AB");
  }

  @Test
  void middleDotVariantsBecomeOne() {
    String canonical = "才让\u00B7多杰";
    for (String dot : new String[] {"\u00B7", "\u2022", "\u2027", "\u30FB", "\uFF65", ".", "\uFF0E", "\u2219"}) {
      assertThat(ChineseNames.normalise("才让" + dot + "多杰")).isEqualTo(canonical);
    }
    assertThat(ChineseNames.normalise("才让··多杰·")).isEqualTo(canonical);
    assertThat(ChineseNames.surname(canonical)).isEqualTo("才让");
  }

  @Test
  void variantCharactersMapToStandardForms() {
    assertThat(ChineseNames.normalise("馬國華")).isEqualTo("马国华");
    assertThat(ChineseNames.surname("马国华")).isEqualTo("马");
  }

  @Test
  void emptyNamesBecomeNull() {
    assertThat(ChineseNames.normalise("  ")).isNull();
    assertThat(ChineseNames.normalise(null)).isNull();
  }

  @Test
  void masksKeepFirstAndLastCharacter() {
    assertThat(ChineseNames.mask("王小明")).isEqualTo("王*明");
    assertThat(ChineseNames.mask("张三")).isEqualTo("张*");
    assertThat(ChineseNames.mask("才让·多杰")).isEqualTo("才***杰");
  }
}
