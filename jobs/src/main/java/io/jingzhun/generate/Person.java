package io.jingzhun.generate;

import java.time.LocalDate;

/**
 * One synthetic person: who they truly are (the truth's person id, a valid ID number whose birth date
 * and gender match), and what the registry knows of them. Immutable; dates decide whether the person
 * exists on a run date (born on or before it, not dead by it).
 */
record Person(
    String personId,
    int slot,
    String name,
    String idNumber,
    boolean male,
    LocalDate birthDate,
    LocalDate deathDate,
    Relation relation,
    Health health,
    int disabilityGrade) {

  enum Relation {
    HEAD("户主", "户主"), SPOUSE("配偶", "配偶"), CHILD("儿子", "女儿"), PARENT("父亲", "母亲"),
    GRANDCHILD("孙子", "孙女"), CHILD_IN_LAW("女婿", "儿媳"), SIBLING("兄弟姐妹", "兄弟姐妹"), OTHER("其他", "其他");

    final String male;
    final String female;

    Relation(String male, String female) {
      this.male = male;
      this.female = female;
    }

    String code() {
      return switch (this) {
        case HEAD -> "head";
        case SPOUSE -> "spouse";
        case CHILD -> "child";
        case PARENT -> "parent";
        case GRANDCHILD -> "grandchild";
        case CHILD_IN_LAW -> "child_in_law";
        case SIBLING -> "sibling";
        case OTHER -> "other";
      };
    }
  }

  enum Health {
    HEALTHY("healthy", "健康"), CHRONIC("chronic", "长期慢性病"), SERIOUS("serious", "患有大病"),
    DISABLED("disabled", "残疾");

    final String code;
    final String chinese;

    Health(String code, String chinese) {
      this.code = code;
      this.chinese = chinese;
    }
  }

  boolean existsOn(LocalDate date) {
    return !birthDate.isAfter(date) && !deadBy(date);
  }

  boolean deadBy(LocalDate date) {
    return deathDate != null && !deathDate.isAfter(date);
  }

  int ageOn(LocalDate date) {
    return java.time.Period.between(birthDate, date).getYears();
  }

  Person withDeathDate(LocalDate date) {
    return new Person(personId, slot, name, idNumber, male, birthDate, date, relation, health, disabilityGrade);
  }

  Person withRelation(Relation r) {
    return new Person(personId, slot, name, idNumber, male, birthDate, deathDate, r, health, disabilityGrade);
  }
}
