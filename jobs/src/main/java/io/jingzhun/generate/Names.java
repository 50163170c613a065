package io.jingzhun.generate;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Personal names as the region's registries hold them: Han names, Hui names (many 马 and 韩, a small
 * pool of given names, so the same name recurs), Tibetan names without a surname (才让多杰, 卓玛),
 * sometimes written with a middle dot, Tu and Salar names; and the variants a department types
 * (another middle dot, a traditional or homophone character, stray spaces).
 */
final class Names {
  private static final String[] HAN_SURNAMES = split(
      "王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 董 程 曹 袁 邓 许 傅 沈 "
          + "彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 余 潘 杜 戴 夏 钟 汪 田 任 姜 范 方 石 姚 谭 邹 熊 金 陆 郝 孔 白 "
          + "崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 段 钱 汤 尹 易 常 武 乔 贺 祁 星 李 王 张 刘 陈 杨");
  private static final String[] HAN_MALE = split(
      "伟 强 军 明 勇 杰 涛 斌 华 平 刚 辉 鹏 磊 文 海 成 福 贵 生 林 东 宝 龙 山 忠 学 义 德 祥 春 永 志 "
          + "国 建 荣 发 财 喜 全 顺 元 青 云 峰 俊 良 有 长 得 才");
  private static final String[] HAN_FEMALE = split(
      "秀 英 桂 玉 兰 丽 芳 娟 敏 静 霞 红 梅 燕 萍 琴 花 莲 凤 玲 雪 婷 艳 慧 珍 菊 香 月 春 翠 银 金 叶");
  private static final String[] HUI_SURNAMES = split(
      "马 马 马 马 马 马 马 马 马 马 韩 韩 冶 沙 喇 何 杨 苏 穆 白 哈 妥 海 李 张 王 马 马");
  private static final String[] HUI_MALE = split(
      "福成 有才 德明 成林 海龙 尕布 麻乃 乙四麻 哈三 伊布拉 忠良 明德 学文 国忠 福海 文明 建华 占福 "
          + "占林 玉福 成 明 福 良 忠");
  private static final String[] HUI_FEMALE = split(
      "秀兰 玉兰 法图麦 阿伊舍 秀英 梅花 海燕 尕麦 萨力哈 玉梅 桂花 秀花 兰 英 花");
  private static final String[] TIBETAN_MALE = split(
      "才让 多杰 扎西 尼玛 索南 旦增 更登 公保 桑杰 完玛 东珠 才旦 华旦 仁青 南加 切排 周加 官却 加措 "
          + "洛桑 吉太 闹日 先巴 昂秀 本 加");
  private static final String[] TIBETAN_FEMALE = split(
      "卓玛 拉毛 措 吉 央金 德吉 拉姆 草 才让 吉毛 卓嘎 曲珍 完玛 仁青 措毛 周毛 拉加");
  private static final String[] TU_SURNAMES = split("祁 李 吕 鲁 董 星 席 汪 朱 秦 蒲 胡 张 何 祁 李");
  private static final String[] SALAR_SURNAMES = split("韩 韩 韩 韩 韩 韩 马 马 沈 冶 陕 何");
  private static final String[] SALAR_MALE = split(
      "乙四夫 木沙 尔撒 哈三 阿卜杜 伊斯麻 苏来曼 尕西木 努海 外力 尕布 撒力 穆罕麦");
  private static final String[] SALAR_FEMALE = split("阿伊舍 法图麦 赛麦 海底彻 索菲耶 阿依莎 尕麦 麦燕");

  /** Characters a clerk may type for another (traditional form, or a homophone). */
  private static final Map<Character, Character> VARIANTS = Map.ofEntries(
      Map.entry('马', '馬'), Map.entry('韩', '韓'), Map.entry('兰', '蘭'), Map.entry('玛', '瑪'),
      Map.entry('杰', '傑'), Map.entry('让', '讓'), Map.entry('华', '華'), Map.entry('国', '國'),
      Map.entry('东', '東'), Map.entry('红', '紅'), Map.entry('军', '軍'), Map.entry('龙', '龍'),
      Map.entry('明', '铭'), Map.entry('英', '瑛'), Map.entry('芳', '方'), Map.entry('伟', '玮'),
      Map.entry('梅', '玫'), Map.entry('福', '富'), Map.entry('成', '诚'), Map.entry('林', '琳'),
      Map.entry('丽', '莉'), Map.entry('祥', '翔'), Map.entry('措', '错'), Map.entry('忠', '中'),
      Map.entry('燕', '艳'), Map.entry('平', '萍'), Map.entry('德', '得'), Map.entry('海', '嗨'));

  private static final String[] DOTS = {"\u00B7", "\u2022", "\u30FB", "\uFF0E", "."};

  private Names() {}

  /** A surname for a new household of the given group; null for Tibetan households (no surname). */
  static String surname(Ethnicity e, SplittableRandom r) {
    return switch (e) {
      case HAN -> pick(HAN_SURNAMES, r);
      case HUI -> pick(HUI_SURNAMES, r);
      case TU -> pick(TU_SURNAMES, r);
      case SALAR -> pick(SALAR_SURNAMES, r);
      case TIBETAN -> null;
    };
  }

  /** A full name: surname (when the group uses one) and a given name of the person's gender. */
  static String name(Ethnicity e, String surname, boolean male, SplittableRandom r) {
    switch (e) {
      case HUI:
        return surname + pick(male ? HUI_MALE : HUI_FEMALE, r);
      case SALAR:
        return surname + pick(male ? SALAR_MALE : SALAR_FEMALE, r);
      case TIBETAN:
        return tibetan(male, r);
      case TU:
        if (r.nextDouble() < 0.3) {
          return surname + pick(male ? TIBETAN_MALE : TIBETAN_FEMALE, r);
        }
        return surname + han(male, r);
      default:
        return surname + han(male, r);
    }
  }

  private static String han(boolean male, SplittableRandom r) {
    String[] pool = male ? HAN_MALE : HAN_FEMALE;
    return r.nextDouble() < 0.35 ? pick(pool, r) : pick(pool, r) + pick(pool, r);
  }

  /** Tibetan names: one or two elements; a fifth of two-element names written with a middle dot. */
  private static String tibetan(boolean male, SplittableRandom r) {
    String first = pick(male ? TIBETAN_MALE : TIBETAN_FEMALE, r);
    if (r.nextDouble() < 0.3 && first.length() >= 2) {
      return first;
    }
    String second = pick(male ? TIBETAN_MALE : TIBETAN_FEMALE, r);
    if (second.equals(first)) {
      second = male ? "多杰" : "卓玛";
    }
    if (first.equals(second)) {
      return first;
    }
    return r.nextDouble() < 0.2 ? first + "\u00B7" + second : first + second;
  }

  /**
   * The name as another department typed it: a different middle dot (or none, or one added between
   * the elements of a Tibetan name), a traditional or homophone character, or spaces.
   */
  static String variant(String name, SplittableRandom r) {
    int dot = indexOfDot(name);
    double u = r.nextDouble();
    if (dot >= 0) {
      if (u < 0.4) {
        return name.substring(0, dot) + name.substring(dot + 1);
      }
      return name.substring(0, dot) + DOTS[1 + r.nextInt(DOTS.length - 1)] + name.substring(dot + 1);
    }
    if (u < 0.55) {
      for (int tries = 0; tries < 4; tries++) {
        int i = r.nextInt(name.length());
        Character v = VARIANTS.get(name.charAt(i));
        if (v != null) {
          return name.substring(0, i) + v + name.substring(i + 1);
        }
      }
      for (int i = 0; i < name.length(); i++) {
        Character v = VARIANTS.get(name.charAt(i));
        if (v != null) {
          return name.substring(0, i) + v + name.substring(i + 1);
        }
      }
    }
    if (u < 0.75 && name.length() == 4) {
      // A Tibetan name of two elements, written with a dot by this department.
      return name.substring(0, 2) + DOTS[r.nextInt(DOTS.length)] + name.substring(2);
    }
    if (name.length() >= 2) {
      String space = r.nextBoolean() ? " " : "\u3000";
      return name.charAt(0) + space + name.substring(1);
    }
    return " " + name + " ";
  }

  private static int indexOfDot(String name) {
    for (int i = 0; i < name.length(); i++) {
      for (String d : DOTS) {
        if (name.charAt(i) == d.charAt(0)) {
          return i;
        }
      }
    }
    return -1;
  }

  static String pick(String[] pool, SplittableRandom r) {
    return pool[r.nextInt(pool.length)];
  }

  private static String[] split(String s) {
    return s.split(" ");
  }
}
