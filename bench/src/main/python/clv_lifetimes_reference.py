#!/usr/bin/env python3
"""Reference values of the lifetimes package for the CLV models' tests.

Fits lifetimes' BetaGeoFitter (BG/NBD) and GammaGammaFitter on the CDNOW master
log as the product defines the CLV input (issue 14): calibration period up to
1997-09-30, purchase periods of one day, recency and T in weeks
(summary_data_from_transaction_data with freq='D', freq_multiplier=7), the
Gamma-Gamma model on the repeat customers (frequency > 0, monetary_value > 0).

Writes, for the Java tests (jobs/src/test/resources/clv/):
  cdnow-lifetimes-params.properties  the fitted parameters, lifetimes' mean
                                     negative log-likelihood, the counts, CLV
                                     values and the calibration/holdout check
                                     (holdout.*: 1997-09-30 to 1998-06-30);
  cdnow-lifetimes-bgnbd.csv.gz       per distinct (frequency, recency, T) of
                                     the summary (recency and T as whole days,
                                     so the Java side can join without
                                     rounding): the number of customers,
                                     P(alive) and the conditional expected
                                     purchases in the next 30, 90 and 365 days
                                     (t = days / 7 weeks), with lifetimes' own
                                     parameters.

Run with the benchmark's pinned virtualenv (requirements.txt beside this file):
  bench/src/main/python/setup-venv.sh out/bench/pyenv
  out/bench/pyenv/bin/python bench/src/main/python/clv_lifetimes_reference.py \
      ../shared/datasets/cdnow/CDNOW_master.txt jobs/src/test/resources/clv
"""

import gzip
import io
import os
import sys

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import calibration_and_holdout_data, summary_data_from_transaction_data

CALIBRATION_END = "1997-09-30"
HOLDOUT_END = "1998-06-30"
HORIZON_DAYS = (30, 90, 365)
CLV_CUSTOMERS = ("00001", "00002", "00004", "00018", "00115")


def main(master, out_dir):
    log = pd.read_csv(master, sep=r"\s+", dtype={"customer_id": str, "date": str})
    log["date"] = pd.to_datetime(log["date"], format="%Y%m%d")
    summary = summary_data_from_transaction_data(
        log, "customer_id", "date", monetary_value_col="dollar_value",
        observation_period_end=CALIBRATION_END, freq="D", freq_multiplier=7)

    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(repeat["frequency"], repeat["monetary_value"])

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "cdnow-lifetimes-params.properties"), "w") as f:
        f.write("# lifetimes %s on CDNOW master, calibration end %s, freq='D', freq_multiplier=7\n"
                % (lifetimes.__version__, CALIBRATION_END))
        f.write("# written by bench/src/main/python/clv_lifetimes_reference.py\n")
        f.write("customers=%d\n" % len(summary))
        f.write("repeat_customers=%d\n" % len(repeat))
        for name, value in bgf.params_.items():
            f.write("bgnbd.%s=%.17g\n" % (name, value))
        f.write("bgnbd.mean_negative_log_likelihood_scaled=%.17g\n" % bgf._negative_log_likelihood_)
        for name, value in ggf.params_.items():
            f.write("gammagamma.%s=%.17g\n" % (name, value))
        f.write("gammagamma.mean_negative_log_likelihood=%.17g\n" % ggf._negative_log_likelihood_)
        f.write("gammagamma.expected_value_of_customer_00002=%.17g\n" % ggf.conditional_expected_average_profit(
            summary.loc[["00002"], "frequency"], summary.loc[["00002"], "monetary_value"]).iloc[0])
        # 12 months, 1% a month, months of 4.345 weeks (freq='W': T is in weeks)
        clv = ggf.customer_lifetime_value(bgf, summary["frequency"], summary["recency"], summary["T"],
                                          summary["monetary_value"], time=12, discount_rate=0.01, freq="W")
        f.write("clv.12_months_1_percent.total=%.17g\n" % clv.sum())
        for customer in CLV_CUSTOMERS:
            f.write("clv.12_months_1_percent.%s=%.17g\n" % (customer, clv.loc[customer]))
        # the calibration/holdout check (clv-validate): lifetimes' own split, fit and predictions
        split = calibration_and_holdout_data(log, "customer_id", "date", calibration_period_end=CALIBRATION_END,
                                             observation_period_end=HOLDOUT_END, freq="D", freq_multiplier=7)
        hold = BetaGeoFitter(penalizer_coef=0.0).fit(split["frequency_cal"], split["recency_cal"], split["T_cal"])
        predicted = hold.conditional_expected_number_of_purchases_up_to_time(
            split["duration_holdout"], split["frequency_cal"], split["recency_cal"], split["T_cal"])
        actual = split["frequency_holdout"]
        f.write("holdout.customers=%d\n" % len(split))
        f.write("holdout.actual=%d\n" % actual.sum())
        f.write("holdout.predicted=%.17g\n" % predicted.sum())
        f.write("holdout.mean_absolute_error=%.17g\n" % np.abs(predicted - actual).mean())
        bucket = split["frequency_cal"].clip(upper=7).astype(int)
        for b, mean in predicted.groupby(bucket).mean().items():
            f.write("holdout.predicted_mean.%s=%.17g\n" % ("7+" if b == 7 else b, mean))

    groups = summary.assign(recency_days=np.rint(summary["recency"] * 7).astype(int),
                            T_days=np.rint(summary["T"] * 7).astype(int))
    groups = groups.groupby(["frequency", "recency_days", "T_days"]).size().rename("customers").reset_index()
    frequency = groups["frequency"].astype(float)
    recency = groups["recency_days"] / 7.0
    age = groups["T_days"] / 7.0
    groups["p_alive"] = bgf.conditional_probability_alive(frequency, recency, age)
    for days in HORIZON_DAYS:
        groups["expected_%dd" % days] = bgf.conditional_expected_number_of_purchases_up_to_time(
            days / 7.0, frequency, recency, age)
    # mtime=0: the same input gives the same bytes
    with gzip.GzipFile(os.path.join(out_dir, "cdnow-lifetimes-bgnbd.csv.gz"), "wb", 9, mtime=0) as raw:
        with io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as f:
            groups.to_csv(f, index=False, float_format="%.15g")
    print("customers %d, groups %d, repeat customers %d" % (len(summary), len(groups), len(repeat)))
    print(bgf.params_.to_dict(), ggf.params_.to_dict())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: clv_lifetimes_reference.py CDNOW_master.txt OUT_DIR")
    main(sys.argv[1], sys.argv[2])
