package com.clientele.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * Renders the monthly management PDFs from plain gold data (no Spark here). Paths follow
 * {@code <out>/<YYYY-MM>/<report>-<locale>.pdf}.
 */
public final class ReportRenderer {

  private ReportRenderer() {}

  public static Path pathOf(Path outRoot, ReportKind kind, ReportContext ctx) {
    return outRoot.resolve(ctx.month().toString()).resolve(kind.fileStem() + "-" + Messages.tag(ctx.locale()) + ".pdf");
  }

  public static Path executiveSummary(MonthlyGold gold, ReportContext ctx, Path outRoot) {
    Path pdf = pathOf(outRoot, ReportKind.EXECUTIVE_SUMMARY, ctx);
    PackRenderer.render(ReportKind.EXECUTIVE_SUMMARY, ctx, ExecutiveSummary.sections(gold, ctx), pdf);
    return pdf;
  }

  public static Path churnReferral(MonthlyGold gold, ReportContext ctx, Path outRoot) {
    Path pdf = pathOf(outRoot, ReportKind.CHURN_REFERRAL, ctx);
    PackRenderer.render(ReportKind.CHURN_REFERRAL, ctx, ChurnReferralReport.sections(gold, ctx), pdf);
    return pdf;
  }

  public static Path customerCards(List<CustomerCard> cards, boolean personalData, ReportContext ctx, Path outRoot) {
    Path pdf = pathOf(outRoot, ReportKind.CUSTOMER_CARDS, ctx);
    CustomerCards.render(cards, personalData, ctx, pdf);
    return pdf;
  }
}
