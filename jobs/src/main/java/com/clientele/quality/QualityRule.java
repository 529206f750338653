package com.clientele.quality;

import com.amazon.deequ.checks.Check;
import java.util.function.UnaryOperator;

/**
 * One data-quality rule: a named Deequ constraint on one dataset, with a sentence saying what it
 * requires. {@code whenEmpty} says whether the rule is meaningful on a dataset without rows (size
 * rules are; a completeness rule on no rows is skipped, not failed).
 *
 * @param name stable identifier, e.g. {@code transactions_customer_exists}
 * @param requirement what must hold, in words (shown when the rule fails)
 */
public record QualityRule(String name, Severity severity, String requirement, UnaryOperator<Check> constraint,
    boolean whenEmpty) {

  /** The rule as a Deequ check of its own (one constraint per check, so each result maps to one rule). */
  Check toCheck() {
    return constraint.apply(new Check(severity.deequLevel(), name, Deequ.emptySeq()));
  }
}
