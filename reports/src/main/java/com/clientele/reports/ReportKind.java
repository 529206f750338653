package com.clientele.reports;

/** The monthly management PDFs; the file name is {@code <name>-<locale>.pdf}. */
public enum ReportKind {
  EXECUTIVE_SUMMARY("executive-summary"),
  CUSTOMER_CARDS("customer-cards"),
  CHURN_REFERRAL("churn-referral");

  private final String fileStem;

  ReportKind(String fileStem) {
    this.fileStem = fileStem;
  }

  public String fileStem() {
    return fileStem;
  }

  public String titleKey() {
    return "report." + fileStem;
  }
}
