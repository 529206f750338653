package com.clientele.generate;

import com.clientele.config.ExportKind;

import static com.clientele.generate.CustomerPopulation.CHINESE_LABELS;
import static com.clientele.generate.CustomerPopulation.CHINESE_STYLE;
import static com.clientele.generate.CustomerPopulation.ENTERPRISE;
import static com.clientele.generate.CustomerPopulation.GOVERNMENT;
import static com.clientele.generate.CustomerPopulation.LEAD;
import static com.clientele.generate.CustomerPopulation.PARTNER;
import static com.clientele.generate.CustomerPopulation.REFERRED;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One generator run: walks the days from the history start to the last daily drop, registering the
 * day's new customers (with their referral), changing a few existing ones (daily drops only) and
 * handling the day's scheduled events (purchases, refunds, complaints, feedback…), writing every row as
 * soon as it exists. Events scheduled past a delivery's date simply land in a later delivery.
 *
 * <p>Two random streams drive it: each customer's own purchase-process stream (replayed by the
 * calibration, see {@link PurchaseProcess}) and one "detail" stream for everything that does not
 * change the transaction count (amounts, timestamps, texts, follow-up interactions). Both advance in a
 * fixed order, so a run is deterministic.
 */
final class GenerationRun {
    private static final long STREAM_DETAIL = 4;
    private static final int DAY = Text.SECONDS_PER_DAY;
    private static final int HOUR = 3600;
    /** Total char buffer of one delivery's writers; divided over its files. */
    private static final int BUFFER_BUDGET_CHARS = 16 << 20;
    private static final String[] TX_TYPES = {"sale", "refund"};
    private static final double[][] SALES_CHANNEL_WEIGHTS = {
            {0.10, 0.20, 0.20, 0.50}, {0.10, 0.20, 0.20, 0.50}, {0.45, 0.45, 0.10, 0.00},
            {0.35, 0.40, 0.20, 0.05}, {0.10, 0.25, 0.25, 0.40}};
    private static final double[] COMPLAINT_CATEGORY_WEIGHTS = {0.30, 0.25, 0.15, 0.15, 0.15};
    private static final double[][] SATISFACTION_WEIGHTS = {
            {0.03, 0.05, 0.12, 0.35, 0.45}, {0.15, 0.25, 0.30, 0.20, 0.10}, {0.50, 0.30, 0.15, 0.05, 0.00}};
    private static final double[] REWARD_WEIGHTS = {0.50, 0.35, 0.15};
    private static final String[] REWARDS = {"50.00", "100.00", "200.00"};

    private final GeneratorSettings settings;
    private final Path landing;
    private final CustomerPopulation pop;
    private final PurchaseProcess process;
    private final CustomerProfiles profiles;
    private final EventCalendar calendar;
    private final Text text;
    private final MessInjector mess;
    private final SplittableRandom detail;
    private final ReplayableRandom life = new ReplayableRandom();
    private final PurchaseProcess.Step step = new PurchaseProcess.Step();
    private final int historyDays;
    private final int totalDays;

    private final int[] purchases;
    private final int[] firstPurchaseDay;
    private final int[] versions;
    private final byte[] acquisition;
    private final boolean[] unresolvedComplaint;
    private final int[] buyers;
    private int buyerCount;

    private long txSeq;
    private long ixSeq;
    private long refSeq;
    private long customerChanges;
    private final String[] cust = new String[ExportKind.CUSTOMERS.columns().size()];
    private final String[] tx = new String[ExportKind.TRANSACTIONS.columns().size()];
    private final String[] ix = new String[ExportKind.INTERACTIONS.columns().size()];
    private final String[] ref = new String[ExportKind.REFERRALS.columns().size()];

    private DropOutput out;
    /** Day index of the delivery being written: what is "known" (paid, answered, resolved) is cut off here. */
    private int exportDay;
    private final List<DropOutput.FileStat> files = new ArrayList<>();

    GenerationRun(GeneratorSettings s, Path landing) {
        this.settings = s;
        this.landing = landing;
        this.historyDays = s.historyDays();
        this.totalDays = s.totalDays();
        this.pop = new CustomerPopulation(s);
        this.process = PurchaseProcess.calibrate(pop, totalDays, s.transactions());
        this.profiles = new CustomerProfiles(s.seed(), pop);
        this.calendar = new EventCalendar(totalDays, pop.size + pop.size / 2);
        this.text = new Text(s.historyStart(), totalDays + 400);
        this.mess = new MessInjector(s.seed(), s.messyShare());
        this.detail = new SplittableRandom(ReplayableRandom.seedFor(s.seed(), STREAM_DETAIL, 0));
        int n = pop.size;
        purchases = new int[n];
        firstPurchaseDay = new int[n];
        versions = new int[n];
        acquisition = new byte[n];
        unresolvedComplaint = new boolean[n];
        buyers = new int[n];
    }

    List<DropOutput.FileStat> files() {
        return files;
    }

    double intensity() {
        return process.intensity();
    }

    GenerationSummary run() throws IOException {
        int parts = settings.filesPerKind();
        int buffer = Math.max(8192, Math.min(1 << 20, BUFFER_BUDGET_CHARS / (4 * parts)));
        int next = 0;
        exportDay = historyDays - 1;
        out = new DropOutput(landing, text.date(exportDay), parts, buffer, files);
        try {
            for (int day = 0; day < totalDays; day++) {
                if (day >= historyDays) {
                    out.close();
                    out = null;
                    exportDay = day;
                    out = new DropOutput(landing, text.date(day), parts, Math.min(buffer, 1 << 16), files);
                    reexportPaid(day);
                }
                int registeredBefore = next;
                while (next < pop.size && pop.regDay[next] == day) {
                    register(next++, day);
                }
                if (day >= historyDays) {
                    changeCustomers(registeredBefore);
                }
                int node;
                while ((node = calendar.poll(day)) >= 0) {
                    int i = calendar.customer(node);
                    byte type = calendar.type(node);
                    long payload = calendar.payload(node);
                    calendar.release(node);
                    handle(type, i, day, payload);
                }
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        return summary();
    }

    private void handle(byte type, int i, int day, long payload) throws IOException {
        switch (type) {
            case EventCalendar.PURCHASE -> purchase(i, day, Double.longBitsToDouble(payload));
            case EventCalendar.REFUND -> refund(i, day, payload);
            case EventCalendar.COMPLAINT -> complaint(i, day, payload != 0);
            case EventCalendar.FEEDBACK -> feedback(i, day, (int) payload);
            case EventCalendar.ENQUIRY -> enquiry(i, day);
            case EventCalendar.CONTACT -> contact(i, day);
            case EventCalendar.SERVICE_TICKET -> serviceTicket(i, day);
            default -> throw new IllegalStateException("unknown event " + type);
        }
    }

    // ---------------------------------------------------------------- customers and referrals

    private void register(int i, int day) throws IOException {
        String channel;
        if (pop.has(i, REFERRED) && buyerCount > 0) {
            int referrer = pickReferrer();
            int referralDay = Math.max(firstPurchaseDay[referrer] + 1, day - detail.nextInt(8));
            ref[0] = Text.id('R', ++refSeq, 6);
            ref[1] = Text.customerId(referrer);
            ref[2] = Text.customerId(i);
            ref[3] = text.date(Math.min(referralDay, day));
            ref[4] = detail.nextDouble() < 0.05 ? "" : REWARDS[weighted(REWARD_WEIGHTS)];
            mess.write(ExportKind.REFERRALS, out.next(ExportKind.REFERRALS), ref, false);
            acquisition[i] = -1;
            channel = Vocabulary.REFERRAL;
        } else {
            int a = profiles.acquisition(i);
            acquisition[i] = (byte) a;
            channel = Vocabulary.ACQUISITION[a];
        }
        profiles.fill(i, 0, channel, text.date(day), cust);
        mess.write(ExportKind.CUSTOMERS, out.next(ExportKind.CUSTOMERS), cust, false);

        float first = pop.firstPurchase[i];
        boolean buys = process.enabled() && !pop.has(i, LEAD) && first < totalDays;
        if (!buys) {
            if (detail.nextDouble() < 0.5) { // prospects enquire: the "upcoming" stage
                int n = 1 + detail.nextInt(3);
                for (int k = 0; k < n; k++) {
                    calendar.add(day + detail.nextInt(45), i, EventCalendar.ENQUIRY, 0);
                }
            }
        } else {
            if (detail.nextDouble() < 0.35) {
                calendar.add(day + detail.nextInt((int) first - day + 1), i, EventCalendar.ENQUIRY, 0);
            }
            calendar.add((int) first, i, EventCalendar.PURCHASE, Double.doubleToRawLongBits(first));
        }
    }

    /** Of two random earlier buyers, the more loyal one: loyal customers refer more. */
    private int pickReferrer() {
        int a = buyers[detail.nextInt(buyerCount)];
        int b = buyers[detail.nextInt(buyerCount)];
        return purchases[a] >= purchases[b] ? a : b;
    }

    /** A few existing customers re-exported with one changed attribute (exercises history keeping). */
    private void changeCustomers(int registered) throws IOException {
        if (registered == 0) {
            return;
        }
        int k = 1 + detail.nextInt(Math.max(1, (int) Math.round(registered * 0.008)));
        k = Math.min(k, Math.max(1, registered / 2));
        Set<Integer> picked = new HashSet<>();
        for (int n = 0; n < k; n++) {
            int i = detail.nextInt(registered);
            if (!picked.add(i)) {
                continue;
            }
            int field = CustomerProfiles.CHANGEABLE[weighted(CustomerProfiles.CHANGE_WEIGHTS)];
            if (field == CustomerProfiles.NAME && !pop.isOrganisation(i)) {
                field = CustomerProfiles.PHONE; // people keep their names here
            }
            versions[i] = CustomerProfiles.bump(versions[i], field);
            String channel = acquisition[i] < 0 ? Vocabulary.REFERRAL : Vocabulary.ACQUISITION[acquisition[i]];
            profiles.fill(i, versions[i], channel, text.date(pop.regDay[i]), cust);
            mess.write(ExportKind.CUSTOMERS, out.next(ExportKind.CUSTOMERS), cust, false);
            customerChanges++;
        }
    }

    // ---------------------------------------------------------------- transactions

    private void purchase(int i, int day, double t) throws IOException {
        if (purchases[i] == 0) {
            firstPurchaseDay[i] = day;
            buyers[buyerCount++] = i;
        }
        life.state = pop.lifeState[i];
        process.step(i, t, unresolvedComplaint[i], life, step);
        pop.lifeState[i] = life.state;
        purchases[i]++;

        int category = detail.nextDouble() < 0.6 ? pop.favouriteCategory[i] : detail.nextInt(Vocabulary.CATEGORY_EN.length);
        long cents = sale(i, day, category);
        if (step.lines == 2) {
            sale(i, day, (category + 1 + detail.nextInt(Vocabulary.CATEGORY_EN.length - 1)) % Vocabulary.CATEGORY_EN.length);
        }
        if (step.refund) {
            calendar.add(day + step.refundDelay, i, EventCalendar.REFUND, cents << 8 | category);
        }
        if (step.complaint) {
            calendar.add(day + 1 + detail.nextInt(10), i, EventCalendar.COMPLAINT, step.unresolved ? 1 : 0);
        }
        unresolvedComplaint[i] |= step.unresolved;
        if (detail.nextDouble() < 0.06) {
            calendar.add(day + 3 + detail.nextInt(14), i, EventCalendar.FEEDBACK, 0);
        }
        if (detail.nextDouble() < (pop.isOrganisation(i) ? 0.20 : 0.04)) {
            calendar.add(day + 1 + detail.nextInt(30), i, EventCalendar.CONTACT, 0);
        }
        if (detail.nextDouble() < 0.03) {
            calendar.add(day + 1 + detail.nextInt(20), i, EventCalendar.SERVICE_TICKET, 0);
        }
        if (!step.dropped && step.nextTime < totalDays) {
            calendar.add((int) step.nextTime, i, EventCalendar.PURCHASE, Double.doubleToRawLongBits(step.nextTime));
        }
    }

    /** Writes one sale line; returns its amount in cents. */
    private long sale(int i, int day, int category) throws IOException {
        int nature = pop.nature[i];
        long cents = detail.nextDouble() < 0.003 ? 0
                : Math.max(100, Math.round(pop.spendCents[i] * Math.exp(0.5 * normal() - 0.125)));
        long unit = Math.max(100, Math.round(Vocabulary.UNIT_PRICE_CENTS[category] * (0.7 + 0.6 * detail.nextDouble())));
        long quantity = Math.max(1, Math.min(9999, Math.round((double) cents / unit)));
        tx[0] = Text.id('T', ++txSeq, 8);
        tx[1] = Text.customerId(i);
        tx[2] = text.date(day);
        tx[3] = Text.money(cents);
        tx[4] = TX_TYPES[0];
        tx[5] = Long.toString(quantity);
        tx[6] = detail.nextDouble() < 0.10 ? "" : Text.money(Math.round(cents * (0.55 + 0.30 * detail.nextDouble())));
        tx[7] = categoryLabel(i, category);
        tx[8] = Vocabulary.SALES_CHANNELS[weighted(SALES_CHANNEL_WEIGHTS[nature])];
        if (nature == GOVERNMENT || nature == ENTERPRISE || nature == PARTNER) {
            int due = day + 30;
            tx[9] = text.date(due);
            double u = detail.nextDouble();
            int drawn = u < 0.03 ? NEVER // never paid
                    : due + (u < 0.58 ? detail.nextInt(4) : u < 0.93 ? 4 + detail.nextInt(27) : 31 + detail.nextInt(60));
            int paid = paidDay(payer(i), drawn, due);
            tx[10] = paid <= exportDay ? text.date(paid) : "";
            MessKind messed = mess.write(ExportKind.TRANSACTIONS, out.next(ExportKind.TRANSACTIONS), tx, true);
            // Exported unpaid: the exporting system sends the line again on the day it is paid (unless the
            // first export was garbled: then there is no clean line for the news to be about).
            boolean cleanCopy = messed == null || messed == MessKind.DUPLICATE_ROW
                    || messed == MessKind.DUPLICATE_KEY_CONFLICT;
            if (paid > exportDay && paid < totalDays && cleanCopy) {
                String[] again = tx.clone();
                again[10] = text.date(paid);
                paidLater.computeIfAbsent(paid, d -> new ArrayList<>()).add(again);
            }
            return cents;
        } else {
            tx[9] = "";
            tx[10] = text.date(day);
        }
        mess.write(ExportKind.TRANSACTIONS, out.next(ExportKind.TRANSACTIONS), tx, true);
        return cents;
    }

    private void refund(int i, int day, long payload) throws IOException {
        long original = payload >>> 8;
        int category = (int) (payload & 0xFF);
        long cents = detail.nextDouble() < 0.6 ? original : Math.round(original * (0.2 + 0.6 * detail.nextDouble()));
        tx[0] = Text.id('T', ++txSeq, 8);
        tx[1] = Text.customerId(i);
        tx[2] = text.date(day);
        tx[3] = Text.money(detail.nextBoolean() ? cents : -cents);
        tx[4] = TX_TYPES[1];
        tx[5] = "";
        tx[6] = "";
        tx[7] = categoryLabel(i, category);
        tx[8] = Vocabulary.SALES_CHANNELS[weighted(SALES_CHANNEL_WEIGHTS[pop.nature[i]])];
        tx[9] = "";
        tx[10] = text.date(day);
        mess.write(ExportKind.TRANSACTIONS, out.next(ExportKind.TRANSACTIONS), tx, false);
    }

    private String categoryLabel(int i, int category) {
        return pop.has(i, CHINESE_LABELS) ? Vocabulary.CATEGORY_ZH[category] : Vocabulary.CATEGORY_EN[category];
    }

    // ---------------------------------------------------------------- interactions

    private static final int ENQUIRY = 0;
    private static final int VISIT = 1;
    private static final int CALL = 2;
    private static final int COMPLAINT = 3;
    private static final int TICKET = 4;
    private static final int FEEDBACK = 5;

    private void enquiry(int i, int day) throws IOException {
        long received = receivedAt(day);
        double u = detail.nextDouble();
        long response = u < 0.85 ? received + 600 + detail.nextInt(20 * HOUR)
                : u < 0.95 ? received + 24 * HOUR + detail.nextInt(48 * HOUR) : -1;
        long resolved = response >= 0 && detail.nextDouble() < 0.7 ? response : -1;
        int topic = detail.nextInt(Vocabulary.ENQUIRY_EN.length);
        String category = topic == 0 || topic == 2 ? "price" : detail.nextBoolean() ? "other" : "service";
        boolean zh = pop.has(i, CHINESE_STYLE);
        interaction(i, ENQUIRY, Vocabulary.CONTACT_CHANNELS[detail.nextInt(4)], category, received, response, resolved,
                0, zh ? Vocabulary.ENQUIRY_ZH[topic] : Vocabulary.ENQUIRY_EN[topic],
                zh ? Vocabulary.ENQUIRY_ANSWER_ZH[topic] : Vocabulary.ENQUIRY_ANSWER_EN[topic]);
    }

    private void contact(int i, int day) throws IOException {
        boolean visit = pop.isOrganisation(i) ? detail.nextBoolean() : detail.nextDouble() < 0.2;
        boolean zh = pop.has(i, CHINESE_STYLE);
        String[] texts = visit ? (zh ? Vocabulary.VISIT_ZH : Vocabulary.VISIT_EN) : (zh ? Vocabulary.CALL_ZH : Vocabulary.CALL_EN);
        interaction(i, visit ? VISIT : CALL, visit ? "in_person" : "phone", "other", receivedAt(day), -1, -1, 0,
                texts[detail.nextInt(texts.length)], "");
    }

    private void complaint(int i, int day, boolean unresolved) throws IOException {
        int category = weighted(COMPLAINT_CATEGORY_WEIGHTS);
        long received = receivedAt(day);
        long response;
        long resolved;
        if (unresolved) {
            response = detail.nextBoolean() ? -1 : received + HOUR + detail.nextInt(72 * HOUR);
            resolved = -1;
        } else {
            response = detail.nextDouble() < 0.72 ? received + 300 + detail.nextInt(23 * HOUR)
                    : received + 24 * HOUR + 60 + detail.nextInt(96 * HOUR);
            resolved = response + HOUR + detail.nextInt(7 * DAY);
        }
        boolean zh = pop.has(i, CHINESE_STYLE);
        String[] texts = (zh ? Vocabulary.COMPLAINT_ZH : Vocabulary.COMPLAINT_EN)[category];
        String resolution = (zh ? Vocabulary.RESOLUTION_ZH : Vocabulary.RESOLUTION_EN)[category];
        interaction(i, COMPLAINT, Vocabulary.CONTACT_CHANNELS[detail.nextInt(4)], Vocabulary.COMPLAINT_CATEGORIES[category],
                received, response, resolved, 0, texts[detail.nextInt(texts.length)], resolution);
        if (detail.nextBoolean()) {
            calendar.add(day + 2 + detail.nextInt(10), i, EventCalendar.FEEDBACK, unresolved ? 2 : 1);
        }
    }

    private void serviceTicket(int i, int day) throws IOException {
        long received = receivedAt(day);
        long response = received + (detail.nextDouble() < 0.8 ? 600 + detail.nextInt(22 * HOUR)
                : 24 * HOUR + 60 + detail.nextInt(72 * HOUR));
        long resolved = response + 2 * HOUR + detail.nextInt(5 * DAY);
        int topic = detail.nextInt(Vocabulary.TICKET_EN.length);
        boolean zh = pop.has(i, CHINESE_STYLE);
        interaction(i, TICKET, Vocabulary.CONTACT_CHANNELS[detail.nextInt(4)], topic == 2 ? "other" : topic == 1 ? "quality" : "service",
                received, response, resolved, 0, zh ? Vocabulary.TICKET_ZH[topic] : Vocabulary.TICKET_EN[topic],
                zh ? Vocabulary.TICKET_DONE_ZH[topic] : Vocabulary.TICKET_DONE_EN[topic]);
    }

    /** @param mood 0 ordinary, 1 after a resolved complaint, 2 after an unresolved one */
    private void feedback(int i, int day, int mood) throws IOException {
        int satisfaction = 1 + weighted(SATISFACTION_WEIGHTS[mood]);
        boolean zh = pop.has(i, CHINESE_STYLE);
        String[] texts = satisfaction >= 4 ? (zh ? Vocabulary.FEEDBACK_GOOD_ZH : Vocabulary.FEEDBACK_GOOD_EN)
                : (zh ? Vocabulary.FEEDBACK_POOR_ZH : Vocabulary.FEEDBACK_POOR_EN);
        String category = mood > 0 ? "service" : detail.nextBoolean() ? "other" : "quality";
        interaction(i, FEEDBACK, new String[] {"web", "wechat", "email"}[detail.nextInt(3)], category,
                receivedAt(day), -1, -1, satisfaction, texts[detail.nextInt(texts.length)], "");
    }

    /** Mostly office hours, some at any time of day. */
    private long receivedAt(int day) {
        int second = detail.nextDouble() < 0.9 ? 8 * HOUR + detail.nextInt(11 * HOUR) : detail.nextInt(DAY);
        return (long) day * DAY + second;
    }

    /**
     * Writes an interaction as the export of its delivery sees it: answers and resolutions that happen
     * after the delivery's day are not known yet and stay empty (still open).
     */
    private void interaction(int i, int type, String channel, String category, long received, long response,
                             long resolved, int satisfaction, String summary, String resolution) throws IOException {
        long cutoff = (long) (exportDay + 1) * DAY;
        if (response >= cutoff) {
            response = -1;
        }
        if (resolved >= cutoff || response < 0 && type != VISIT && type != CALL && type != FEEDBACK) {
            resolved = -1;
        }
        ix[0] = Text.id('I', ++ixSeq, 8);
        ix[1] = Text.customerId(i);
        ix[2] = (pop.has(i, CHINESE_LABELS) ? Vocabulary.INTERACTION_ZH : Vocabulary.INTERACTION_EN)[type];
        ix[3] = channel;
        ix[4] = category;
        ix[5] = text.timestamp(received);
        ix[6] = response < 0 ? "" : text.timestamp(response);
        ix[7] = resolved < 0 ? "" : text.timestamp(resolved);
        ix[8] = satisfaction == 0 ? "" : Integer.toString(satisfaction);
        ix[9] = summary;
        ix[10] = resolved < 0 ? "" : resolution;
        mess.write(ExportKind.INTERACTIONS, out.next(ExportKind.INTERACTIONS), ix, false);
    }

    // ---------------------------------------------------------------- helpers

    private int weighted(double[] weights) {
        double u = detail.nextDouble();
        for (int k = 0; k < weights.length; k++) {
            u -= weights[k];
            if (u < 0) {
                return k;
            }
        }
        return weights.length - 1;
    }

    private double normal() {
        double u1 = 1.0 - detail.nextDouble();
        double u2 = detail.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** No paid date. */
    private static final int NEVER = Integer.MAX_VALUE;

    /** Payment habits of the organisations buying on credit terms: a customer keeps theirs. */
    static final int PUNCTUAL = 0;
    static final int SOMETIMES_LATE = 1;
    static final int CHRONICALLY_LATE = 2;
    static final int NON_PAYER = 3;

    /**
     * Customer i's payment habit, fixed per customer (from a hash, so no random stream is consumed):
     * 70% pay on time, 20% sometimes late, 7% chronically late, 3% stop paying.
     */
    int payer(int i) {
        double h = (ReplayableRandom.seedFor(settings.seed(), STREAM_PAYER, i) >>> 11) * 0x1.0p-53;
        return h < 0.70 ? PUNCTUAL : h < 0.90 ? SOMETIMES_LATE : h < 0.97 ? CHRONICALLY_LATE : NON_PAYER;
    }

    /**
     * The paid day of a line due on {@code due}, from the line's draw ({@code drawn}: a day on or after
     * the due date, or NEVER) shaped by the customer's habit: punctual customers pay up to a week
     * early, the sometimes-late as drawn (mostly within days, some weeks late, a few never), the
     * chronically late 30–89 days late, non-payers never.
     */
    static int paidDay(int habit, int drawn, int due) {
        int late = drawn == NEVER ? -1 : drawn - due;
        return switch (habit) {
            case PUNCTUAL -> due - (late < 0 ? 0 : late % 8);
            case SOMETIMES_LATE -> drawn;
            case CHRONICALLY_LATE -> late < 0 ? NEVER : due + 30 + late % 60;
            default -> NEVER;
        };
    }

    /** Lines exported unpaid, by the day they are paid (re-exported on that day's drop). */
    private final java.util.TreeMap<Integer, List<String[]>> paidLater = new java.util.TreeMap<>();
    private long paymentUpdateRows;
    private static final long STREAM_PAYER = 9;

    /** Writes the lines paid on {@code day} again, now with their paid date (never messed up). */
    private void reexportPaid(int day) throws IOException {
        List<String[]> lines = paidLater.remove(day);
        if (lines == null) {
            return;
        }
        for (String[] line : lines) {
            out.next(ExportKind.TRANSACTIONS).writeRow(line, line.length);
            paymentUpdateRows++;
        }
    }

    private GenerationSummary summary() {
        long[] rows = new long[ExportKind.values().length];
        for (DropOutput.FileStat f : files) {
            rows[f.kind().ordinal()] += f.rows();
        }
        int leads = 0;
        for (int i = 0; i < pop.size; i++) {
            if (purchases[i] == 0) {
                leads++;
            }
        }
        java.util.TreeMap<String, Long> byKind = new java.util.TreeMap<>();
        long[] perMess = new long[MessKind.values().length];
        for (ExportKind k : ExportKind.values()) {
            for (MessKind m : MessKind.values()) {
                long c = mess.count(k, m);
                byKind.put(GenerationSummary.key(k, m), c);
                perMess[m.ordinal()] += c;
            }
        }
        return new GenerationSummary(rows[0], rows[1], rows[2], rows[3], pop.size, leads, customerChanges,
                perMess[MessKind.DUPLICATE_ROW.ordinal()], perMess[MessKind.BAD_DATE.ordinal()],
                perMess[MessKind.BAD_AMOUNT.ordinal()], perMess[MessKind.NEGATIVE_SALE.ordinal()],
                perMess[MessKind.UNKNOWN_CUSTOMER.ordinal()], perMess[MessKind.MISSING_CUSTOMER_ID.ordinal()],
                perMess[MessKind.WRONG_COLUMN_COUNT.ordinal()], perMess[MessKind.DUPLICATE_KEY_CONFLICT.ordinal()],
                byKind, files.size(), paymentUpdateRows);
    }
}
