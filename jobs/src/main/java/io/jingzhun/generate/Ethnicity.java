package io.jingzhun.generate;

/** Ethnic groups of the region, with the spellings the members extract uses. */
enum Ethnicity {
  HAN("han", "汉族"),
  HUI("hui", "回族"),
  TIBETAN("tibetan", "藏族"),
  TU("tu", "土族"),
  SALAR("salar", "撒拉族");

  final String code;
  final String chinese;

  Ethnicity(String code, String chinese) {
    this.code = code;
    this.chinese = chinese;
  }
}
