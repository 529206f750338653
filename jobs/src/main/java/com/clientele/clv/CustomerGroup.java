package com.clientele.clv;

/**
 * Customers who share the same RFM summary values (see {@code gold.RfmSummary}): the models' likelihoods
 * depend on a customer only through these, so a fit reads one row per distinct combination with its
 * number of customers instead of one row per customer.
 *
 * @param frequency repeat purchase periods (x)
 * @param recency time from the first to the last purchase period (tₓ), in the summary's unit
 * @param age time from the first purchase period to the observation end (T), in the same unit
 * @param monetaryValue the mean value of the repeat periods (0 when frequency = 0)
 * @param customers how many customers have these values (the group's weight)
 */
public record CustomerGroup(double frequency, double recency, double age, double monetaryValue, long customers) {

  public CustomerGroup {
    if (!(frequency >= 0 && recency >= 0 && age >= recency && customers > 0)) {
      throw new IllegalArgumentException("not an RFM summary: frequency " + frequency + ", recency " + recency
          + ", T " + age + ", customers " + customers);
    }
  }
}
