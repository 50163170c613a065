package io.jingzhun.generate;

import io.jingzhun.generate.Batch.Out;
import io.jingzhun.generate.Batch.Table;
import io.jingzhun.generate.GeneratorProfile.CodeSpelling;
import io.jingzhun.generate.Person.Health;
import io.jingzhun.generate.Person.Relation;
import io.jingzhun.identity.ResidentIdCheck;
import io.jingzhun.identity.ResidentIds;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns one household, on one run date, into the records of the six extracts, planting the defects it
 * is asked to plant. The background is kept consistent, so that the only cross-department findings are
 * the planted ones: 低保 households (and only they) have active 低保 records for their members; every
 * child aged 6–15 is enrolled; the dead are off the member list and paid nothing after death; registry
 * members are not on the public payroll; poverty-targeted programmes pay registered households only;
 * each household reports exactly what finance paid it (per transfer item) in the extract's window; a
 * member's recorded birth date and gender match the ID number. Records that carry a planted audit
 * defect are typed cleanly (valid ID, name as registered), so finding them needs no luck in linkage.
 */
final class Emitter {
  /** Basic pension per month, yuan (城乡居民基础养老金). */
  static final int PENSION_MONTHLY = 215;
  /** Education aid (雨露计划) per vocational or college student per year, yuan. */
  static final int EDU_AID = 3_000;
  /** Grassland eco-compensation per mu per year, yuan. */
  static final double ECO_PER_MU = 7.5;

  private static final String[] OTHER_FORMATS = {"slash", "compact", "dotted", "chinese"};
  private static final java.util.regex.Pattern TOWNSHIP_SUFFIX =
      java.util.regex.Pattern.compile("(回族|藏族|土族)?[镇乡]$");

  private final GeneratorProfile profile;
  private final long seed;
  private final LocalDate date;
  private final Map<Table, TableLayout> layouts;

  Emitter(GeneratorProfile profile, long seed, LocalDate date, Map<Table, TableLayout> layouts) {
    this.profile = profile;
    this.seed = seed;
    this.date = date;
    this.layouts = layouts;
  }

  /** What emitting one household left for the next one (a person it may also register). */
  record Context(Household household, Person shareable) {}

  /** The result: the records, the defects actually planted, and the context for the next household. */
  record Result(Batch batch, Set<AuditDefect> auditPlanted, Set<DataDefect> dataPlanted, Context context) {}

  Result emit(Household h, Set<AuditDefect> audit, Set<DataDefect> data, Context previous) {
    return new Run(h, audit, data, previous).emit();
  }

  /** State of emitting one household. */
  private final class Run {
    final Household h;
    final Set<AuditDefect> wanted;
    final Set<DataDefect> wantedData;
    final Context previous;
    final Batch batch = new Batch();
    final Set<AuditDefect> planted = EnumSet.noneOf(AuditDefect.class);
    final Set<DataDefect> plantedData = EnumSet.noneOf(DataDefect.class);
    final String hid;
    final String county;
    final SplittableRandom r;
    /** People whose records carry an audit defect: typed cleanly, never used for another defect. */
    final Set<String> touched = new HashSet<>();
    final List<Person> people = new ArrayList<>();
    Person copy;
    Person stillListed;
    Person stillPaid;
    Person onPayroll;
    Person notEnrolled;
    Person droppedOut;
    Person birthMismatch;
    Person genderMismatch;
    boolean dibaoEffective;
    boolean attributeWithoutDibao;
    boolean transfersExceed;
    Out headDibaoRecord;
    int civilSeq;
    int paySeq;
    double paidDibao;
    double paidTekun;
    double paidPension;
    double paidEco;
    double paidOther;

    Run(Household h, Set<AuditDefect> wanted, Set<DataDefect> wantedData, Context previous) {
      this.h = h;
      this.wanted = wanted;
      this.wantedData = wantedData;
      this.previous = previous;
      this.hid = h.householdId();
      this.county = h.place().county().code();
      this.r = Seeds.stream(seed, h.index(), Seeds.RECORDS);
      this.people.addAll(h.people());
    }

    Result emit() {
      plantAuditDefects();
      dibaoEffective = (h.attribute().equals("dibao") && !attributeWithoutDibao)
          || planted.contains(AuditDefect.DIBAO_WITHOUT_ATTRIBUTE);
      List<Person> listed = new ArrayList<>();
      for (Person p : people) {
        if (p.existsOn(date) || p == stillListed) {
          listed.add(p);
        }
      }
      if (copy != null) {
        listed.add(copy);
      }
      civilAffairs();
      education(listed);
      payments();
      payroll();
      Out household = households(listed);
      members(listed);
      if (planted.contains(AuditDefect.ATTRIBUTE_WITHOUT_DIBAO)) {
        household.note("audit", AuditDefect.ATTRIBUTE_WITHOUT_DIBAO.name(),
            "finding:" + AuditDefect.ATTRIBUTE_WITHOUT_DIBAO, hid);
      }
      if (planted.contains(AuditDefect.TRANSFERS_EXCEED_REPORTED)) {
        household.note("audit", AuditDefect.TRANSFERS_EXCEED_REPORTED.name(),
            "finding:" + AuditDefect.TRANSFERS_EXCEED_REPORTED, hid);
      }
      plantDataDefects();
      return new Result(batch, planted, plantedData, new Context(h, shareable()));
    }

    // ---- audit defects ------------------------------------------------------------------------

    void plantAuditDefects() {
      for (AuditDefect d : wanted) {
        if (planted.size() > 0) {
          return; // one audit defect per household keeps every finding explained by exactly one cause
        }
        switch (d) {
          case DECEASED_STILL_LISTED -> {
            Person p = pick(x -> x.relation() != Relation.HEAD && x.existsOn(date) && x.ageOn(date) >= 50
                && x.deathDate() == null);
            LocalDate death = Population.BASE.minusDays(30 + r.nextInt(150));
            if (p != null && death.isBefore(date)) {
              stillListed = replace(p, p.withDeathDate(death));
              mark(d, stillListed);
            }
          }
          case DECEASED_STILL_PAID -> {
            Person p = pick(x -> x.relation() != Relation.HEAD && x.existsOn(date) && x.ageOn(date) >= 62
                && x.deathDate() == null && x.health() != Health.DISABLED
                && !(h.attribute().equals("tekun") && x.relation() == Relation.SIBLING));
            LocalDate death = Population.BASE.minusDays(190 + r.nextInt(140));
            if (p != null && !death.isAfter(date.minusDays(185))) {
              stillPaid = replace(p, p.withDeathDate(death));
              mark(d, stillPaid);
            }
          }
          case PAYROLL_IN_POOR_HOUSEHOLD -> {
            onPayroll = pick(x -> x.existsOn(date) && x.ageOn(date) >= 22 && x.ageOn(date) <= 59);
            mark(d, onPayroll);
          }
          case CHILD_NOT_ENROLLED -> {
            notEnrolled = pick(x -> x.existsOn(date) && x.ageOn(date) >= 6 && x.ageOn(date) <= 15);
            mark(d, notEnrolled);
          }
          case CHILD_DROPPED_OUT -> {
            droppedOut = pick(x -> x.existsOn(date) && x.ageOn(date) >= 7 && x.ageOn(date) <= 15);
            mark(d, droppedOut);
          }
          case REGISTERED_IN_TWO_HOUSEHOLDS -> {
            if (previous != null && previous.shareable() != null && people.size() < IdNumbers.MAX_MEMBERS) {
              copy = previous.shareable().withRelation(r.nextBoolean() ? Relation.SIBLING : Relation.OTHER);
              mark(d, copy);
            }
          }
          case PAYMENT_TO_UNREGISTERED -> mark(d, h.outsiders().get(h.outsiders().size() - 1));
          case ID_BIRTH_DATE_MISMATCH -> {
            // Adults only: a child's wrong birth date could move them in or out of school age.
            birthMismatch = pick(x -> x.existsOn(date) && x.ageOn(date) >= 21 && x.birthDate().getYear() > 1901);
            mark(d, birthMismatch);
          }
          case ID_GENDER_MISMATCH -> {
            genderMismatch = pick(x -> x.existsOn(date) && x.ageOn(date) >= 18);
            mark(d, genderMismatch);
          }
          case DIBAO_WITHOUT_ATTRIBUTE -> {
            if (h.attribute().equals("ordinary")) {
              planted.add(d);
            }
          }
          case ATTRIBUTE_WITHOUT_DIBAO -> {
            if (h.attribute().equals("dibao")) {
              attributeWithoutDibao = true;
              planted.add(d);
            }
          }
          case TRANSFERS_EXCEED_REPORTED -> {
            transfersExceed = true; // planted once payments are known to be large enough
          }
        }
      }
    }

    void mark(AuditDefect d, Person p) {
      if (p != null) {
        planted.add(d);
        touched.add(p.personId());
      }
    }

    Person replace(Person old, Person now) {
      people.set(people.indexOf(old), now);
      return now;
    }

    Person pick(java.util.function.Predicate<Person> ok) {
      List<Person> candidates = new ArrayList<>();
      for (Person p : people) {
        if (ok.test(p) && !touched.contains(p.personId())) {
          candidates.add(p);
        }
      }
      return candidates.isEmpty() ? null : candidates.get(r.nextInt(candidates.size()));
    }

    /** A plain adult of an ordinary household, with no record anywhere else: safe to list twice. */
    Person shareable() {
      if (!h.attribute().equals("ordinary") || dibaoEffective || !planted.isEmpty()) {
        return null;
      }
      for (Out o : batch.of(Table.MEMBERS)) {
        Person p = person(o.personId);
        if (p != null && p.relation() != Relation.HEAD && p.deathDate() == null && p.existsOn(date)
            && p.health() == Health.HEALTHY && p.ageOn(date) >= 23 && p.ageOn(date) <= 55
            && o.notes.isEmpty() && !batchMemberHas(p)) {
          return p;
        }
      }
      return null;
    }

    // ---- civil affairs ------------------------------------------------------------------------

    void civilAffairs() {
      for (Person p : people) {
        if (!p.existsOn(date) && !p.deadBy(date)) {
          continue; // not born yet
        }
        LocalDate since = p.birthDate().isAfter(Population.BASE.minusYears(6))
            ? p.birthDate().plusDays(30) : Population.BASE.minusDays(400 + stable(p, 7, 1500));
        if (since.isAfter(date)) {
          since = p.birthDate();
        }
        if (dibaoEffective) {
          Out o = civil(p, "dibao", p.deadBy(date) ? "terminated" : "active", since,
              p.deadBy(date) ? p.deathDate() : null, h.dibaoMonthlyPerPerson(), null, h);
          if (p.relation() == Relation.HEAD) {
            headDibaoRecord = o;
          }
        }
        if (h.attribute().equals("tekun") && (p.relation() == Relation.HEAD || p.relation() == Relation.SIBLING)) {
          civil(p, "tekun", p.deadBy(date) ? "terminated" : "active", since,
              p.deadBy(date) ? p.deathDate() : null, h.tekunMonthly(), null, h);
        }
        if (p.health() == Health.DISABLED) {
          civil(p, "disability_subsidy", p.deadBy(date) ? "terminated" : "active", since,
              p.deadBy(date) ? p.deathDate() : null, disabilityMonthly(p), null, h);
        }
        if (p.deadBy(date)) {
          civil(p, "death_registration", "active", null, null, null, p.deathDate(), h);
        }
      }
      if (planted.contains(AuditDefect.DIBAO_WITHOUT_ATTRIBUTE) && headDibaoRecord != null) {
        headDibaoRecord.note("audit", AuditDefect.DIBAO_WITHOUT_ATTRIBUTE.name(),
            "finding:" + AuditDefect.DIBAO_WITHOUT_ATTRIBUTE, hid);
      }
      if (h.temporaryAssistance() != null && !h.temporaryAssistance().date().isAfter(date)) {
        LocalDate d = h.temporaryAssistance().date();
        civil(h.head(), "temporary_assistance", "terminated", d, d, (int) h.temporaryAssistance().amount(), null, h);
      }
      for (Person o : h.outsiders()) {
        if (o.slot() == IdNumbers.SLOT_ELDER && o.deadBy(date)) {
          civil(o, "death_registration", "active", null, null, null, o.deathDate(), null);
        }
      }
    }

    Out civil(Person p, String programme, String status, LocalDate start, LocalDate end, Integer monthly,
        LocalDate death, Household of) {
      TableLayout.Row row = layouts.get(Table.CIVIL_AFFAIRS).row();
      Out o = new Out("civil_affairs", row, p.personId(), trueHousehold(p));
      row.set("record_id", "MZ" + pad(h.index(), 9) + pad(civilSeq++, 2));
      personFields(o, p, "id_number", "name", 1);
      row.set("gender", gender(p.male()));
      row.set("programme", spell(programme, switch (programme) {
        case "dibao" -> "低保";
        case "tekun" -> "特困供养";
        case "disability_subsidy" -> "残疾人两项补贴";
        case "temporary_assistance" -> "临时救助";
        default -> "死亡登记";
      }));
      row.set("status", spell(status, switch (status) {
        case "active" -> programme.equals("death_registration") ? "有效" : "在保";
        case "terminated" -> programme.equals("dibao") ? "停保" : "终止";
        default -> "暂停";
      }));
      row.set("start_date", date(o, "start_date", start));
      row.set("end_date", date(o, "end_date", end));
      row.set("monthly_amount", monthly == null ? null : String.valueOf(monthly));
      row.set("death_date", date(o, "death_date", death));
      row.set("county_code", adminCode(o, "county_code", county));
      row.set("village_code", of == null && r.nextBoolean() ? null : h.place().villageCode());
      batch.of(Table.CIVIL_AFFAIRS).add(o);
      return o;
    }

    int disabilityMonthly(Person p) {
      return p.disabilityGrade() <= 2 ? 180 : 90;
    }

    // ---- education ----------------------------------------------------------------------------

    void education(List<Person> listed) {
      for (Person p : listed) {
        if (p == copy) {
          continue; // already enrolled (or not) through the household that first registered them
        }
        String stage = stageOf(p);
        if (p == notEnrolled) {
          batchMember(p).notEnrolled = true;
          continue;
        }
        if (p == droppedOut) {
          Out o = student(p, stage, "dropped_out", Population.BASE.minusDays(20 + r.nextInt(150)));
          o.note("audit", AuditDefect.CHILD_DROPPED_OUT.name(), "finding:" + AuditDefect.CHILD_DROPPED_OUT, hid);
          batchMember(p).notEnrolled = true;
          continue;
        }
        if (stage == null) {
          continue;
        }
        int a = ageAtSeptember(p);
        boolean compulsory = a >= 5 && a <= 15;
        boolean enrol = compulsory
            || (stage.equals("preschool") && stable(p, 11, 100) < 70)
            || ((stage.equals("senior") || stage.equals("vocational")) && stable(p, 12, 100) < 85)
            || (stage.equals("college") && stable(p, 13, 100) < 15);
        if (enrol) {
          student(p, stage, "enrolled", schoolYearStart());
          batchMember(p).stage = stage;
        }
      }
      for (Person o : h.outsiders()) {
        if (o.slot() == IdNumbers.SLOT_STUDENT && o.existsOn(date)) {
          String stage = stageOf(o);
          if (stage != null && !stage.equals("college")) {
            student(o, stage, "enrolled", schoolYearStart());
          }
        }
      }
    }

    Out student(Person p, String stage, String status, LocalDate statusDate) {
      TableLayout.Row row = layouts.get(Table.EDUCATION).row();
      Out o = new Out("education", row, p.personId(), trueHousehold(p));
      personFields(o, p, "student_id_number", "name", 2);
      row.set("gender", gender(p.male()));
      Gazetteer.Place pl = h.place();
      String tName = TOWNSHIP_SUFFIX.matcher(pl.townshipName()).replaceAll("");
      String code;
      String name;
      switch (stage) {
        case "preschool" -> { code = "1" + pl.townshipCode(); name = tName + "中心幼儿园"; }
        case "primary" -> { code = "2" + pl.townshipCode(); name = tName + "中心学校"; }
        case "junior" -> { code = "3" + pl.townshipCode(); name = tName + "中学"; }
        case "senior" -> { code = "4" + county + "001"; name = pl.county().name() + "高级中学"; }
        case "vocational" -> { code = "5" + county + "001"; name = pl.county().name() + "职业技术学校"; }
        default -> { code = "4163010743"; name = "青海大学"; }
      }
      row.set("school_code", code);
      row.set("school_name", name);
      row.set("stage", spell(stage, switch (stage) {
        case "preschool" -> "学前教育";
        case "primary" -> "小学";
        case "junior" -> "初中";
        case "senior" -> "高中";
        case "vocational" -> "中职";
        default -> "大专";
      }));
      int a = ageAtSeptember(p);
      row.set("grade", stage.equals("college") ? null : String.valueOf(Math.max(0, Math.min(12, a - 5))));
      row.set("enrolment_status", spell(status, status.equals("enrolled") ? "在读" : "辍学"));
      row.set("status_date", date(o, "status_date", statusDate));
      row.set("village_code", pl.villageCode());
      row.set("county_code", adminCode(o, "county_code", county));
      batch.of(Table.EDUCATION).add(o);
      return o;
    }

    LocalDate schoolYearStart() {
      return LocalDate.of(date.getMonthValue() >= 9 ? date.getYear() : date.getYear() - 1, 9, 1);
    }

    int ageAtSeptember(Person p) {
      LocalDate aug31 = schoolYearStart().minusDays(1);
      return p.birthDate().isAfter(aug31) ? -1 : Period.between(p.birthDate(), aug31).getYears();
    }

    /** The stage a person of this age attends, by age on 31 August of the school year. */
    String stageOf(Person p) {
      int a = ageAtSeptember(p);
      if (a >= 3 && a <= 5) {
        return "preschool";
      }
      if (a >= 6 && a <= 11) {
        return "primary";
      }
      if (a >= 12 && a <= 14) {
        return "junior";
      }
      if (a >= 15 && a <= 17) {
        return stable(p, 14, 100) < 25 ? "vocational" : "senior";
      }
      if (a >= 18 && a <= 21) {
        return "college";
      }
      return null;
    }

    // ---- finance ------------------------------------------------------------------------------

    void payments() {
      LocalDate from = date.minusMonths(12);
      List<LocalDate> paydays = new ArrayList<>();
      for (int y = from.getYear(); y <= date.getYear(); y++) {
        for (int m : new int[] {6, 12}) {
          LocalDate q = LocalDate.of(y, m, 15);
          if (q.isAfter(from) && !q.isAfter(date)) {
            paydays.add(q);
          }
        }
      }
      Person head = h.head();
      for (LocalDate q : paydays) {
        if (dibaoEffective) {
          int n = 0;
          for (Person p : people) {
            if (p.existsOn(q)) {
              n++;
            }
          }
          double amount = 6.0 * h.dibaoMonthlyPerPerson() * n;
          paidDibao += amount;
          pay(head, "DIBAO", amount, q, true);
        }
        for (Person p : people) {
          boolean alive = p.existsOn(q);
          if (h.attribute().equals("tekun") && alive
              && (p.relation() == Relation.HEAD || p.relation() == Relation.SIBLING)) {
            paidTekun += 6.0 * h.tekunMonthly();
            pay(p, "TEKUN", 6.0 * h.tekunMonthly(), q, true);
          }
          boolean pensioner = !p.birthDate().isAfter(q.minusYears(60));
          if (pensioner && (alive || (p == stillPaid && !p.birthDate().isAfter(q)))) {
            paidPension += 6.0 * PENSION_MONTHLY;
            Out o = pay(p, "PENSION", 6.0 * PENSION_MONTHLY, q, true);
            if (p == stillPaid && p.deadBy(q) && !o.notes.stream().anyMatch(n -> n.kind().equals("audit"))
                && batch.of(Table.FINANCE_PAYMENTS).stream().noneMatch(x -> x.notes.stream()
                    .anyMatch(n -> n.code().equals(AuditDefect.DECEASED_STILL_PAID.name())))) {
              o.note("audit", AuditDefect.DECEASED_STILL_PAID.name(),
                  "finding:" + AuditDefect.DECEASED_STILL_PAID, hid);
            }
          }
          if (p.health() == Health.DISABLED && alive) {
            paidOther += 6.0 * disabilityMonthly(p);
            pay(p, "DISABILITY", 6.0 * disabilityMonthly(p), q, true);
          }
        }
        for (Person o : h.outsiders()) {
          if (o.slot() == IdNumbers.SLOT_ELDER && o.existsOn(q) && !o.birthDate().isAfter(q.minusYears(60))) {
            pay(o, "PENSION", 6.0 * PENSION_MONTHLY, q, false);
          }
        }
      }
      LocalDate june = latest(6, 20);
      if (h.grasslandMu() > 0 && june.isAfter(from)) {
        double amount = Math.round(h.grasslandMu() * ECO_PER_MU);
        paidEco += amount;
        pay(head, "ECO_COMP", amount, june, true);
      }
      LocalDate october = latest(10, 15);
      for (Person p : people) {
        if (p.existsOn(date) && p != copy) {
          String stage = stageOf(p);
          if (("vocational".equals(stage) || "college".equals(stage)) && batchMemberHas(p)) {
            paidOther += EDU_AID;
            pay(head, "EDU_AID", EDU_AID, october, true);
          }
        }
      }
      oneOff(h.industry(), "INDUSTRY", from);
      oneOff(h.relocation(), "RELOCATION", from);
      oneOff(h.housingAid(), "HOUSING", from);
      if (planted.contains(AuditDefect.PAYMENT_TO_UNREGISTERED)) {
        Person payee = h.outsiders().get(h.outsiders().size() - 1);
        String[] programmes = {"INDUSTRY", "HOUSING", "DIBAO", "EDU_AID"};
        String programme = programmes[r.nextInt(programmes.length)];
        LocalDate d = date.minusDays(5 + r.nextInt(200));
        double amount = programme.equals("HOUSING") ? 20_000 : programme.equals("DIBAO") ? 900 : 3_000;
        pay(payee, programme, amount, d, false)
            .note("audit", AuditDefect.PAYMENT_TO_UNREGISTERED.name(),
                "finding:" + AuditDefect.PAYMENT_TO_UNREGISTERED, null);
      }
      if (transfersExceed) {
        double paid = paidDibao + paidTekun + paidPension + paidEco + paidOther;
        if (paid >= 1_500) {
          planted.add(AuditDefect.TRANSFERS_EXCEED_REPORTED);
        }
      }
    }

    /** The latest date with this month and day on or before the run date. */
    LocalDate latest(int month, int day) {
      LocalDate d = LocalDate.of(date.getYear(), month, day);
      return d.isAfter(date) ? d.minusYears(1) : d;
    }

    void oneOff(Household.Payment p, String programme, LocalDate from) {
      if (p != null && p.date().isAfter(from) && !p.date().isAfter(date)) {
        pay(h.head(), programme, p.amount(), p.date(), true);
      }
    }

    Out pay(Person p, String programme, double amount, LocalDate when, boolean registry) {
      TableLayout.Row row = layouts.get(Table.FINANCE_PAYMENTS).row();
      Out o = new Out("finance_payments", row, p.personId(), trueHousehold(p));
      row.set("payment_id", "ZF" + pad(h.index(), 9) + pad(paySeq++, 3));
      personFields(o, p, "recipient_id_number", "recipient_name", 3);
      row.set("household_id", registry && stable(p, 20 + paySeq, 100) < 70 ? hid : null);
      row.set("programme_code", spell(programme, switch (programme) {
        case "DIBAO" -> "低保金";
        case "TEKUN" -> "特困供养金";
        case "PENSION" -> "城乡居民基础养老金";
        case "ECO_COMP" -> "草原生态保护补助奖励";
        case "DISABILITY" -> "残疾人两项补贴";
        case "EDU_AID" -> "雨露计划";
        case "INDUSTRY" -> "产业扶持资金";
        case "RELOCATION" -> "易地扶贫搬迁补助";
        default -> "农村危房改造补助";
      }));
      row.set("amount", money(o, "amount", amount));
      row.set("payment_date", date(o, "payment_date", when));
      row.set("county_code", adminCode(o, "county_code", county));
      batch.of(Table.FINANCE_PAYMENTS).add(o);
      return o;
    }

    void payroll() {
      for (Person o : h.outsiders()) {
        if (o.slot() == IdNumbers.SLOT_PAYROLL && o.existsOn(date)) {
          payrollRow(o);
        }
      }
      if (onPayroll != null) {
        payrollRow(onPayroll).note("audit", AuditDefect.PAYROLL_IN_POOR_HOUSEHOLD.name(),
            "finding:" + AuditDefect.PAYROLL_IN_POOR_HOUSEHOLD, hid);
      }
    }

    Out payrollRow(Person p) {
      TableLayout.Row row = layouts.get(Table.FINANCE_PAYROLL).row();
      Out o = new Out("finance_payroll", row, p.personId(), trueHousehold(p));
      personFields(o, p, "id_number", "name", 4);
      Gazetteer.Place pl = h.place();
      String[] employers = {
        pl.county().name() + "人民政府办公室", pl.county().name() + "教育局", pl.county().name() + "人民医院",
        pl.townshipName() + "人民政府", pl.townshipName() + "卫生院", pl.villageName() + "村民委员会"
      };
      row.set("employer", employers[stable(p, 5, employers.length)]);
      row.set("county_code", adminCode(o, "county_code", county));
      batch.of(Table.FINANCE_PAYROLL).add(o);
      return o;
    }

    // ---- registry -----------------------------------------------------------------------------

    Out households(List<Person> listed) {
      TableLayout.Row row = layouts.get(Table.HOUSEHOLDS).row();
      Person head = h.head();
      Out o = new Out("households", row, head.personId(), hid);
      Gazetteer.Place pl = h.place();
      row.set("household_id", hid);
      row.set("county_code", adminCode(o, "county_code", county));
      row.set("county_name", pl.county().name());
      row.set("township_code", pl.townshipCode());
      row.set("township_name", pl.townshipName());
      row.set("village_code", pl.villageCode());
      row.set("village_name", pl.villageName());
      Typed headId = registryId(head);
      row.set("head_name", head.name());
      row.set("head_id_number", headId.text);
      headId.record(o, "head_id_number", head);
      row.set("attribute", spell(h.attribute(), switch (h.attribute()) {
        case "dibao" -> "低保贫困户";
        case "tekun" -> "特困供养贫困户";
        default -> "一般贫困户";
      }));
      row.set("main_cause", spell(h.mainCause(), causeZh(h.mainCause())));
      List<String> sec = new ArrayList<>();
      for (String c : h.secondaryCauses()) {
        sec.add(spell(c, causeZh(c)));
      }
      row.set("secondary_causes", sec.isEmpty() ? null : String.join(stable(head, 6, 2) == 0 ? ";" : "、", sec));
      String status = h.statusOn(date);
      row.set("status", spell(status, switch (status) {
        case "exited" -> "已脱贫";
        case "relapsed" -> "返贫";
        default -> "未脱贫";
      }));
      row.set("registration_year", String.valueOf(h.registrationYear()));
      Integer exitYear = h.exitYearOn(date);
      row.set("exit_year", exitYear == null ? null : String.valueOf(exitYear));
      int size = listed.size();
      row.set("registered_size", String.valueOf(size));
      double reportedDibao = paidDibao;
      double reportedTekun = paidTekun;
      double reportedPension = paidPension;
      double reportedEco = paidEco;
      double reportedOther = paidOther + h.otherTransfer();
      if (planted.contains(AuditDefect.TRANSFERS_EXCEED_REPORTED)) {
        reportedDibao = Math.round(reportedDibao * 0.3);
        reportedTekun = Math.round(reportedTekun * 0.3);
        reportedPension = Math.round(reportedPension * 0.3);
        reportedEco = Math.round(reportedEco * 0.3);
        reportedOther = Math.round(paidOther * 0.3);
      }
      double transfers = reportedDibao + reportedTekun + reportedPension + reportedEco + reportedOther;
      double net = h.perCapitaIncomeOn(date) * size;
      double earned = Math.max(0, net + h.productionCost() - transfers - h.propertyIncome());
      double wage = Math.round(earned * h.wageShare());
      row.set("wage_income", money(o, "wage_income", wage));
      row.set("business_income", money(o, "business_income", Math.round(earned - wage)));
      row.set("transfer_dibao", money(o, "transfer_dibao", reportedDibao));
      row.set("transfer_tekun", money(o, "transfer_tekun", reportedTekun));
      row.set("transfer_pension", money(o, "transfer_pension", reportedPension));
      row.set("transfer_eco_compensation", money(o, "transfer_eco_compensation", reportedEco));
      row.set("transfer_other", money(o, "transfer_other", reportedOther));
      row.set("property_income", money(o, "property_income", h.propertyIncome()));
      row.set("production_cost", money(o, "production_cost", h.productionCost()));
      row.set("cultivated_mu", decimal(h.cultivatedMu()));
      row.set("forest_mu", decimal(h.forestMu()));
      row.set("grassland_mu", decimal(h.grasslandMu()));
      row.set("livestock_head", String.valueOf(h.livestock()));
      row.set("housing_grade", spell(h.housingGrade(), h.housingGrade() + "级"));
      row.set("safe_water", bool(h.safeWater()));
      row.set("electricity", bool(h.electricity()));
      row.set("road_access", bool(h.roadAccess()));
      row.set("food_secure", bool(h.foodSecure()));
      row.set("clothing_secure", bool(h.clothingSecure()));
      row.set("last_visit_date", date(o, "last_visit_date", h.lastVisit().isAfter(date) ? null : h.lastVisit()));
      batch.of(Table.HOUSEHOLDS).add(o);
      return o;
    }

    /** Per-member facts decided while emitting other tables (enrolment). */
    final java.util.Map<String, MemberFacts> facts = new java.util.HashMap<>();

    final class MemberFacts {
      String stage;
      boolean notEnrolled;
    }

    MemberFacts batchMember(Person p) {
      return facts.computeIfAbsent(p.personId(), k -> new MemberFacts());
    }

    boolean batchMemberHas(Person p) {
      MemberFacts f = facts.get(p.personId());
      return f != null && f.stage != null;
    }

    void members(List<Person> listed) {
      for (Person p : listed) {
        TableLayout.Row row = layouts.get(Table.MEMBERS).row();
        Out o = new Out("members", row, p.personId(), trueHousehold(p));
        row.set("household_id", hid);
        row.set("member_no", String.valueOf(p == copy ? 11 : p.slot() + 1));
        row.set("name", p.name());
        Typed id = registryId(p);
        row.set("id_number", id.text);
        id.record(o, "id_number", p);
        boolean male = p == genderMismatch ? !p.male() : p.male();
        row.set("gender", gender(male));
        LocalDate birth = p.birthDate();
        if (p == birthMismatch) {
          birth = wrongBirthDate(birth);
        }
        row.set("birth_date", date(o, "birth_date", birth));
        row.set("ethnicity", spell(h.ethnicity().code, h.ethnicity().chinese));
        row.set("relation", spell(p.relation().code(), p.male() ? p.relation().male : p.relation().female));
        int age = p.ageOn(date);
        MemberFacts f = facts.get(p.personId());
        String stage = f == null ? null : f.stage;
        String level = educationLevel(p, age, stage);
        row.set("education_level", level == null ? null : spell(level, switch (level) {
          case "none" -> "文盲或半文盲";
          case "primary" -> "小学";
          case "junior" -> "初中";
          case "senior" -> "高中";
          case "vocational" -> "中专";
          case "college" -> "大专及以上";
          default -> "学龄前儿童";
        }));
        String studentStatus = stage == null ? "not_student" : stage;
        row.set("student_status", spell(studentStatus, switch (studentStatus) {
          case "preschool" -> "学前教育";
          case "primary" -> "小学";
          case "junior" -> "初中";
          case "senior" -> "高中";
          case "vocational" -> "中职";
          case "college" -> "大专";
          default -> "非在校生";
        }));
        row.set("health", spell(p.health().code, p.health().chinese));
        row.set("disability_grade", p.health() == Health.DISABLED ? String.valueOf(p.disabilityGrade()) : null);
        String labour;
        if (age < 16 || stage != null) {
          labour = "none";
        } else if (p.health() == Health.DISABLED || age >= 70) {
          labour = "lost";
        } else if (p.health() == Health.SERIOUS || age >= 60) {
          labour = "partial";
        } else {
          labour = stable(p, 8, 100) < 20 ? "skilled" : "ordinary";
        }
        row.set("labour_ability", spell(labour, switch (labour) {
          case "none" -> "无劳动力";
          case "lost" -> "丧失劳动力";
          case "partial" -> "弱劳动力或半劳动力";
          case "skilled" -> "技能劳动力";
          default -> "普通劳动力";
        }));
        int migrant = (labour.equals("ordinary") || labour.equals("skilled")) && age <= 55 ? stable(p, 9, 11) : 0;
        row.set("migrant_months", String.valueOf(migrant));
        row.set("medical_insurance", bool(stable(p, 10, 100) < 98));
        row.set("pension_insurance", bool(age >= 16 && stage == null && stable(p, 15, 100) < 92));
        if (p == stillListed) {
          o.note("audit", AuditDefect.DECEASED_STILL_LISTED.name(), "finding:" + AuditDefect.DECEASED_STILL_LISTED, hid);
        }
        if (p == notEnrolled) {
          o.note("audit", AuditDefect.CHILD_NOT_ENROLLED.name(), "finding:" + AuditDefect.CHILD_NOT_ENROLLED, hid);
        }
        if (p == copy) {
          o.note("audit", AuditDefect.REGISTERED_IN_TWO_HOUSEHOLDS.name(),
              "finding:" + AuditDefect.REGISTERED_IN_TWO_HOUSEHOLDS, hid);
        }
        if (p == birthMismatch) {
          o.note("audit", AuditDefect.ID_BIRTH_DATE_MISMATCH.name(), "finding:" + AuditDefect.ID_BIRTH_DATE_MISMATCH, hid);
        }
        if (p == genderMismatch) {
          o.note("audit", AuditDefect.ID_GENDER_MISMATCH.name(), "finding:" + AuditDefect.ID_GENDER_MISMATCH, hid);
        }
        batch.of(Table.MEMBERS).add(o);
      }
    }

    Typed registryIdCached;

    Typed registryId(Person p) {
      if (p.relation() == Relation.HEAD && p != copy && registryIdCached != null) {
        return registryIdCached;
      }
      Typed t = touched.contains(p.personId())
          ? new Typed(p.idNumber(), null, null)
          : typeId(p, profile.registryIdNoise(), noiseStream(p, 0));
      if (p.relation() == Relation.HEAD && p != copy) {
        registryIdCached = t;
      }
      return t;
    }

    String educationLevel(Person p, int age, String stage) {
      if (stage != null) {
        return stage.equals("preschool") ? "preschool" : stage;
      }
      if (age < 6) {
        return "preschool";
      }
      if (age < 16) {
        return "primary";
      }
      int u = stable(p, 16, 100);
      if (age >= 60) {
        return u < 55 ? "none" : u < 90 ? "primary" : "junior";
      }
      if (age >= 40) {
        return u < 20 ? "none" : u < 60 ? "primary" : u < 90 ? "junior" : "senior";
      }
      return u < 5 ? "none" : u < 25 ? "primary" : u < 65 ? "junior" : u < 80 ? "senior" : u < 92 ? "vocational" : "college";
    }

    LocalDate wrongBirthDate(LocalDate b) {
      if (b.getDayOfMonth() <= 12 && b.getDayOfMonth() != b.getMonthValue()) {
        return LocalDate.of(b.getYear(), b.getDayOfMonth(), b.getMonthValue());
      }
      return b.minusYears(1 + r.nextInt(3));
    }

    // ---- data defects (quarantine) -------------------------------------------------------------

    void plantDataDefects() {
      for (DataDefect d : wantedData) {
        if (!plantedData.isEmpty()) {
          return;
        }
        if (plant(d)) {
          plantedData.add(d);
        }
      }
    }

    boolean plant(DataDefect d) {
      List<Out> payments = clean(batch.of(Table.FINANCE_PAYMENTS));
      List<Out> payroll = outsiderRows(batch.of(Table.FINANCE_PAYROLL));
      List<Out> pupils = outsiderRows(batch.of(Table.EDUCATION));
      List<Out> civil = new ArrayList<>();
      for (Out o : batch.of(Table.CIVIL_AFFAIRS)) {
        String prog = o.row.get("programme");
        if (o.notes.isEmpty() && (o.personId.startsWith("N") || "temporary_assistance".equals(prog) || "临时救助".equals(prog))) {
          civil.add(o);
        }
      }
      Out harmless = harmlessMember();
      switch (d) {
        case MISSING_VALUE -> {
          if (!payroll.isEmpty() && r.nextBoolean()) {
            return quarantine(payroll.get(0), "employer", "", "MISSING_VALUE:employer");
          }
          if (harmless != null && r.nextBoolean()) {
            return quarantine(harmless, "name", "", "MISSING_VALUE:name");
          }
          if (!payments.isEmpty()) {
            return quarantine(payments.get(r.nextInt(payments.size())), "amount", "", "MISSING_VALUE:amount");
          }
          return false;
        }
        case BAD_DATE -> {
          if (harmless != null && r.nextBoolean()) {
            int year = person(harmless.personId).birthDate().getYear();
            return quarantine(harmless, "birth_date", year + "-02-30", "BAD_DATE:birth_date");
          }
          if (!payments.isEmpty()) {
            Out o = payments.get(r.nextInt(payments.size()));
            return quarantine(o, "payment_date", (date.getYear() - 1) + "-13-" + (10 + r.nextInt(18)),
                "BAD_DATE:payment_date");
          }
          return false;
        }
        case UNKNOWN_CODE -> {
          if (!pupils.isEmpty() && r.nextBoolean()) {
            return quarantine(pupils.get(0), "stage", "补习班", "UNKNOWN_CODE:stage");
          }
          if (!civil.isEmpty() && r.nextBoolean()) {
            return quarantine(civil.get(0), "programme", "医疗救助", "UNKNOWN_CODE:programme");
          }
          if (harmless != null) {
            return quarantine(harmless, "relation", "邻居", "UNKNOWN_CODE:relation");
          }
          return false;
        }
        case OUT_OF_RANGE -> {
          if (harmless != null && r.nextBoolean()) {
            return quarantine(harmless, "migrant_months", "14", "OUT_OF_RANGE:migrant_months");
          }
          if (!payments.isEmpty()) {
            Out o = payments.get(r.nextInt(payments.size()));
            return quarantine(o, "amount", "-" + stripWide(o.row.get("amount")), "OUT_OF_RANGE:amount");
          }
          return false;
        }
        case DUPLICATE_ROW -> {
          Table[] tables = {Table.MEMBERS, Table.HOUSEHOLDS, Table.FINANCE_PAYMENTS, Table.CIVIL_AFFAIRS};
          Table t = tables[r.nextInt(tables.length)];
          List<Out> rows = batch.of(t);
          if (rows.isEmpty()) {
            return false;
          }
          int i = r.nextInt(rows.size());
          Out original = rows.get(i);
          Out dup = new Out(original.table, original.row.copy(), original.personId, original.householdId);
          dup.note("data", DataDefect.DUPLICATE_ROW.name(), "quarantine:DUPLICATE_ROW", hid);
          rows.add(i + 1, dup);
          return true;
        }
        case DUPLICATE_KEY -> {
          if (!payroll.isEmpty() && r.nextBoolean()) {
            Out original = payroll.get(0);
            Out dup = new Out(original.table, original.row.copy(), original.personId, original.householdId);
            dup.row.set("employer", h.place().townshipName() + "财政所");
            dup.note("data", DataDefect.DUPLICATE_KEY.name(), "quarantine:DUPLICATE_KEY", hid);
            batch.of(Table.FINANCE_PAYROLL).add(batch.of(Table.FINANCE_PAYROLL).indexOf(original) + 1, dup);
            return true;
          }
          List<Out> members = batch.of(Table.MEMBERS);
          Out original = members.get(members.size() - 1);
          if (!original.notes.isEmpty()) {
            return false;
          }
          Out dup = new Out(original.table, original.row.copy(), original.personId, original.householdId);
          dup.row.set("migrant_months", String.valueOf((Integer.parseInt(stripWide(original.row.get("migrant_months"))) + 3) % 12));
          dup.row.set("medical_insurance", bool(false));
          dup.note("data", DataDefect.DUPLICATE_KEY.name(), "quarantine:DUPLICATE_KEY", hid);
          members.add(dup);
          return true;
        }
        default -> {
          return false;
        }
      }
    }

    boolean quarantine(Out o, String column, String value, String reason) {
      o.row.set(column, value.isEmpty() ? null : value);
      o.notes.removeIf(n -> n.kind().equals("data"));
      o.note("data", reason.substring(0, reason.indexOf(':')), "quarantine:" + reason, hid);
      return true;
    }

    List<Out> clean(List<Out> rows) {
      List<Out> out = new ArrayList<>();
      for (Out o : rows) {
        if (o.notes.stream().noneMatch(n -> n.kind().equals("audit")) && !touched.contains(o.personId)) {
          out.add(o);
        }
      }
      return out;
    }

    List<Out> outsiderRows(List<Out> rows) {
      List<Out> out = new ArrayList<>();
      for (Out o : rows) {
        if (o.personId.startsWith("N") && o.notes.stream().noneMatch(n -> n.kind().equals("audit"))) {
          out.add(o);
        }
      }
      return out;
    }

    /** A member row whose loss to quarantine changes no finding: a plain adult with no other record. */
    Out harmlessMember() {
      if (!h.attribute().equals("ordinary") || dibaoEffective) {
        return null;
      }
      for (Out o : batch.of(Table.MEMBERS)) {
        Person p = person(o.personId);
        if (p != null && p.relation() != Relation.HEAD && p != copy && !touched.contains(p.personId())
            && p.health() == Health.HEALTHY && p.deathDate() == null && p.ageOn(date) >= 18
            && p.ageOn(date) <= 59 && !batchMemberHas(p) && o.notes.isEmpty()) {
          return o;
        }
      }
      return null;
    }

    Person person(String personId) {
      for (Person x : people) {
        if (x.personId().equals(personId)) {
          return x;
        }
      }
      return null;
    }

    // ---- typing: IDs, names, dates, codes -----------------------------------------------------

    /** ID, name, birth date of a person as a department typed them; noise only on untouched people. */
    void personFields(Out o, Person p, String idColumn, String nameColumn, int source) {
      boolean clean = touched.contains(p.personId());
      SplittableRandom n = noiseStream(p, source);
      Typed id = clean ? new Typed(p.idNumber(), null, null) : typeId(p, profile.departmentIdNoise(), n);
      o.row.set(idColumn, id.text);
      id.record(o, idColumn, p);
      String name = p.name();
      if (!clean && n.nextDouble() < profile.departmentNameNoise()) {
        name = Names.variant(name, n);
      }
      o.row.set(nameColumn, name);
      if (o.row.layout.names.contains("birth_date")) {
        LocalDate b = p.birthDate();
        boolean usable = id.text != null && id.variation != DataDefect.Variation.ID_MISTYPED;
        if (!clean && !usable && n.nextDouble() < profile.departmentBirthDateNoise()) {
          b = typo(b, n);
        }
        o.row.set("birth_date", date(o, "birth_date", b));
      }
    }

    LocalDate typo(LocalDate b, SplittableRandom n) {
      if (b.getDayOfMonth() <= 12 && b.getDayOfMonth() != b.getMonthValue() && n.nextBoolean()) {
        return LocalDate.of(b.getYear(), b.getDayOfMonth(), b.getMonthValue());
      }
      int day = b.getDayOfMonth();
      int other = day >= 10 ? (day / 10) * 10 + (day % 10 + 1 + n.nextInt(8)) % 10 : 1 + (day + n.nextInt(8)) % 9;
      if (other >= 1 && other <= b.lengthOfMonth() && other != day) {
        return b.withDayOfMonth(other);
      }
      return b.withYear(b.getYear() + (n.nextBoolean() ? 1 : -1));
    }

    SplittableRandom noiseStream(Person p, int source) {
      return new SplittableRandom(Seeds.mix(Seeds.mix(seed, p.personId().hashCode()), h.index() * 31 + source));
    }

    /** A stable draw in [0, bound) for one person and purpose (independent of the run date). */
    int stable(Person p, int purpose, int bound) {
      return (int) Math.floorMod(Seeds.mix(Seeds.mix(seed, p.personId().hashCode()), purpose), (long) bound);
    }

    String trueHousehold(Person p) {
      if (p.personId().startsWith("N")) {
        return null;
      }
      if (p == copy && previous != null) {
        return previous.household().householdId();
      }
      return hid;
    }

    Typed typeId(Person p, GeneratorProfile.IdNoise noise, SplittableRandom n) {
      String id = p.idNumber();
      double u = n.nextDouble();
      double acc = noise.missing();
      if (u < acc) {
        return new Typed(null, DataDefect.Variation.ID_MISSING, "MISSING");
      }
      acc += noise.mistyped();
      if (u < acc) {
        int pos = n.nextInt(17);
        char c = id.charAt(pos);
        char other = (char) ('0' + (c - '0' + 1 + n.nextInt(9)) % 10);
        String typed = id.substring(0, pos) + other + id.substring(pos + 1);
        ResidentIdCheck check = ResidentIds.check(typed, date);
        return new Typed(typed, DataDefect.Variation.ID_MISTYPED, check.issue() == null ? "NONE" : check.issue().code());
      }
      acc += noise.fifteenDigit();
      if (u < acc && p.birthDate().getYear() >= 1900 && p.birthDate().getYear() <= 1999) {
        return new Typed(id.substring(0, 6) + id.substring(8, 17), DataDefect.Variation.ID_FIFTEEN_DIGITS, null);
      }
      acc += noise.fullWidth();
      if (u < acc) {
        StringBuilder sb = new StringBuilder();
        for (char c : id.toCharArray()) {
          sb.append(Character.isDigit(c) ? (char) (c - '0' + '\uFF10') : c);
        }
        return new Typed(sb.toString(), DataDefect.Variation.ID_FULL_WIDTH, null);
      }
      acc += noise.spaces();
      if (u < acc) {
        return new Typed(id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14),
            DataDefect.Variation.ID_SPACES, null);
      }
      if (id.endsWith("X") && n.nextDouble() < noise.lowerCaseX()) {
        return new Typed(id.substring(0, 17) + "x", DataDefect.Variation.ID_LOWER_CASE_X, null);
      }
      return new Typed(id, null, null);
    }

    String spell(String canonical, String chinese) {
      CodeSpelling s = profile.codeSpelling();
      if (s == CodeSpelling.CANONICAL) {
        return canonical;
      }
      if (s == CodeSpelling.MIXED && r.nextDouble() < 0.15) {
        return canonical;
      }
      return chinese;
    }

    String gender(boolean male) {
      return spell(male ? "male" : "female", male ? "男" : "女");
    }

    String bool(boolean b) {
      return profile.codeSpelling() == CodeSpelling.CANONICAL ? String.valueOf(b) : (b ? "是" : "否");
    }

    String date(Out o, String column, LocalDate d) {
      if (d == null) {
        return null;
      }
      if (profile.otherDateFormats() > 0 && r.nextDouble() < profile.otherDateFormats()) {
        String f = OTHER_FORMATS[r.nextInt(OTHER_FORMATS.length)];
        String text = switch (f) {
          case "slash" -> d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
          case "compact" -> String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
          case "dotted" -> String.format("%04d.%02d.%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
          default -> d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
        };
        o.note("data", DataDefect.Variation.DATE_FORMAT.name(), "staged:" + column + "=" + d, hid);
        return text;
      }
      return d.toString();
    }

    String adminCode(Out o, String column, String code) {
      if (profile.fullWidthDigits() > 0 && r.nextDouble() < profile.fullWidthDigits()) {
        o.note("data", DataDefect.Variation.FULL_WIDTH_DIGITS.name(), "staged:" + column + "=" + code, hid);
        return wide(code);
      }
      return code;
    }

    String money(Out o, String column, double amount) {
      if (amount == 0 && !column.equals("amount")) {
        return "0";
      }
      String plain = amount == Math.rint(amount) ? String.valueOf((long) amount) : String.format("%.2f", amount);
      if (profile.fullWidthDigits() > 0 && r.nextDouble() < profile.fullWidthDigits()) {
        o.note("data", DataDefect.Variation.FULL_WIDTH_DIGITS.name(), "staged:" + column + "=" + decimal(amount), hid);
        return wide(plain);
      }
      return plain;
    }

    String decimal(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    String causeZh(String code) {
      return switch (code) {
        case "illness" -> "因病";
        case "disability" -> "因残";
        case "schooling" -> "因学";
        case "disaster" -> "因灾";
        case "land" -> "缺土地";
        case "water" -> "缺水";
        case "skills" -> "缺技术";
        case "labour" -> "缺劳力";
        case "capital" -> "缺资金";
        case "transport" -> "交通条件落后";
        case "motivation" -> "自身发展动力不足";
        default -> "其他";
      };
    }
  }

  /** An ID number as typed, with the variation it carries and the issue ingestion should report. */
  record Typed(String text, DataDefect.Variation variation, String issue) {
    void record(Out o, String column, Person p) {
      if (variation == null) {
        return;
      }
      String expected = issue == null
          ? "staged:" + column + "=" + p.idNumber()
          : "staged:" + column + "_issue=" + issue;
      o.note("data", variation.name(), expected, o.householdId);
    }
  }

  /** Zero-padded decimal (String.format is slow in the per-row path). */
  static String pad(long v, int width) {
    String s = Long.toString(v);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  static String wide(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(c >= '0' && c <= '9' ? (char) (c - '0' + '\uFF10') : c);
    }
    return sb.toString();
  }

  static String stripWide(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(c >= '\uFF10' && c <= '\uFF19' ? (char) (c - '\uFF10' + '0') : c);
    }
    return sb.toString();
  }
}
