#!/usr/bin/env python3
"""lifetimes peer of the lifetime-value benchmark (issue 14).

Input: the RFM summary our gold build computed (gold.customer_lifetime_value's
customer_key, frequency, recency, T, monetary_value; one-day periods, recency
and T in weeks), exported to Parquet. The same summary goes to both sides, so
the benchmark measures the models alone.

After --warmup unmeasured runs, per timed run (fresh fitters, garbage collected in between), wall clock
(time.perf_counter) and process CPU time of:
  fit:   BetaGeoFitter().fit(frequency, recency, T) and GammaGammaFitter().fit
         on the repeat customers with a positive monetary value;
  score: conditional_probability_alive, conditional_expected_number_of_
         purchases_up_to_time for 30, 90 and 365 days (t = days / 7),
         conditional_expected_average_profit and customer_lifetime_value
         (12 months, 1% a month, freq='W': months of 4.345 weeks), for every
         customer.
Reading the Parquet file is not timed (ours is not either).

Then compares with our result (--ours: Parquet with customer_key, p_alive,
expected_purchases_30d/_90d/_365d, expected_average_order_value, clv, and
--ours-params: JSON of our parameters): the parameters' largest relative
difference and each prediction's largest absolute difference.

Output: a JSON report (--out) and a one-line summary on stdout.
"""

import argparse
import gc
import json
import time

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter

HORIZON_DAYS = (30, 90, 365)
PREDICTIONS = ("p_alive", "expected_purchases_30d", "expected_purchases_90d", "expected_purchases_365d",
               "expected_average_order_value", "clv")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="Parquet: customer_key, frequency, recency, T, monetary_value")
    parser.add_argument("--ours", required=True, help="Parquet: our predictions per customer_key")
    parser.add_argument("--ours-params", required=True, help="JSON: our parameters (r, alpha, a, b, p, q, v)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=0, help="unmeasured runs before the measured ones")
    parser.add_argument("--out", required=True)
    return parser.parse_args()


def fit_and_score(summary):
    t0, c0 = time.perf_counter(), time.process_time()
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(repeat["frequency"], repeat["monetary_value"])
    t1, c1 = time.perf_counter(), time.process_time()
    f, r, T, m = summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"]
    out = pd.DataFrame(index=summary.index)
    out["p_alive"] = bgf.conditional_probability_alive(f, r, T)
    for days in HORIZON_DAYS:
        out["expected_purchases_%dd" % days] = bgf.conditional_expected_number_of_purchases_up_to_time(
            days / 7.0, f, r, T)
    out["expected_average_order_value"] = ggf.conditional_expected_average_profit(f, m)
    out["clv"] = ggf.customer_lifetime_value(bgf, f, r, T, m, time=12, discount_rate=0.01, freq="W")
    t2, c2 = time.perf_counter(), time.process_time()
    timings = {"fit_seconds": t1 - t0, "score_seconds": t2 - t1, "total_seconds": t2 - t0,
               "fit_cpu_seconds": c1 - c0, "score_cpu_seconds": c2 - c1, "total_cpu_seconds": c2 - c0}
    params = {k: float(v) for k, v in list(bgf.params_.items()) + list(ggf.params_.items())}
    return timings, params, out


def main():
    args = parse_args()
    summary = pd.read_parquet(args.input).set_index("customer_key").astype("float64")
    runs, params, predictions = [], None, None
    for _ in range(args.warmup):
        gc.collect()
        fit_and_score(summary)
    for _ in range(args.runs):
        predictions = None
        gc.collect()
        timings, params, predictions = fit_and_score(summary)
        runs.append(timings)
    with open(args.ours_params, encoding="utf-8") as f:
        ours_params = json.load(f)
    param_diff = {k: abs(ours_params[k] - v) / abs(v) if k in ours_params else float("inf")
                  for k, v in params.items()}
    ours = pd.read_parquet(args.ours).set_index("customer_key").reindex(predictions.index)
    prediction_diff = {c: float(np.nanmax(np.abs(ours[c].to_numpy() - predictions[c].to_numpy())))
                       for c in PREDICTIONS}
    missing = int(ours["p_alive"].isna().sum())
    report = {
        "tool": "lifetimes",
        "versions": {"lifetimes": lifetimes.__version__, "pandas": pd.__version__, "numpy": np.__version__},
        "customers": len(summary),
        "repeat_customers": int(((summary["frequency"] > 0) & (summary["monetary_value"] > 0)).sum()),
        "warmup_runs": args.warmup,
        "runs": runs,
        "params": params,
        "ours_params": ours_params,
        "comparison": {
            "max_relative_param_difference": max(param_diff.values()),
            "param_relative_differences": param_diff,
            "max_abs_prediction_differences": prediction_diff,
            "customers_without_our_prediction": missing,
            "params_within_1e-3": max(param_diff.values()) <= 1e-3 and missing == 0,
        },
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    print("lifetimes fit %.1f s + score %.1f s on %d customers; params max rel diff %.2e"
          % (runs[-1]["fit_seconds"], runs[-1]["score_seconds"], len(summary),
             report["comparison"]["max_relative_param_difference"]))


if __name__ == "__main__":
    main()
