package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every customer's summary as of the as-of date, computed from their silver.customer_state row in
 * one pass, partition by partition — no shuffle, since the state already holds each customer's
 * archive versions, days and interactions together:
 * <ul>
 *   <li>the archive: the version valid at the as-of date (valid_from ≤ as-of &lt; valid_to), or —
 *       for a customer whose archive starts later (an initial export delivering years of history in
 *       today's file) — their earliest version; {@code exists}: a version starts on or before the
 *       as-of date, or the registered_date, a transaction or an interaction does (referrals, the last
 *       kind of evidence, are checked by {@link CustomerFacts});</li>
 *   <li>the purchase facts, months and lifecycle events of {@link PurchaseHistory};</li>
 *   <li>the service facts and months of {@link ServiceHistory}; each lost event carries the
 *       categories of the complaints that preceded it.</li>
 * </ul>
 * A row is emitted for every customer with an archive version, and for any key with transaction
 * lines up to the as-of date (their days count in the monthly tables).
 *
 * <p>The frame: customer_key, is_customer, exists, the archive columns, the purchase and service facts
 * (dates as DATE, amounts as DECIMAL(18,2)), first_year_revenue, retained_6m, retained_12m, and three
 * arrays kept in epoch days and cents for aggregation: {@code months} (month_day, purchase_days,
 * sales_cents, revenue_cents, old_revenue_cents, is_new, is_repeat, is_retained, is_won_back),
 * {@code events} (event, event_day, purchase_day, annual_value_cents, complaint_categories) and
 * {@code service_months} (month_day, satisfaction_responses, satisfaction_sum, complaints,
 * answered_in_time, resolution_hours); and the lifetime-value models' input, lifetimes' RFM summary
 * of the purchase days ({@link RfmSummary#ofDays}: clv_frequency, clv_recency, clv_age = T,
 * clv_monetary_value; null for a customer without a purchase by the as-of date); and the customer's
 * receivables and trailing-year payment record ({@link Receivables}: credit_lines, open_receivable, the
 * ageing buckets not_yet_due and past_due_*, overdue_amount, overdue_lines, max_days_past_due,
 * lines_due_12m, on_time_12m, days_late_12m, credit_sales_12m; null without a line on credit terms) with
 * {@code credit_months}, the customer's receivables month by month ({@link Receivables#months}, cents;
 * empty without a line on credit terms); and, for the credit follow-up list's comparison date B =
 * as-of − follow-up.compare-days, {@code last_purchase_day_before} (epoch day of the last purchase by
 * B) and {@code credit_before} (what gold.customer_credit reads as of B, in cents and epoch days; null
 * without a line on credit terms dated by B), computed by the same rules at B.
 */
public final class CustomerSummaries {

  private CustomerSummaries() {}

  static final String MONTHS = "months";
  static final String EVENTS = "events";
  static final String SERVICE_MONTHS = "service_months";
  static final String CREDIT_MONTHS = "credit_months";
  static final String CARE_COMPLAINTS = "care_complaints";
  /** Epoch day of the last purchase by the follow-up list's comparison date (as-of − follow-up.compare-days). */
  static final String LAST_PURCHASE_DAY_BEFORE = "last_purchase_day_before";
  /** The receivables and purchase facts gold.customer_credit needs as of that comparison date (raw: cents, days). */
  static final String CREDIT_BEFORE = "credit_before";

  /** What the Java pass emits: dates as epoch days, amounts in cents (converted by {@link #typed}). */
  private static final StructType RAW = StructType.fromDDL(
      "customer_key STRING, is_customer BOOLEAN, exists BOOLEAN, display_name_masked STRING, nature STRING, "
          + "nature_label STRING, industry STRING, region STRING, acquisition_channel STRING, registered_day INT, "
          + "first_transaction_day INT, last_transaction_day INT, first_purchase_day INT, "
          + "last_purchase_day INT, purchase_count BIGINT, refund_count BIGINT, purchase_days BIGINT, "
          + "purchase_days_12m BIGINT, sales_cents BIGINT, refund_cents BIGINT, total_cents BIGINT, "
          + "amount_12m_cents BIGINT, amount_prior_12m_cents BIGINT, profit_cents BIGINT, profit_12m_cents BIGINT, "
          + "costed_sales_cents BIGINT, value_at_stake_cents BIGINT, last_win_back_day INT, "
          + "first_year_revenue_cents BIGINT, retained_6m BOOLEAN, retained_12m BOOLEAN, "
          + "complaint_count BIGINT, open_complaint_count BIGINT, complaints_answered_in_time BIGINT, "
          + "median_resolution_hours DOUBLE, satisfaction_responses BIGINT, average_satisfaction DOUBLE, "
          + "last_enquiry_day INT, "
          + "months ARRAY<STRUCT<month_day: INT, purchase_days: INT, sales_cents: BIGINT, revenue_cents: BIGINT, "
          + "old_revenue_cents: BIGINT, is_new: BOOLEAN, is_repeat: BOOLEAN, is_retained: BOOLEAN, "
          + "is_won_back: BOOLEAN>>, "
          + "events ARRAY<STRUCT<event: STRING, event_day: INT, purchase_day: INT, annual_value_cents: BIGINT, "
          + "complaint_categories: ARRAY<STRING>>>, "
          + "service_months ARRAY<STRUCT<month_day: INT, satisfaction_responses: BIGINT, satisfaction_sum: BIGINT, "
          + "complaints: BIGINT, answered_in_time: BIGINT, resolution_hours: ARRAY<DOUBLE>>>, "
          + "clv_frequency DOUBLE, clv_recency DOUBLE, clv_age DOUBLE, clv_monetary_value DOUBLE, "
          + "credit_lines BIGINT, open_receivable_cents BIGINT, not_yet_due_cents BIGINT, past_due_1_30_cents BIGINT, "
          + "past_due_31_60_cents BIGINT, past_due_61_90_cents BIGINT, past_due_over_90_cents BIGINT, "
          + "overdue_cents BIGINT, overdue_lines BIGINT, max_days_past_due INT, lines_due_12m BIGINT, "
          + "on_time_12m BIGINT, days_late_12m BIGINT, credit_sales_12m_cents BIGINT, "
          + "credit_months ARRAY<STRUCT<month_day: INT, measured_day: INT, open_cents: BIGINT, not_yet_due_cents: BIGINT, "
          + "past_due_1_30_cents: BIGINT, past_due_31_60_cents: BIGINT, past_due_61_90_cents: BIGINT, "
          + "past_due_over_90_cents: BIGINT, overdue_cents: BIGINT, open: BOOLEAN, overdue: BOOLEAN, sales_cents: BIGINT, "
          + "collected_cents: BIGINT>>, "
          + "birth_month_day STRING, founding_month_day STRING, last_contact_day INT, "
          + "care_complaints ARRAY<STRUCT<interaction_id: STRING, category: STRING, resolved_day: INT>>, "
          + "vip_reached_day INT, last_purchase_day_before INT, "
          + "credit_before STRUCT<display_name_masked: STRING, nature: STRING, first_purchase_day: INT, "
          + "purchase_days_12m: BIGINT, amount_12m_cents: BIGINT, amount_prior_12m_cents: BIGINT, credit_lines: BIGINT, "
          + "open_receivable_cents: BIGINT, not_yet_due_cents: BIGINT, past_due_1_30_cents: BIGINT, "
          + "past_due_31_60_cents: BIGINT, past_due_61_90_cents: BIGINT, past_due_over_90_cents: BIGINT, "
          + "overdue_cents: BIGINT, overdue_lines: BIGINT, max_days_past_due: INT, lines_due_12m: BIGINT, "
          + "on_time_12m: BIGINT, days_late_12m: BIGINT, credit_sales_12m_cents: BIGINT>");

  /** The summaries as of {@code asOf} of the state rows (silver.customer_state columns). */
  public static Dataset<Row> compute(Dataset<Row> state, LocalDate asOf, AnalyticsSettings settings) {
    int day = (int) asOf.toEpochDay();
    PurchaseHistory.Horizons horizons = PurchaseHistory.Horizons.of(settings);
    ServiceHistory.Settings service = ServiceHistory.Settings.of(settings);
    RfmSummary.TimeUnit unit = settings.clv().timeUnit();
    int trailing = settings.trailingYearDays();
    CareCalendar.Settings care = CareCalendar.Settings.of(settings);
    int before = day - settings.credit().followUpCompareDays();
    Dataset<Row> input = state.select(col("customer_key"),
        expr("transform(versions, v -> named_struct('valid_from', unix_date(v.valid_from), "
            + "'valid_to', unix_date(v.valid_to), 'display_name_masked', v.display_name_masked, 'nature', v.nature, "
            + "'nature_label', v.nature_label, 'industry', v.industry, 'region', v.region, "
            + "'acquisition_channel', v.acquisition_channel, 'registered_date', unix_date(v.registered_date), "
            + "'birth_month_day', v.birth_month_day, 'founding_month_day', v.founding_month_day))")
            .as("versions"),
        expr("transform(activity_dates, d -> unix_date(d))").as("days"),
        col("purchase_lines"), col("refund_lines"), col("sales_cents"), col("refund_cents"),
        col("costed_sales_cents"), col("profit_cents"),
        expr("transform(interactions, i -> named_struct('received', unix_micros(i.received_at), "
            + "'type', i.interaction_type, 'category', i.category, 'response', unix_micros(i.first_response_at), "
            + "'resolved', unix_micros(i.resolved_at), 'satisfaction', i.satisfaction, 'id', i.interaction_id))")
            .as("interactions"),
        expr("transform(coalesce(invoices, array()), i -> unix_date(i.transaction_date))").as("invoice_days"),
        expr("transform(coalesce(invoices, array()), i -> unix_date(i.payment_due_date))").as("invoice_dues"),
        expr("transform(coalesce(invoices, array()), i -> coalesce(unix_date(i.paid_date), " + Receivables.UNPAID
            + "))").as("invoice_paid"),
        expr("transform(coalesce(invoices, array()), i -> i.amount_cents)").as("invoice_cents"));
    // Spark's internal rows both ways: the state's rows are read as they are stored and the summaries
    // are built as internal rows, so neither side goes through Row conversion (encoding the nested
    // arrays of Java rows was 12% of a 10M gold build's executor time).
    JavaRDD<InternalRow> rows = input.queryExecution().toRdd().toJavaRDD();
    JavaRDD<InternalRow> summaries = rows.mapPartitions(in -> new Iterator<InternalRow>() {
      private InternalRow next = advance();

      private InternalRow advance() {
        while (in.hasNext()) {
          InternalRow out = summarise(in.next(), day, before, horizons, service, unit, trailing, care);
          if (out != null) {
            return out;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public InternalRow next() {
        InternalRow out = next;
        next = advance();
        return out;
      }
    });
    return typed(input.sparkSession().internalCreateDataFrame(summaries.rdd(), RAW, false));
  }

  private static final int VERSION_FIELDS = 11;
  private static final int INTERACTION_FIELDS = 7;

  /**
   * One customer's summary row (the {@link #RAW} columns), or null when the key has neither an
   * archive version nor days up to the as-of date. The input row may be reused by Spark once the next
   * row is read, so every string kept is copied.
   */
  private static InternalRow summarise(InternalRow r, int asOf, int before, PurchaseHistory.Horizons horizons,
      ServiceHistory.Settings settings, RfmSummary.TimeUnit unit, int trailingDays, CareCalendar.Settings care) {
    InternalRow picked = pick(r.getArray(1), asOf);
    PurchaseHistory.Days days = new PurchaseHistory.Days(r.getArray(2).toIntArray(), r.getArray(3).toIntArray(),
        r.getArray(4).toIntArray(), r.getArray(5).toLongArray(), r.getArray(6).toLongArray(),
        r.getArray(7).toLongArray(), r.getArray(8).toLongArray());
    PurchaseHistory.Summary p = PurchaseHistory.summarise(days, asOf, horizons);
    if (picked == null && p == null) {
      return null;
    }
    ArrayData contacts = r.getArray(9);
    int contactCount = contacts.numElements();
    List<ServiceHistory.Interaction> interactions = new ArrayList<>(contactCount);
    String[] ids = new String[contactCount];
    String[] types = new String[contactCount];
    String[] contactCategories = new String[contactCount];
    Long[] resolvedKnown = new Long[contactCount];
    long[] received = new long[contactCount];
    long cutoff = (asOf + 1L) * CareCalendar.MICROS_PER_DAY;
    for (int n = 0; n < contactCount; n++) {
      InternalRow i = contacts.getStruct(n, INTERACTION_FIELDS);
      interactions.add(new ServiceHistory.Interaction(i.getLong(0), string(i, 1), string(i, 2),
          i.isNullAt(3) ? null : i.getLong(3), i.isNullAt(4) ? null : i.getLong(4),
          i.isNullAt(5) ? null : i.getInt(5)));
      received[n] = i.getLong(0);
      ids[n] = string(i, 6);
      types[n] = string(i, 1);
      contactCategories[n] = string(i, 2);
      // Known at the end of the as-of day: received and resolved by then.
      resolvedKnown[n] = i.getLong(0) < cutoff && !i.isNullAt(4) && i.getLong(4) < cutoff ? i.getLong(4) : null;
    }
    ServiceHistory.Summary s = ServiceHistory.summarise(interactions, asOf, settings);
    boolean started = picked != null && picked.getInt(0) <= asOf;
    boolean registered = picked != null && !picked.isNullAt(8) && picked.getInt(8) <= asOf;
    boolean exists = started || registered || p != null || !s.known().isEmpty();

    Object[] months = new Object[p == null ? 0 : p.months().size()];
    Object[] events = new Object[p == null ? 0 : p.events().size()];
    if (p != null) {
      for (int i = 0; i < months.length; i++) {
        PurchaseHistory.Month m = p.months().get(i);
        months[i] = new GenericInternalRow(new Object[] {m.monthStart(), m.purchaseDays(), m.sales(), m.revenue(),
            m.oldCustomerRevenue(), m.isNew(), m.isRepeat(), m.isRetained(), m.isWonBack()});
      }
      for (int i = 0; i < events.length; i++) {
        PurchaseHistory.Event e = p.events().get(i);
        List<String> categories = e.event().equals(PurchaseHistory.LOST)
            ? ServiceHistory.complaintCategoriesBefore(s.known(), e.eventDate(), settings) : List.of();
        Object[] names = new Object[categories.size()];
        for (int c = 0; c < names.length; c++) {
          names[c] = UTF8String.fromString(categories.get(c));
        }
        events[i] = new GenericInternalRow(new Object[] {UTF8String.fromString(e.event()), e.eventDate(),
            e.purchaseDate(), e.annualValue(), new GenericArrayData(names)});
      }
    }
    Object[] serviceMonths = new Object[s.months().size()];
    for (int i = 0; i < serviceMonths.length; i++) {
      ServiceHistory.Month m = s.months().get(i);
      serviceMonths[i] = new GenericInternalRow(new Object[] {m.monthStart(), m.satisfactionResponses(),
          m.satisfactionSum(), m.complaints(), m.answeredInTime(), new GenericArrayData(m.resolutionHours())});
    }
    Object[] values = new Object[RAW.size()];
    int k = 0;
    values[k++] = r.getUTF8String(0).clone();
    values[k++] = picked != null;
    values[k++] = exists;
    for (int i = 2; i <= 7; i++) {
      values[k++] = picked == null || picked.isNullAt(i) ? null : picked.getUTF8String(i).clone();
    }
    values[k++] = picked == null || picked.isNullAt(8) ? null : picked.getInt(8);
    if (p != null) {
      Object[] facts = {p.firstTransactionDate(), p.lastTransactionDate(), p.firstPurchaseDate(), p.lastPurchaseDate(),
          p.purchaseCount(), p.refundCount(), p.purchaseDays(), p.purchaseDays12m(), p.salesAmount(),
          p.refundAmount(), p.totalAmount(), p.amount12m(), p.amountPrior12m(), p.profitAmount(), p.profit12m(),
          p.costedSalesAmount(), p.valueAtStake(), p.lastWinBackDate(), p.firstYearRevenue(), p.retained6m(),
          p.retained12m()};
      System.arraycopy(facts, 0, values, k, facts.length);
    }
    k += 21;
    values[k++] = s.complaintCount();
    values[k++] = s.openComplaintCount();
    values[k++] = s.answeredInTime();
    values[k++] = s.medianResolutionHours();
    values[k++] = s.satisfactionResponses();
    values[k++] = s.averageSatisfaction();
    values[k++] = s.lastEnquiryDay();
    values[k++] = new GenericArrayData(months);
    values[k++] = new GenericArrayData(events);
    values[k++] = new GenericArrayData(serviceMonths);
    double[] rfm = RfmSummary.ofDays(days.dates(), days.purchaseLines(), days.sales(), asOf, unit);
    for (int i = 0; i < 4; i++) {
      values[k++] = rfm == null ? null : rfm[i];
    }
    Receivables.Summary c = Receivables.summarise(r.getArray(10).toIntArray(), r.getArray(11).toIntArray(),
        r.getArray(12).toIntArray(), r.getArray(13).toLongArray(), asOf, trailingDays);
    if (c != null) {
      Object[] credit = {c.creditLines(), c.openCents(), c.notDueCents(), c.pastDue1To30Cents(), c.pastDue31To60Cents(),
          c.pastDue61To90Cents(), c.pastDueOver90Cents(), c.overdueCents(), c.overdueLines(), c.maxDaysPastDue(),
          c.linesDue12m(), c.onTime12m(), c.daysLate12m(), c.creditSales12mCents()};
      System.arraycopy(credit, 0, values, k, credit.length);
      List<Receivables.Month> ms = Receivables.months(r.getArray(10).toIntArray(), r.getArray(11).toIntArray(),
          r.getArray(12).toIntArray(), r.getArray(13).toLongArray(), asOf);
      Object[] creditMonths = new Object[ms.size()];
      for (int i = 0; i < creditMonths.length; i++) {
        Receivables.Month m = ms.get(i);
        long[] b = m.bucketCents();
        creditMonths[i] = new GenericInternalRow(new Object[] {m.monthStart(), m.measuredOn(), m.openCents(), b[0], b[1],
            b[2], b[3], b[4], m.overdueCents(), m.open(), m.overdue(), m.salesCents(), m.collectedCents()});
      }
      values[k + credit.length] = new GenericArrayData(creditMonths);
    } else {
      values[k + 14] = new GenericArrayData(new Object[0]);
    }
    k += 15;
    values[k++] = picked == null || picked.isNullAt(9) ? null : picked.getUTF8String(9).clone();
    values[k++] = picked == null || picked.isNullAt(10) ? null : picked.getUTF8String(10).clone();
    values[k++] = CareCalendar.lastContactDay(days.dates(), received, asOf);
    List<CareCalendar.Complaint> toFollow = CareCalendar.complaintsToFollowUp(ids, types, contactCategories, resolvedKnown,
        asOf, care);
    Object[] complaints = new Object[toFollow.size()];
    for (int i = 0; i < complaints.length; i++) {
      CareCalendar.Complaint f = toFollow.get(i);
      complaints[i] = new GenericInternalRow(new Object[] {UTF8String.fromString(f.interactionId()),
          f.category() == null ? null : UTF8String.fromString(f.category()), f.resolvedDay()});
    }
    values[k++] = new GenericArrayData(complaints);
    values[k++] = p == null ? null : CareCalendar.vipTierReachedDay(days.dates(), netCents(days), asOf, care);
    values[k++] = PurchaseHistory.lastPurchaseDay(days, before);
    values[k++] = creditBefore(r, days, before, horizons, trailingDays);
    return new GenericInternalRow(values);
  }

  /**
   * What gold.customer_credit needs of the customer as of {@code before} (the follow-up list's
   * comparison date), by the same rules as the summary itself at that date, so that the earlier credit
   * snapshot costs no second read of the state: the {@code credit_before} struct, or null without a
   * line on credit terms dated by then. (A line on credit terms is a transaction line, so such a
   * customer has a day by then and exists then.)
   */
  private static InternalRow creditBefore(InternalRow r, PurchaseHistory.Days days, int before,
      PurchaseHistory.Horizons horizons, int trailingDays) {
    if (r.getArray(10).numElements() == 0) {
      return null;
    }
    Receivables.Summary c = Receivables.summarise(r.getArray(10).toIntArray(), r.getArray(11).toIntArray(),
        r.getArray(12).toIntArray(), r.getArray(13).toLongArray(), before, trailingDays);
    PurchaseHistory.Summary p = c == null ? null : PurchaseHistory.summarise(days, before, horizons);
    if (p == null) {
      return null;
    }
    InternalRow picked = pick(r.getArray(1), before);
    return new GenericInternalRow(new Object[] {
        picked == null || picked.isNullAt(2) ? null : picked.getUTF8String(2).clone(),
        picked == null || picked.isNullAt(3) ? null : picked.getUTF8String(3).clone(),
        p.firstPurchaseDate(), p.purchaseDays12m(), p.amount12m(), p.amountPrior12m(), c.creditLines(),
        c.openCents(), c.notDueCents(), c.pastDue1To30Cents(), c.pastDue31To60Cents(), c.pastDue61To90Cents(),
        c.pastDueOver90Cents(), c.overdueCents(), c.overdueLines(), c.maxDaysPastDue(), c.linesDue12m(),
        c.onTime12m(), c.daysLate12m(), c.creditSales12mCents()});
  }

  /** Each activity day's net revenue in cents (sales + refunds). */
  private static long[] netCents(PurchaseHistory.Days days) {
    long[] net = new long[days.dates().length];
    for (int i = 0; i < net.length; i++) {
      net[i] = days.net(i);
    }
    return net;
  }

  private static String string(InternalRow row, int ordinal) {
    return row.isNullAt(ordinal) ? null : row.getUTF8String(ordinal).toString();
  }

  /**
   * The version valid at the as-of date (the latest one started by then), else the earliest; null
   * without versions. Versions are in valid_from order.
   */
  static InternalRow pick(ArrayData versions, int asOf) {
    InternalRow latestStarted = null;
    int n = versions.numElements();
    for (int i = 0; i < n; i++) {
      InternalRow v = versions.getStruct(i, VERSION_FIELDS);
      if (v.getInt(0) <= asOf) {
        latestStarted = v;
      }
    }
    return latestStarted != null ? latestStarted : n == 0 ? null : versions.getStruct(0, VERSION_FIELDS);
  }

  /** The receivables' amounts: raw column (cents) and typed column (DECIMAL(18,2)), as {@link #typed} names them. */
  static final String[][] CREDIT_AMOUNTS = {{"open_receivable_cents", "open_receivable"},
      {"not_yet_due_cents", "not_yet_due"}, {"past_due_1_30_cents", "past_due_1_30"},
      {"past_due_31_60_cents", "past_due_31_60"}, {"past_due_61_90_cents", "past_due_61_90"},
      {"past_due_over_90_cents", "past_due_over_90"}, {"overdue_cents", "overdue_amount"},
      {"credit_sales_12m_cents", "credit_sales_12m"}};

  /** Dates and amounts in their table types; the arrays keep epoch days and cents for aggregation. */
  private static Dataset<Row> typed(Dataset<Row> raw) {
    List<Column> out = new ArrayList<>();
    for (String c : List.of("customer_key", "is_customer", "exists", "display_name_masked", "nature", "nature_label",
        "industry", "region", "acquisition_channel")) {
      out.add(col(c));
    }
    out.add(date_from_unix_date(col("registered_day")).as("registered_date"));
    for (String d : List.of("first_transaction", "last_transaction", "first_purchase", "last_purchase")) {
      out.add(date_from_unix_date(col(d + "_day")).as(d + "_date"));
    }
    for (String c : List.of("purchase_count", "refund_count", "purchase_days", "purchase_days_12m")) {
      out.add(col(c));
    }
    String[][] amounts = {{"sales_cents", "sales_amount"}, {"refund_cents", "refund_amount"},
        {"total_cents", "total_amount"}, {"amount_12m_cents", "amount_12m"},
        {"amount_prior_12m_cents", "amount_prior_12m"}, {"profit_cents", "profit_amount"},
        {"profit_12m_cents", "profit_12m"}, {"costed_sales_cents", "costed_sales_amount"},
        {"value_at_stake_cents", "value_at_stake"}, {"first_year_revenue_cents", "first_year_revenue"}};
    for (String[] a : amounts) {
      out.add(amount(col(a[0])).as(a[1]));
    }
    out.add(date_from_unix_date(col("last_win_back_day")).as("last_win_back_date"));
    for (String c : List.of("retained_6m", "retained_12m", "complaint_count", "open_complaint_count",
        "complaints_answered_in_time", "median_resolution_hours", "satisfaction_responses", "average_satisfaction")) {
      out.add(col(c));
    }
    out.add(date_from_unix_date(col("last_enquiry_day")).as("last_enquiry_date"));
    out.add(col(MONTHS));
    out.add(col(EVENTS));
    out.add(col(SERVICE_MONTHS));
    for (String c : List.of("clv_frequency", "clv_recency", "clv_age", "clv_monetary_value", "credit_lines")) {
      out.add(col(c));
    }
    for (String[] a : CREDIT_AMOUNTS) {
      out.add(amount(col(a[0])).as(a[1]));
    }
    for (String c : List.of("overdue_lines", "max_days_past_due", "lines_due_12m", "on_time_12m", "days_late_12m",
        CREDIT_MONTHS, "birth_month_day", "founding_month_day")) {
      out.add(col(c));
    }
    out.add(date_from_unix_date(col("last_contact_day")).as("last_contact_date"));
    out.add(expr("transform(care_complaints, c -> named_struct('interaction_id', c.interaction_id, "
        + "'category', c.category, 'resolved_date', date_from_unix_date(c.resolved_day)))").as(CARE_COMPLAINTS));
    out.add(date_from_unix_date(col("vip_reached_day")).as("vip_reached_date"));
    // The follow-up list's comparison date, kept raw (GoldTables.previousCredit reads them).
    out.add(col(LAST_PURCHASE_DAY_BEFORE));
    out.add(col(CREDIT_BEFORE));
    return raw.select(out.toArray(Column[]::new));
  }

  /** Cents → DECIMAL(18,2), exactly. */
  static Column amount(Column cents) {
    return cents.cast(DataTypes.createDecimalType(20, 0)).divide(lit(100))
        .cast(DataTypes.createDecimalType(18, 2));
  }
}
