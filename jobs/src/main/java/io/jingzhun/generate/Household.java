package io.jingzhun.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * One synthetic registered household as it is at the generator's base date, with its dated changes
 * (an exit, a relapse, an income change) and dated life events of its people (births, deaths), so the
 * same household can be read on any run date. Immutable.
 */
record Household(
    long index,
    Gazetteer.Place place,
    Ethnicity ethnicity,
    String attribute,
    String mainCause,
    List<String> secondaryCauses,
    String status,
    int registrationYear,
    Integer exitYear,
    LocalDate changeDate,
    String changeKind,
    double perCapitaIncome,
    double changedPerCapitaIncome,
    double wageShare,
    double propertyIncome,
    double productionCost,
    double cultivatedMu,
    double forestMu,
    double grasslandMu,
    int livestock,
    String housingGrade,
    boolean safeWater,
    boolean electricity,
    boolean roadAccess,
    boolean foodSecure,
    boolean clothingSecure,
    LocalDate lastVisit,
    int dibaoMonthlyPerPerson,
    int tekunMonthly,
    List<Person> people,
    List<Person> outsiders,
    Payment industry,
    Payment relocation,
    Payment housingAid,
    Payment temporaryAssistance,
    double otherTransfer) {

  /** A one-off payment the household receives (amount in yuan, on a date). */
  record Payment(double amount, LocalDate date) {}

  String householdId() {
    return place.householdId();
  }

  /** Status on a run date: a dated change (exit, relapse) applies from its date on. */
  String statusOn(LocalDate date) {
    if (changeDate != null && !changeDate.isAfter(date)) {
      if (changeKind.equals("exit")) {
        return "exited";
      }
      if (changeKind.equals("relapse")) {
        return "relapsed";
      }
    }
    return status;
  }

  Integer exitYearOn(LocalDate date) {
    if (changeDate != null && !changeDate.isAfter(date) && changeKind.equals("exit")) {
      return changeDate.getYear();
    }
    return exitYear;
  }

  double perCapitaIncomeOn(LocalDate date) {
    return changeDate != null && !changeDate.isAfter(date) ? changedPerCapitaIncome : perCapitaIncome;
  }

  Person head() {
    return people.get(0);
  }
}
