package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class LinkEvaluationTest {
  @Test
  void pairwisePrecisionRecallAndFindingsAgainstAHandMadeTruth() {
    // Truth: person 1 = m:2, c:2, c:3 (3 pairs); person 2 = m:3, e:2 (1 pair); person 3 = p:2 alone.
    Dataset<Row> truth = Fixtures.table("table STRING, source_file STRING, source_line INT, person_id STRING, household_id STRING",
        List.of("'members', 'f.csv', 2, '1', 'H1'", "'civil_affairs', 'c.csv', 2, '1', 'H1'",
            "'civil_affairs', 'c.csv', 3, '1', 'H1'", "'members', 'f.csv', 3, '2', 'H1'",
            "'education', 'e.csv', 2, '2', 'H1'", "'finance_payments', 'p.csv', 2, '3', NULL",
            "'finance_payments', 'p.csv', 3, '3', NULL")); // p:3 was quarantined: not in the crosswalk
    // Prediction: {m:2, c:2} {c:3} {m:3, e:2, p:2}: correct pairs 1 + 1; predicted 1 + 3; true 3 + 1.
    Dataset<Row> crosswalk = Fixtures.table("record_key STRING, person_id STRING", List.of(
        "'members:f.csv:2', 'A'", "'civil_affairs:c.csv:2', 'A'", "'civil_affairs:c.csv:3', 'B'",
        "'members:f.csv:3', 'C'", "'education:e.csv:2', 'C'", "'finance_payments:p.csv:2', 'C'"));
    Dataset<Row> defects = Fixtures.table("kind STRING, code STRING, table STRING, source_file STRING, source_line INT,"
        + " person_id STRING, household_id STRING, expected STRING", List.of(
        "'audit', 'CHILD_DROPPED_OUT', 'education', 'e.csv', 2, '2', 'H1', 'finding:CHILD_DROPPED_OUT'",
        "'audit', 'DECEASED_STILL_PAID', 'finance_payments', 'p.csv', 2, '3', NULL, 'finding:DECEASED_STILL_PAID'",
        "'data', 'MISSING_VALUE', 'finance_payments', 'p.csv', 3, '3', NULL, 'quarantine:MISSING_VALUE:amount'",
        "'data', 'ID_MISSING', 'finance_payments', 'p.csv', 4, '4', NULL, 'staged:recipient_id_number='"));
    Dataset<Row> findings = Fixtures.table("rule_code STRING, household_id STRING, source_records ARRAY<STRING>", List.of(
        "'CHILD_DROPPED_OUT', 'H1', array('members:f.csv:3')",          // explained by household
        "'ID_GENDER_MISMATCH', 'H1', array('members:f.csv:2')",          // nothing injected: unexplained
        // the truth removed p:4's recipient ID: explained by that data defect; p:2's ID was never removed
        "'PAYMENT_WITHOUT_RECIPIENT_ID', NULL, array('finance_payments:p.csv:4')",
        "'PAYMENT_WITHOUT_RECIPIENT_ID', NULL, array('finance_payments:p.csv:2')"));
    LinkEvaluation.Result r = LinkEvaluation.evaluate(truth, crosswalk, defects, findings);
    assertThat(r.evaluatedRecords()).isEqualTo(6);
    assertThat(r.truePairs()).isEqualTo(4);
    assertThat(r.predictedPairs()).isEqualTo(4);
    assertThat(r.correctPairs()).isEqualTo(2);
    assertThat(r.precision()).isCloseTo(0.5, within(1e-12));
    assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
    assertThat(r.rules().get("CHILD_DROPPED_OUT")).isEqualTo(new LinkEvaluation.RuleScore(1, 1, 1, 0));
    assertThat(r.rules().get("DECEASED_STILL_PAID")).isEqualTo(new LinkEvaluation.RuleScore(1, 0, 0, 0));
    assertThat(r.rules().get("ID_GENDER_MISMATCH")).isEqualTo(new LinkEvaluation.RuleScore(0, 0, 1, 1));
    assertThat(r.rules().get("PAYMENT_WITHOUT_RECIPIENT_ID")).isEqualTo(new LinkEvaluation.RuleScore(0, 0, 2, 1));
    assertThat(r.missedDefects()).isEqualTo(1);
    assertThat(r.unexplainedFindings()).isEqualTo(2);
  }
}
