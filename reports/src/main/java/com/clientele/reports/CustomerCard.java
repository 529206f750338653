package com.clientele.reports;

import java.util.List;
import java.util.Map;

/**
 * The data of one archive card, as plain rows keyed by gold / silver column names.
 *
 * @param profile        the customer's gold.customer_profile row
 * @param monthlyRevenue month_start, revenue (net) per month with activity, oldest first
 * @param serviceRecords complaints and service tickets: received_at, first_response_at, resolved_at (LocalDateTime),
 *                       interaction_type, category, resolution; newest first
 * @param feedback       feedback and satisfaction answers: received_at, interaction_type, satisfaction, summary
 * @param referrals      referrals made: referral_date, referred_name (masked), has_purchased, reward_amount
 * @param referredByName the masked name of the customer who referred this one, or null
 * @param personal       the decrypted personal data, only when the report is run with it; otherwise null
 * @param lifetimeValue  the customer's prediction of gold.customer_lifetime_value: p_alive, expected_purchases_90d,
 *                       expected_purchases_365d, clv, value_at_risk, clv_decile, and horizon_months of gold.clv_model;
 *                       null when there is none (models not fitted, or no purchase yet)
 */
public record CustomerCard(Map<String, Object> profile, List<Map<String, Object>> monthlyRevenue,
                           List<Map<String, Object>> serviceRecords, List<Map<String, Object>> feedback,
                           List<Map<String, Object>> referrals, String referredByName, PersonalData personal,
                           Map<String, Object> lifetimeValue) {

  /** Real name and contact data from the restricted table (silver.customer_pii), decrypted. */
  public record PersonalData(String name, String phone, String email, String address) {}
}
