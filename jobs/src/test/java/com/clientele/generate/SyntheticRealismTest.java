package com.clientele.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The behaviour the analytics rely on, checked on a clean (mess-free) landing folder. */
class SyntheticRealismTest {
    static final GeneratorSettings SETTINGS = new GeneratorSettings(11L, 3000, 30_000L, LocalDate.of(2024, 7, 1),
            LocalDate.of(2025, 12, 31), 3, 0.0, 1);

    @TempDir
    static Path landing;
    static Map<String, List<String>> customers = new HashMap<>();
    static List<List<String>> transactions;
    static List<List<String>> interactions;
    static List<List<String>> referrals;

    @BeforeAll
    static void generate() throws IOException {
        ExportGenerator.generate(SETTINGS, landing);
        for (List<String> row : LandingFiles.rows(landing, "customers")) {
            customers.putIfAbsent(row.get(0), row);
        }
        transactions = LandingFiles.rows(landing, "transactions");
        interactions = LandingFiles.rows(landing, "interactions");
        referrals = LandingFiles.rows(landing, "referrals");
    }

    private static LocalDateTime ts(String s) {
        return LocalDateTime.parse(s.replace(' ', 'T'));
    }

    @Test
    void leadsExistAndAreAModestShare() {
        Map<String, Integer> bought = new HashMap<>();
        for (List<String> t : transactions) {
            bought.merge(t.get(1), 1, Integer::sum);
        }
        long leads = customers.keySet().stream().filter(c -> !bought.containsKey(c)).count();
        double share = (double) leads / customers.size();
        assertTrue(share > 0.05 && share < 0.20, "lead share " + share);
        // some leads enquired: the "upcoming" stage
        assertTrue(interactions.stream().anyMatch(i -> !bought.containsKey(i.get(1))
                && (i.get(2).equals("enquiry") || i.get(2).equals("咨询"))));
    }

    @Test
    void revenueFollowsAParetoCurve() {
        Map<String, BigDecimal> revenue = new HashMap<>();
        for (List<String> t : transactions) {
            if (t.get(4).equals("sale")) {
                revenue.merge(t.get(1), new BigDecimal(t.get(3)), BigDecimal::add);
            }
        }
        List<BigDecimal> values = new ArrayList<>(revenue.values());
        values.sort(Collections.reverseOrder());
        BigDecimal total = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal top = values.subList(0, values.size() / 5).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        double share = top.doubleValue() / total.doubleValue();
        assertTrue(share > 0.5 && share < 0.9, "top 20% share " + share);
    }

    @Test
    void amountsCostsRefundsAndPaymentsLookLikeInvoices() {
        long refunds = 0;
        long withCost = 0;
        long enterpriseSales = 0;
        long paidLines = 0;
        long onTime = 0;
        long longLate = 0;
        for (List<String> t : transactions) {
            assertTrue(t.get(3).matches("-?\\d+\\.\\d\\d"), t.toString());
            assertTrue(t.get(0).matches("T\\d{8}"), t.toString());
            if (t.get(4).equals("refund")) {
                refunds++;
                continue;
            }
            BigDecimal amount = new BigDecimal(t.get(3));
            if (!t.get(6).isEmpty()) {
                withCost++;
                double ratio = new BigDecimal(t.get(6)).doubleValue() / amount.doubleValue();
                assertTrue(amount.signum() == 0 || ratio >= 0.54 && ratio <= 0.86, t.toString());
            }
            if (!t.get(9).isEmpty()) {
                enterpriseSales++;
                LocalDate date = LocalDate.parse(t.get(2));
                LocalDate due = LocalDate.parse(t.get(9));
                assertEquals(date.plusDays(30), due, t.toString());
                if (!t.get(10).isEmpty()) {
                    LocalDate paid = LocalDate.parse(t.get(10));
                    assertFalse(paid.isBefore(date), "paid before the sale: " + t);
                    paidLines++;
                    if (!paid.isAfter(due)) {
                        onTime++;
                    } else if (paid.isAfter(due.plusDays(30))) {
                        longLate++;
                    }
                }
            }
        }
        // Most organisations pay on time, some late, a few very late (the chronic late payers).
        assertTrue(paidLines > 100, "paid lines " + paidLines);
        double onTimeShare = (double) onTime / paidLines;
        assertTrue(onTimeShare > 0.6 && onTimeShare < 0.95, "paid on time " + onTimeShare);
        double longLateShare = (double) longLate / paidLines;
        assertTrue(longLateShare > 0.02 && longLateShare < 0.25, "paid more than 30 days late " + longLateShare);
        double refundShare = (double) refunds / transactions.size();
        assertTrue(refundShare > 0.01 && refundShare < 0.035, "refund share " + refundShare);
        double costShare = (double) withCost / (transactions.size() - refunds);
        assertTrue(costShare > 0.85 && costShare < 0.95, "cost present on " + costShare);
        assertTrue(enterpriseSales > 0);
    }

    @Test
    void referralsLinkEarlierBuyersToNewCustomers() {
        Map<String, LocalDate> firstPurchase = new HashMap<>();
        for (List<String> t : transactions) {
            firstPurchase.merge(t.get(1), LocalDate.parse(t.get(2)), (a, b) -> a.isBefore(b) ? a : b);
        }
        for (List<String> r : referrals) {
            List<String> referred = customers.get(r.get(2));
            assertTrue(customers.containsKey(r.get(1)), "referrer exists " + r);
            assertTrue(referred != null, "referred exists " + r);
            LocalDate date = LocalDate.parse(r.get(3));
            assertTrue(!date.isAfter(LocalDate.parse(referred.get(10))), "referral before registration " + r);
            assertTrue(firstPurchase.get(r.get(1)).isBefore(date), "referrer bought before " + r);
            assertEquals("referral", referred.get(9));
        }
        double share = (double) referrals.size() / customers.size();
        assertTrue(share > 0.12 && share < 0.28, "referred share " + share);
        long referredLeads = referrals.stream().filter(r -> !firstPurchase.containsKey(r.get(2))).count();
        assertTrue(referredLeads > 0, "some referred people never buy");
    }

    @Test
    void complaintsAreAnsweredMostlyWithin24HoursButNotAlways() {
        int fast = 0;
        int slow = 0;
        int unanswered = 0;
        int open = 0;
        for (List<String> i : interactions) {
            if (!i.get(2).equals("complaint") && !i.get(2).equals("投诉")) {
                continue;
            }
            if (i.get(6).isEmpty()) {
                unanswered++;
            } else if (Duration.between(ts(i.get(5)), ts(i.get(6))).toHours() >= 24) {
                slow++;
            } else {
                fast++;
            }
            if (i.get(7).isEmpty()) {
                open++;
            }
        }
        assertTrue(fast > slow && slow > 0 && unanswered > 0 && open > 0,
                "fast " + fast + " slow " + slow + " unanswered " + unanswered + " open " + open);
    }

    @Test
    void feedbackAfterComplaintsIsLessSatisfied() {
        Map<String, LocalDateTime> lastComplaint = new HashMap<>();
        double after = 0;
        int afterN = 0;
        double other = 0;
        int otherN = 0;
        for (List<String> i : interactions) {
            String type = i.get(2);
            if (type.equals("complaint") || type.equals("投诉")) {
                lastComplaint.put(i.get(1), ts(i.get(5)));
            } else if (type.equals("feedback") || type.equals("反馈")) {
                int s = Integer.parseInt(i.get(8));
                assertTrue(s >= 1 && s <= 5);
                LocalDateTime c = lastComplaint.get(i.get(1));
                if (c != null && Duration.between(c, ts(i.get(5))).toDays() <= 12) {
                    after += s;
                    afterN++;
                } else {
                    other += s;
                    otherN++;
                }
            }
        }
        assertTrue(afterN > 0 && otherN > 0);
        assertTrue(after / afterN < other / otherN - 0.5, "after " + after / afterN + " other " + other / otherN);
    }

    @Test
    void labelsAndNamesAreMixedChineseAndEnglish() {
        long chineseNature = customers.values().stream().filter(c -> c.get(6).matches("[^a-z]+")).count();
        double share = (double) chineseNature / customers.size();
        assertTrue(share > 0.2 && share < 0.4, "chinese nature labels " + share);
        long chineseNames = customers.values().stream().filter(c -> c.get(1).codePointAt(0) > 0x2E80).count();
        double nameShare = (double) chineseNames / customers.size();
        assertTrue(nameShare > 0.5 && nameShare < 0.7, "chinese names " + nameShare);
        for (List<String> c : customers.values()) {
            assertTrue(c.get(0).matches("C\\d{6}"), c.toString());
            assertTrue(c.get(5).isEmpty() || c.get(5).length() == 18, c.toString());
            assertTrue(List.of("government", "enterprise", "individual", "group", "partner", "政府机构", "企事业单位", "个人",
                    "团体", "合作伙伴").contains(c.get(6)), c.toString());
        }
        assertTrue(customers.values().stream().anyMatch(c -> c.get(4).contains(",")), "quoted addresses");
    }

    @Test
    void acquisitionIsSpreadOverTheHistory() {
        Map<String, Integer> perQuarter = new HashMap<>();
        for (List<String> c : customers.values()) {
            LocalDate d = LocalDate.parse(c.get(10));
            assertTrue(!d.isBefore(SETTINGS.historyStart())
                    && !d.isAfter(SETTINGS.historyEnd().plusDays(SETTINGS.dailyDrops())), c.toString());
            perQuarter.merge(d.getYear() + "Q" + ((d.getMonthValue() - 1) / 3), 1, Integer::sum);
        }
        assertTrue(perQuarter.size() >= 6, perQuarter.toString());
        perQuarter.forEach((q, n) -> assertTrue(q.startsWith("2026") || n > 200, q + " " + n));
    }
}
