package io.jingzhun.generate;

import io.jingzhun.generate.Person.Health;
import io.jingzhun.generate.Person.Relation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic population: household {@code i} is derived from (seed, i) alone, so households are
 * built one at a time, in any order, with memory flat in the number of households.
 */
final class Population {
  /** The base date: households are drawn as they are on this date; changes are dated after it. */
  static final LocalDate BASE = LocalDate.of(2026, 11, 27);

  private static final String[] CAUSES = {
    "illness", "disability", "schooling", "disaster", "land", "water", "skills", "labour", "capital",
    "transport", "motivation", "other"
  };
  private static final double[] CAUSE_WEIGHTS = {25, 12, 8, 3, 6, 4, 15, 12, 10, 3, 1, 1};

  private final long seed;
  private final Gazetteer gazetteer;

  Population(long seed, Gazetteer gazetteer) {
    this.seed = seed;
    this.gazetteer = gazetteer;
  }

  Gazetteer gazetteer() {
    return gazetteer;
  }

  Household household(long index) {
    SplittableRandom r = Seeds.stream(seed, index, Seeds.POPULATION);
    Gazetteer.Place place = gazetteer.place(index);
    Ethnicity eth = ethnicity(place.county().ethnicMix(), r);
    String surname = Names.surname(eth, r);
    double a = r.nextDouble();
    String attribute = a < 0.06 ? "tekun" : a < 0.40 ? "dibao" : "ordinary";
    Builder b = new Builder(index, place, eth, surname, r);
    if (attribute.equals("tekun")) {
      boolean male = r.nextDouble() < 0.6;
      b.add(Relation.HEAD, male, 60 + r.nextInt(29), r.nextDouble() < 0.4 ? disabledOrIll(r) : Health.CHRONIC);
      if (r.nextDouble() < 0.2) {
        b.add(Relation.SIBLING, !male, 58 + r.nextInt(25), Health.CHRONIC);
      }
    } else {
      boolean headMale = r.nextDouble() < 0.82;
      int headAge = 26 + r.nextInt(50);
      b.add(Relation.HEAD, headMale, headAge, health(headAge, r));
      if (r.nextDouble() < 0.85) {
        int age = Math.max(20, headAge + (headMale ? -r.nextInt(6) : r.nextInt(6)));
        b.add(Relation.SPOUSE, !headMale, age, health(age, r));
      }
      int children = headAge < 30 ? r.nextInt(2) : r.nextInt(4);
      for (int c = 0; c < children && b.size() < 7; c++) {
        int age = headAge - 21 - r.nextInt(18);
        if (age >= 0) {
          b.add(Relation.CHILD, r.nextBoolean(), age, health(age, r));
        }
      }
      if (headAge < 55 && r.nextDouble() < 0.3 && b.size() < 7) {
        int age = Math.min(95, headAge + 22 + r.nextInt(9));
        b.add(Relation.PARENT, r.nextDouble() < 0.4, age, health(age, r));
      }
      if (headAge >= 50 && r.nextDouble() < 0.3 && b.size() < 6) {
        int inLawAge = headAge - 22 - r.nextInt(8);
        b.add(Relation.CHILD_IN_LAW, r.nextDouble() < 0.2, Math.max(20, inLawAge), Health.HEALTHY);
        int grandchildren = 1 + r.nextInt(2);
        for (int g = 0; g < grandchildren && b.size() < 8; g++) {
          b.add(Relation.GRANDCHILD, r.nextBoolean(), r.nextInt(13), Health.HEALTHY);
        }
      }
    }
    List<Person> people = b.people;
    // Dated life events: a past death (removed from the registry), a future death, a future birth.
    double ev = r.nextDouble();
    int elder = elderNonHead(people, attribute.equals("tekun"));
    if (elder > 0 && ev < 0.015) {
      people.set(elder, people.get(elder).withDeathDate(BASE.minusDays(1 + r.nextInt(330))));
    } else if (elder > 0 && ev < 0.04) {
      people.set(elder, people.get(elder).withDeathDate(BASE.plusDays(1 + r.nextInt(730))));
    }
    int mother = motherOfNewborn(people);
    if (mother >= 0 && r.nextDouble() < 0.05 && people.size() < IdNumbers.MAX_MEMBERS) {
      int slot = people.size();
      LocalDate birth = IdNumbers.nextBirthDateAfter(BASE, place.localIndex(), slot);
      boolean male = r.nextBoolean();
      Relation rel = people.get(mother).relation() == Relation.CHILD_IN_LAW || people.get(mother).relation() == Relation.CHILD
          ? Relation.GRANDCHILD : Relation.CHILD;
      people.add(b.person(slot, rel, male, birth, Health.HEALTHY));
    }
    int size = people.size();
    String mainCause = weighted(CAUSES, CAUSE_WEIGHTS, r);
    if (people.stream().anyMatch(p -> p.health() == Health.DISABLED) && r.nextDouble() < 0.6) {
      mainCause = "disability";
    }
    List<String> secondary = new ArrayList<>();
    int nSecondary = r.nextInt(3);
    for (int i = 0; i < nSecondary; i++) {
      String c = weighted(CAUSES, CAUSE_WEIGHTS, r);
      if (!c.equals(mainCause) && !secondary.contains(c)) {
        secondary.add(c);
      }
    }
    double s = r.nextDouble();
    String status = s < 0.30 ? "not_exited" : s < 0.90 ? "exited" : "relapsed";
    int registrationYear = r.nextDouble() < 0.6 ? 2014 : 2015 + r.nextInt(5);
    Integer exitYear = status.equals("not_exited") ? null : Math.max(registrationYear + 1, 2016 + r.nextInt(5));
    double perCapita = switch (status) {
      case "exited" -> 4_800 + r.nextInt(6_200);
      case "relapsed" -> 2_800 + r.nextInt(1_500);
      default -> 2_600 + r.nextInt(1_600);
    };
    LocalDate changeDate = null;
    String changeKind = null;
    double changed = perCapita;
    if (r.nextDouble() < 0.4) {
      changeDate = BASE.plusDays(1 + r.nextInt(730));
      if (status.equals("exited")) {
        if (r.nextDouble() < 0.3) {
          changeKind = "relapse";
          changed = 2_700 + r.nextInt(1_400);
        } else {
          changeKind = "income";
          changed = Math.round(perCapita * (0.8 + 0.5 * r.nextDouble()));
        }
      } else {
        if (r.nextDouble() < 0.5) {
          changeKind = "exit";
          changed = 5_000 + r.nextInt(4_000);
        } else {
          changeKind = "income";
          changed = Math.round(perCapita * (0.85 + 0.3 * r.nextDouble()));
        }
      }
    }
    boolean tibetan = eth == Ethnicity.TIBETAN;
    double cultivated = (1 + r.nextInt(24)) / 2.0;
    double forest = r.nextDouble() < 0.3 ? 1 + r.nextInt(20) : 0;
    double grassland = tibetan ? 50 + r.nextInt(550) : (r.nextDouble() < 0.1 ? 5 + r.nextInt(45) : 0);
    int livestock = tibetan ? 10 + r.nextInt(70) : r.nextInt(8);
    double hg = r.nextDouble();
    String housing = hg < 0.45 ? "A" : hg < 0.80 ? "B" : hg < 0.95 ? "C" : "D";
    boolean water = r.nextDouble() < 0.88;
    boolean electricity = r.nextDouble() < 0.99;
    boolean road = r.nextDouble() < 0.90;
    boolean food = r.nextDouble() < 0.97;
    boolean clothing = r.nextDouble() < 0.98;
    LocalDate lastVisit = BASE.minusDays(1 + r.nextInt(180));
    int dibaoMonthly = 150 + 10 * r.nextInt(24);
    int tekunMonthly = 650 + 10 * r.nextInt(26);
    Household.Payment industry = r.nextDouble() < 0.12 && !status.equals("exited")
        ? new Household.Payment(3_000 + 500 * r.nextInt(7), BASE.minusDays(r.nextInt(360))) : null;
    Household.Payment relocation = r.nextDouble() < 0.02
        ? new Household.Payment(10_000.0 * size, BASE.minusDays(r.nextInt(360))) : null;
    Household.Payment housingAid = r.nextDouble() < 0.04 && (housing.equals("A") || housing.equals("B"))
        ? new Household.Payment(15_000 + 1_000 * r.nextInt(11), BASE.minusDays(r.nextInt(360))) : null;
    Household.Payment temporary = r.nextDouble() < 0.03
        ? new Household.Payment(500 + 100 * r.nextInt(26), BASE.minusDays(1 + r.nextInt(330))) : null;
    double otherTransfer = r.nextDouble() < 0.3 ? 100 * (1 + r.nextInt(10)) : 0;
    double wageShare = 0.4 + 0.4 * r.nextDouble();
    double property = r.nextDouble() < 0.2 ? 50 * (1 + r.nextInt(20)) : 0;
    double cost = 100 * (2 + r.nextInt(20));

    // People outside the registry who live nearby: a public employee, an elder on a pension, a pupil.
    List<Person> outsiders = new ArrayList<>();
    Builder o = new Builder(index, place, pickOutsiderEthnicity(place, r), null, r);
    if (r.nextDouble() < 0.25) {
      outsiders.add(o.outsider(IdNumbers.SLOT_PAYROLL, 23 + r.nextInt(36), r));
    }
    if (r.nextDouble() < 0.15) {
      Person elderOut = o.outsider(IdNumbers.SLOT_ELDER, 61 + r.nextInt(30), r);
      if (r.nextDouble() < 0.1) {
        elderOut = elderOut.withDeathDate(BASE.minusDays(1 + r.nextInt(330)));
      }
      outsiders.add(elderOut);
    }
    if (r.nextDouble() < 0.3) {
      outsiders.add(o.outsider(IdNumbers.SLOT_STUDENT, 6 + r.nextInt(10), r));
    }
    outsiders.add(o.outsider(IdNumbers.SLOT_PAYEE, 25 + r.nextInt(40), r));

    return new Household(index, place, eth, attribute, mainCause, List.copyOf(secondary), status,
        registrationYear, exitYear, changeDate, changeKind, perCapita, changed, wageShare, property, cost,
        cultivated, forest, grassland, livestock, housing, water, electricity, road, food, clothing, lastVisit,
        dibaoMonthly, tekunMonthly, List.copyOf(people), List.copyOf(outsiders), industry, relocation,
        housingAid, temporary, otherTransfer);
  }

  private static Ethnicity pickOutsiderEthnicity(Gazetteer.Place place, SplittableRandom r) {
    return ethnicity(place.county().ethnicMix(), r);
  }

  /**
   * An elder who may die: not the head, and not a recipient of a poverty-targeted programme (a
   * disabled person, a 特困 member), whose payments before death would read as payments to someone
   * no longer registered.
   */
  private static int elderNonHead(List<Person> people, boolean tekun) {
    for (int i = 1; i < people.size(); i++) {
      Person p = people.get(i);
      if (p.ageOn(BASE) >= 58 && p.health() != Health.DISABLED && !(tekun && p.relation() == Relation.SIBLING)) {
        return i;
      }
    }
    return -1;
  }

  private static int motherOfNewborn(List<Person> people) {
    for (int i = 0; i < people.size(); i++) {
      Person p = people.get(i);
      int age = p.ageOn(BASE);
      if (!p.male() && age >= 21 && age <= 38
          && (p.relation() == Relation.SPOUSE || p.relation() == Relation.CHILD_IN_LAW
              || p.relation() == Relation.HEAD)) {
        return i;
      }
    }
    return -1;
  }

  private static Health health(int age, SplittableRandom r) {
    double h = r.nextDouble();
    double old = age >= 60 ? 2 : 1;
    if (h < 0.06 * old) {
      return Health.DISABLED;
    }
    if (h < 0.10 * old) {
      return Health.SERIOUS;
    }
    if (h < 0.22 * old) {
      return Health.CHRONIC;
    }
    return Health.HEALTHY;
  }

  private static Health disabledOrIll(SplittableRandom r) {
    return r.nextBoolean() ? Health.DISABLED : Health.SERIOUS;
  }

  static Ethnicity ethnicity(double[] mix, SplittableRandom r) {
    double u = r.nextDouble();
    double acc = 0;
    Ethnicity[] all = Ethnicity.values();
    for (int i = 0; i < mix.length; i++) {
      acc += mix[i];
      if (u < acc) {
        return all[i];
      }
    }
    return Ethnicity.HAN;
  }

  static String weighted(String[] values, double[] weights, SplittableRandom r) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < values.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /** Builds the people of one household, slot by slot. */
  private static final class Builder {
    final long index;
    final Gazetteer.Place place;
    final Ethnicity eth;
    final String surname;
    final SplittableRandom r;
    final List<Person> people = new ArrayList<>();

    Builder(long index, Gazetteer.Place place, Ethnicity eth, String surname, SplittableRandom r) {
      this.index = index;
      this.place = place;
      this.eth = eth;
      this.surname = surname;
      this.r = r;
    }

    int size() {
      return people.size();
    }

    void add(Relation relation, boolean male, int age, Health health) {
      int slot = people.size();
      int year = BASE.getYear() - age;
      LocalDate birth = IdNumbers.birthDate(year, place.localIndex(), slot);
      if (birth.isAfter(BASE)) {
        birth = IdNumbers.birthDate(year - 1, place.localIndex(), slot);
      }
      people.add(person(slot, relation, male, birth, health));
    }

    Person person(int slot, Relation relation, boolean male, LocalDate birth, Health health) {
      // Spouses and in-laws married in: their own family name (Hui and Salar marry within the group).
      String family = surname;
      if ((relation == Relation.SPOUSE || relation == Relation.CHILD_IN_LAW) && surname != null) {
        family = Names.surname(eth, r);
      }
      if (relation == Relation.HEAD || relation == Relation.SIBLING || relation == Relation.PARENT
          || relation == Relation.CHILD || relation == Relation.GRANDCHILD) {
        family = surname;
      }
      String name = Names.name(eth, family, male, r);
      String id = IdNumbers.idNumber(place.county().code(), birth, place.localIndex(), slot, male);
      int grade = health == Health.DISABLED ? 1 + r.nextInt(4) : 0;
      return new Person("P" + index + "-" + slot, slot, name, id, male, birth, null, relation, health, grade);
    }

    Person outsider(int slot, int age, SplittableRandom r) {
      boolean male = r.nextBoolean();
      int year = BASE.getYear() - age;
      LocalDate birth = IdNumbers.birthDate(year, place.localIndex(), slot);
      String family = Names.surname(eth, r);
      String name = Names.name(eth, family, male, r);
      String id = IdNumbers.idNumber(place.county().code(), birth, place.localIndex(), slot, male);
      return new Person("N" + index + "-" + slot, slot, name, id, male, birth, null, Relation.OTHER,
          Health.HEALTHY, 0);
    }
  }
}
