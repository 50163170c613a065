package io.jingzhun.generate;

/**
 * Audit defects the generator plants: each is what one cross-department finding rule must find
 * (the rule codes are shared with {@code io.jingzhun.findings}). Meanings in docs/generator.md.
 */
public enum AuditDefect {
  DECEASED_STILL_LISTED,
  DECEASED_STILL_PAID,
  PAYROLL_IN_POOR_HOUSEHOLD,
  CHILD_NOT_ENROLLED,
  CHILD_DROPPED_OUT,
  REGISTERED_IN_TWO_HOUSEHOLDS,
  PAYMENT_TO_UNREGISTERED,
  ID_BIRTH_DATE_MISMATCH,
  ID_GENDER_MISMATCH,
  DIBAO_WITHOUT_ATTRIBUTE,
  ATTRIBUTE_WITHOUT_DIBAO,
  TRANSFERS_EXCEED_REPORTED
}
