package com.clientele.reports;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/** Customer archive cards (客户档案卡): one page per key or A-grade customer. */
final class CustomerCards {

  static final int HISTORY_MONTHS = 24;
  static final int SERVICE_ROWS = 8;
  static final int FEEDBACK_ROWS = 5;
  static final int REFERRAL_ROWS = 8;

  private CustomerCards() {}

  static void render(List<CustomerCard> cards, boolean personalData, ReportContext ctx, Path pdf) {
    Fill fill = prepare(cards, personalData, ctx);
    PackRenderer.write(fill.report(), fill.parameters(), fill.data(), pdf);
  }

  /** The cards laid out on their pages, before export: what the layout checks read. */
  static net.sf.jasperreports.engine.JasperPrint print(List<CustomerCard> cards, boolean personalData,
      ReportContext ctx) throws net.sf.jasperreports.engine.JRException {
    Fill fill = prepare(cards, personalData, ctx);
    return PackRenderer.fill(fill.report(), fill.parameters(), fill.data());
  }

  private record Fill(net.sf.jasperreports.engine.JasperReport report, Map<String, Object> parameters,
      JRMapCollectionDataSource data) {}

  private static Fill prepare(List<CustomerCard> cards, boolean personalData, ReportContext ctx) {
    Fmt fmt = ctx.fmt();
    List<Map<String, ?>> records = new ArrayList<>();
    for (CustomerCard card : cards) {
      records.add(record(card, personalData, ctx, fmt));
    }
    Map<String, Object> parameters = PackRenderer.baseParameters(ctx, fmt);
    parameters.putAll(PackRenderer.frameParameters(ReportKind.CUSTOMER_CARDS, ctx, fmt));
    parameters.put("EMPTY_NOTE", fmt.message("card.none", fmt.date(ctx.asOfDate())));
    parameters.put("HISTORY_CHART", Templates.compiled(Templates.CARD_HISTORY_CHART));
    parameters.put("SERVICE_RECORDS", Templates.compiled(Templates.CARD_SERVICE_RECORDS));
    parameters.put("FEEDBACK", Templates.compiled(Templates.CARD_FEEDBACK));
    parameters.put("REFERRALS", Templates.compiled(Templates.CARD_REFERRALS));
    return new Fill(Templates.compiled(Templates.CARDS), parameters, new JRMapCollectionDataSource(records));
  }

  /** A card's record; real name and contact data only when asked for and present. */
  static Map<String, Object> record(CustomerCard card, boolean personalData, ReportContext ctx, Fmt fmt) {
    Map<String, Object> r = new HashMap<>(card.profile());
    boolean personal = personalData && card.personal() != null;
    r.put("is_personal", personal);
    r.put("card_name", personal && card.personal().name() != null ? card.personal().name()
        : String.valueOf(card.profile().get("display_name_masked")));
    r.put("phone", personal ? card.personal().phone() : fmt.text("card.withheld"));
    r.put("email", personal ? card.personal().email() : fmt.text("card.withheld"));
    r.put("address", personal ? card.personal().address() : fmt.text("card.withheld"));
    r.put("referred_by_name", card.referredByName() == null ? fmt.text("card.not_referred") : card.referredByName());
    Map<String, Object> value = card.lifetimeValue();
    boolean predicted = value != null && value.get("clv") != null;
    r.put("has_lifetime_value", predicted);
    for (String column : List.of("p_alive", "expected_purchases_90d", "expected_purchases_365d", "clv")) {
      r.put(column, predicted ? value.get(column) : null);
    }
    r.put("clv_horizon_months", predicted && value.get("horizon_months") != null ? value.get("horizon_months") : "—");
    List<Map<String, Object>> history = new ArrayList<>();
    for (Map<String, Object> m : Rows.lastMonths(card.monthlyRevenue(), ctx.month(), HISTORY_MONTHS)) {
      history.add(Rows.row("category", fmt.monthShort(m.get("month_start")), "value", Rows.number(m, "revenue")));
    }
    r.put("history", history);
    r.put("service_records", card.serviceRecords().stream().limit(SERVICE_ROWS).map(s -> Rows.with(s,
        "response_hours", hours(s.get("received_at"), s.get("first_response_at")),
        "resolution_hours", hours(s.get("received_at"), s.get("resolved_at")))).toList());
    r.put("feedback", card.feedback().stream().limit(FEEDBACK_ROWS).toList());
    r.put("referrals", card.referrals().stream().limit(REFERRAL_ROWS).toList());
    return r;
  }

  static Double hours(Object from, Object to) {
    if (from == null || to == null) {
      return null;
    }
    return Duration.between((LocalDateTime) from, (LocalDateTime) to).toMinutes() / 60.0;
  }
}
