package io.jingzhun.generate;

import static io.jingzhun.common.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the synthetic households live: counties (Haidong's six real ones, then synthetic counties in
 * province 63 and beyond), townships (9-digit codes) and villages (12-digit codes). A household's place
 * is arithmetic on its index, so nothing is held per household.
 */
final class Gazetteer {
  /** Haidong's registered poor households, 2014 (REFERENCE §2): the six counties add up to this. */
  static final int HAIDONG_HOUSEHOLDS = 48_377;

  /** Most households a county may hold: the ID numbers' (day, sequence) space per address code. */
  static final int MAX_COUNTY_HOUSEHOLDS = 13_000;

  private static final String[] SYLLABLES = {
    "东", "西", "南", "北", "上", "下", "大", "小", "新", "古", "红", "青", "白", "黑", "金", "石", "沙", "马",
    "牙", "甘", "河", "川", "山", "沟", "泉", "湾", "台", "峡", "坪", "堡", "庄", "滩", "岭", "岔", "塘", "源",
    "隆", "丰", "安", "乐", "和", "平", "康", "宁", "兴", "盛", "林", "柳", "杏", "桃", "花", "草", "阳", "阴"
  };

  private static final List<County> HAIDONG =
      List.of(
          county("630202", "乐都区", 8_600, new double[] {0.80, 0.04, 0.12, 0.04, 0},
              "碾伯镇 雨润镇 寿乐镇 高庙镇 洪水镇 高店镇 瞿昙镇 共和乡 中岭乡 李家乡 马营乡 马厂乡 蒲台乡 中坝藏族乡 峰堆乡 城台乡 达拉土族乡 下营藏族乡 芦花乡"),
          county("630203", "平安区", 3_377, new double[] {0.70, 0.25, 0.05, 0, 0},
              "平安镇 小峡镇 三合镇 洪水泉回族乡 石灰窑回族乡 古城回族乡 沙沟回族乡 巴藏沟回族乡"),
          county("630222", "民和回族土族自治县", 11_900, new double[] {0.45, 0.30, 0.02, 0.23, 0},
              "川口镇 古鄯镇 马营镇 官亭镇 巴州镇 满坪镇 李二堡镇 峡门镇 马场垣乡 北山乡 松树乡 西沟乡 总堡乡 隆治乡 大庄乡 转导乡 前河乡 甘沟乡 中川乡 杏儿藏族乡 核桃庄乡 新民乡"),
          county("630223", "互助土族自治县", 10_300, new double[] {0.62, 0.02, 0.08, 0.28, 0},
              "威远镇 丹麻镇 高寨镇 南门峡镇 加定镇 五十镇 五峰镇 塘川镇 林川乡 台子乡 西山乡 红崖子沟乡 哈拉直沟乡 东山乡 东和乡 东沟乡 松多藏族乡 巴扎藏族乡 蔡家堡乡"),
          county("630224", "化隆回族自治县", 9_200, new double[] {0.22, 0.52, 0.24, 0, 0.02},
              "巴燕镇 群科镇 牙什尕镇 甘都镇 扎巴镇 昂思多镇 二塘乡 谢家滩乡 德恒隆乡 沙连堡乡 阿什努乡 石大仓乡 初麻乡 查甫藏族乡 塔加藏族乡 金源藏族乡 雄先藏族乡"),
          county("630225", "循化撒拉族自治县", 5_000, new double[] {0.05, 0.08, 0.25, 0, 0.62},
              "积石镇 白庄镇 街子镇 道帏藏族乡 清水乡 查汗都斯乡 文都藏族乡 岗察藏族乡 尕楞藏族乡"));

  private static final Map<String, County> KNOWN =
      Map.of("630202", HAIDONG.get(0), "630203", HAIDONG.get(1), "630222", HAIDONG.get(2),
          "630223", HAIDONG.get(3), "630224", HAIDONG.get(4), "630225", HAIDONG.get(5));

  private static final String[] OTHER_PROVINCES = {
    "62", "54", "64", "65", "52", "53", "51", "45", "43", "42", "41", "36", "34", "14", "13", "15", "22", "23",
    "61", "50", "46", "44", "35", "37"
  };
  private static final String[] QINGHAI_PREFECTURES = {"6301", "6322", "6323", "6325", "6326", "6327", "6328"};

  /** One county and the range of household indexes it holds. */
  record County(String code, String name, long firstHousehold, int households, double[] ethnicMix,
      List<String> townshipNames, List<String> townshipCodes) {
    County(String code, String name, long firstHousehold, int households, double[] ethnicMix,
        List<String> townshipNames) {
      this(code, name, firstHousehold, households, ethnicMix, townshipNames, List.of());
    }
  }

  /** The place of one household. */
  record Place(County county, int localIndex, String townshipCode, String townshipName, String villageCode,
      String villageName, int serialInVillage) {
    String householdId() {
      return villageCode + Emitter.pad(serialInVillage, 4);
    }
  }

  private final List<County> counties;
  private final int perVillage;
  private final int villagesPerTownship;

  private Gazetteer(List<County> counties, int perVillage, int villagesPerTownship) {
    this.counties = counties;
    this.perVillage = perVillage;
    this.villagesPerTownship = villagesPerTownship;
  }

  static Gazetteer of(GeneratorProfile profile, long households) {
    checkArgument(households >= 1, "expected at least 1 household, got %s", households);
    List<County> out = new ArrayList<>();
    long next = 0;
    if (profile.haidong()) {
      long inHaidong = Math.min(households, HAIDONG_HOUSEHOLDS);
      long assigned = 0;
      for (int i = 0; i < HAIDONG.size(); i++) {
        County c = HAIDONG.get(i);
        long size = i == HAIDONG.size() - 1
            ? inHaidong - assigned
            : Math.round((double) inHaidong * c.households() / HAIDONG_HOUSEHOLDS);
        size = Math.min(size, inHaidong - assigned);
        if (size > 0) {
          out.add(new County(c.code(), c.name(), next, (int) size, c.ethnicMix(), c.townshipNames()));
          next += size;
          assigned += size;
        }
      }
    } else {
      for (String code : profile.geography()) {
        if (next >= households) {
          break;
        }
        County known = KNOWN.get(code);
        int size = (int) Math.min(profile.countyHouseholds(), households - next);
        out.add(known != null
            ? new County(code, known.name(), next, size, known.ethnicMix(), known.townshipNames())
            : new County(code, syntheticName(code, "县"), next, size, mixFor(code), List.of()));
        next += size;
      }
    }
    int synthetic = 0;
    while (next < households) {
      String code = syntheticCode(synthetic++);
      if (KNOWN.containsKey(code) || profile.geography().contains(code)) {
        continue;
      }
      int size = (int) Math.min(profile.countyHouseholds(), households - next);
      out.add(new County(code, syntheticName(code, "县"), next, size, mixFor(code), List.of()));
      next += size;
    }
    List<County> withTownships = new ArrayList<>();
    for (County c : out) {
      withTownships.add(withTownships(c, profile.householdsPerVillage(), profile.villagesPerTownship()));
    }
    return new Gazetteer(List.copyOf(withTownships), profile.householdsPerVillage(),
        profile.villagesPerTownship());
  }

  /** Names and codes of the county's townships: towns (镇) numbered 100.., townships (乡) 200... */
  private static County withTownships(County c, int perVillage, int villagesPerTownship) {
    int villages = Math.max(1, (c.households() + perVillage - 1) / perVillage);
    int townships = Math.max(1, (villages + villagesPerTownship - 1) / villagesPerTownship);
    List<String> names = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    int towns = 0;
    int xiang = 0;
    for (int t = 0; t < townships; t++) {
      String name = t < c.townshipNames().size()
          ? c.townshipNames().get(t)
          : syntheticName(c.code() + "t" + t, t % 3 == 0 ? "镇" : "乡");
      names.add(name);
      codes.add(c.code() + (name.endsWith("镇") ? 100 + towns++ : 200 + xiang++));
    }
    return new County(c.code(), c.name(), c.firstHousehold(), c.households(), c.ethnicMix(),
        List.copyOf(names), List.copyOf(codes));
  }

  List<County> counties() {
    return counties;
  }

  Place place(long index) {
    County c = countyOf(index);
    int local = (int) (index - c.firstHousehold());
    int villages = Math.max(1, (c.households() + perVillage - 1) / perVillage);
    int village = (int) ((long) local * villages / c.households());
    int firstInVillage = (int) (((long) village * c.households() + villages - 1) / villages);
    int townships = Math.max(1, (villages + villagesPerTownship - 1) / villagesPerTownship);
    int township = village * townships / villages;
    int firstVillageOfTownship = (township * villages + townships - 1) / townships;
    String tName = c.townshipNames().get(township);
    String tCode = c.townshipCodes().get(township);
    int villageInTownship = village - firstVillageOfTownship;
    String vCode = tCode + (200 + villageInTownship);
    String vName = syntheticName(vCode, "村");
    return new Place(c, local, tCode, tName, vCode, vName, local - firstInVillage + 1);
  }

  County countyOf(long index) {
    int lo = 0;
    int hi = counties.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (counties.get(mid).firstHousehold() <= index) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    County c = counties.get(lo);
    checkArgument(index >= c.firstHousehold() && index < c.firstHousehold() + c.households(),
        "household index %s is outside the population", index);
    return c;
  }

  private static String syntheticCode(int n) {
    int perProvince = 270;
    if (n < QINGHAI_PREFECTURES.length * 9) {
      return QINGHAI_PREFECTURES[n / 9] + (21 + n % 9);
    }
    int m = n - QINGHAI_PREFECTURES.length * 9;
    String province = OTHER_PROVINCES[(m / perProvince) % OTHER_PROVINCES.length];
    int inProvince = m % perProvince;
    return province + String.format("%02d", 1 + inProvince / 9) + (21 + inProvince % 9);
  }

  /** A deterministic two-syllable place name from a code. */
  static String syntheticName(String key, String suffix) {
    long h = Seeds.mix(key.hashCode(), 0x5EED);
    int a = (int) Math.floorMod(h, (long) SYLLABLES.length);
    int b = (int) Math.floorMod(h >>> 20, (long) SYLLABLES.length);
    if (a == b) {
      b = (b + 7) % SYLLABLES.length;
    }
    return SYLLABLES[a] + SYLLABLES[b] + suffix;
  }

  private static double[] mixFor(String code) {
    if (code.startsWith("63") || code.startsWith("54")) {
      return new double[] {0.40, 0.10, 0.50, 0, 0};
    }
    return new double[] {0.90, 0.05, 0.05, 0, 0};
  }

  private static County county(String code, String name, int households, double[] mix, String townships) {
    return new County(code, name, 0, households, mix, List.of(townships.split(" ")));
  }
}
