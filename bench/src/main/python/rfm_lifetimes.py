#!/usr/bin/env python3
"""pandas + lifetimes peer of the RFM summary benchmark.

Measures how long the reference Python implementation takes to produce the
per-customer RFM summary that our Spark job computes, and checks that both
produce the same numbers.

For each run (fresh data each time, garbage collected in between) it times,
with wall clock (time.perf_counter) and CPU time of the whole process
(time.process_time, all threads, so it can exceed wall time when pyarrow reads
in parallel):

  (a) read: pd.read_parquet of the sale lines, plus the conversion of the
      date32 column (which pandas reads as Python datetime.date objects) to
      datetime64, so that lifetimes gets a proper datetime column;
  (b) summary: lifetimes.utils.summary_data_from_transaction_data with
      freq='D' and the given observation period end.

Peak memory is the process's resident high-water mark (VmHWM) after all runs.
(Not ru_maxrss: Linux folds the RSS of the forked parent image - here the
benchmark's JVM - into ru_maxrss at exec.) The summary of the last run is then compared with our Spark result.

lifetimes definitions (freq='D', include_first_transaction=False):
  - sale lines are truncated to days and summed per customer and day; lines
    dated after the observation end are dropped;
  - frequency      = number of distinct purchase days - 1 (repeat purchase days);
  - recency        = last purchase day - first purchase day, in days;
  - T              = observation end - first purchase day, in days;
  - monetary_value = mean of the per-day totals of the repeat days
                     (the first purchase day is excluded), 0 when frequency = 0.

Output: a JSON report (--out) and a one-line summary on stdout. The exit code
is 0 whether or not the results are identical; it is non-zero only on errors.
"""

import argparse
import datetime
import gc
import json
import math
import platform
import resource
import sys
import time

import numpy as np
import pandas as pd
import pyarrow
import lifetimes
from lifetimes.utils import summary_data_from_transaction_data

TOOL = "pandas+lifetimes"
KEY_COL = "customer_key"
DATE_COL = "transaction_date"
AMOUNT_COL = "amount"
METRICS = ("frequency", "recency", "T", "monetary_value")
ABS_TOL = 1e-9
REL_TOL = 1e-9
MAX_EXAMPLES = 5


def iso_date(text):
    """argparse type: validate YYYY-MM-DD and return it unchanged."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from exc
    return text


def positive_int(text):
    """argparse type: an integer >= 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {text}")
    return value


def parse_args(argv=None):
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True,
                        help="Parquet file or folder of sale lines "
                             "(customer_key, transaction_date, amount)")
    parser.add_argument("--observation-end", required=True, type=iso_date,
                        help="end of the observation period, YYYY-MM-DD (inclusive)")
    parser.add_argument("--ours", required=True,
                        help="Parquet file or folder with our Spark RFM summary")
    parser.add_argument("--runs", type=positive_int, default=1,
                        help="number of timed runs (default 1)")
    parser.add_argument("--out", required=True, help="JSON report to write")
    return parser.parse_args(argv)


def versions():
    """Versions of the interpreter and libraries that are measured."""
    return {
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "pyarrow": pyarrow.__version__,
        "lifetimes": lifetimes.__version__,
    }


def timed(func, *args, **kwargs):
    """Call func and return (result, wall seconds, process CPU seconds)."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - wall0, time.process_time() - cpu0


def read_transactions(path):
    """Read the sale lines into pandas, with the date column as datetime64."""
    df = pd.read_parquet(path, columns=[KEY_COL, DATE_COL, AMOUNT_COL])
    if not pd.api.types.is_datetime64_any_dtype(df[DATE_COL]):
        df[DATE_COL] = pd.to_datetime(df[DATE_COL])
    return df


def rfm_summary(df, observation_end):
    """The lifetimes RFM summary, indexed by customer_key."""
    return summary_data_from_transaction_data(
        df,
        customer_id_col=KEY_COL,
        datetime_col=DATE_COL,
        monetary_value_col=AMOUNT_COL,
        observation_period_end=observation_end,
        freq="D",
    )


def run_once(input_path, observation_end):
    """One timed run: read, then summarise. Returns (timings, rows, summary)."""
    df, read_s, read_cpu = timed(read_transactions, input_path)
    rows = len(df)
    summary, sum_s, sum_cpu = timed(rfm_summary, df, observation_end)
    timings = {
        "read_seconds": read_s,
        "read_cpu_seconds": read_cpu,
        "summary_seconds": sum_s,
        "summary_cpu_seconds": sum_cpu,
        "total_seconds": read_s + sum_s,
        "total_cpu_seconds": read_cpu + sum_cpu,
    }
    return timings, rows, summary


def run_all(input_path, observation_end, runs):
    """All timed runs; keeps only the last summary so each run starts fresh."""
    timings, rows, summary = [], 0, None
    for _ in range(runs):
        summary = None
        gc.collect()
        run_timings, rows, summary = run_once(input_path, observation_end)
        timings.append(run_timings)
    return timings, rows, summary


def peak_rss_mb():
    """Peak resident set size of this process's own image in MiB.

    VmHWM of /proc/self/status (reset at exec); ru_maxrss only where /proc is
    missing, since Linux carries the pre-exec image's RSS into it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def read_ours(path):
    """Our Spark RFM summary as float64 columns indexed by customer_key."""
    df = pd.read_parquet(path, columns=[KEY_COL, *METRICS])
    return df.set_index(KEY_COL)[list(METRICS)].astype("float64")


def close_mask(a, b):
    """Element-wise a ~ b within ABS_TOL + REL_TOL * max(|a|, |b|); NaN ~ NaN."""
    tol = ABS_TOL + REL_TOL * np.maximum(np.abs(a), np.abs(b))
    both_nan = np.isnan(a) & np.isnan(b)
    with np.errstate(invalid="ignore"):
        return (np.abs(a - b) <= tol) | both_nan


def finite_or_none(value):
    """JSON-safe float: None for NaN/inf."""
    value = float(value)
    return value if math.isfinite(value) else None


def metric_differences(ours, theirs):
    """Per metric: count of values beyond tolerance, max |a - b|; plus the mask."""
    differences, any_diff = {}, np.zeros(len(ours), dtype=bool)
    for metric in METRICS:
        a = ours[metric].to_numpy()
        b = theirs[metric].to_numpy()
        differs = ~close_mask(a, b)
        if (np.isnan(a) != np.isnan(b)).any():
            max_abs = math.inf  # NaN on one side only: reported as null
        else:
            max_abs = np.fmax.reduce(np.abs(a - b), initial=0.0)  # fmax skips NaN
        differences[metric] = {"count": int(differs.sum()), "max_abs": finite_or_none(max_abs)}
        any_diff |= differs
    return differences, any_diff


def example_rows(ours, theirs, keys):
    """Side-by-side dicts (ours vs pandas) for a few customer keys."""
    examples = []
    for key in keys[:MAX_EXAMPLES]:
        row = {KEY_COL: key}
        for metric in METRICS:
            row[f"{metric}_ours"] = finite_or_none(ours.at[key, metric])
            row[f"{metric}_pandas"] = finite_or_none(theirs.at[key, metric])
        examples.append(row)
    return examples


def compare(ours, theirs):
    """Compare our summary with the lifetimes summary (both indexed by key)."""
    theirs = theirs[list(METRICS)].astype("float64")
    duplicates = int(ours.index.duplicated().sum())
    ours = ours[~ours.index.duplicated(keep="first")]
    only_ours = ours.index.difference(theirs.index)
    only_pandas = theirs.index.difference(ours.index)
    common = ours.index.intersection(theirs.index)
    ours_c, theirs_c = ours.loc[common], theirs.loc[common]
    differences, any_diff = metric_differences(ours_c, theirs_c)
    identical = (duplicates == 0 and len(only_ours) == 0 and len(only_pandas) == 0
                 and not any_diff.any())
    return {
        "identical": bool(identical),
        "customers_ours": int(len(ours) + duplicates),
        "customers_pandas": int(len(theirs)),
        "only_ours": int(len(only_ours)),
        "only_pandas": int(len(only_pandas)),
        "duplicate_keys_ours": duplicates,
        "differences": differences,
        "examples": example_rows(ours_c, theirs_c, list(common[any_diff])),
        "only_ours_examples": [str(k) for k in only_ours[:MAX_EXAMPLES]],
        "only_pandas_examples": [str(k) for k in only_pandas[:MAX_EXAMPLES]],
    }


def one_line(report):
    """Human-readable one-line summary of the report."""
    best = min(report["runs"], key=lambda r: r["total_seconds"])
    cmp_ = report["comparison"]
    diffs = " ".join(f"{m}={d['count']}" for m, d in cmp_["differences"].items())
    return (f"{TOOL}: rows={report['input_rows']} customers={report['customers']} "
            f"runs={len(report['runs'])} best_total={best['total_seconds']:.3f}s "
            f"(read {best['read_seconds']:.3f}s, summary {best['summary_seconds']:.3f}s) "
            f"peak_rss={report['peak_rss_mb']:.0f}MiB identical={str(cmp_['identical']).lower()} "
            f"only_ours={cmp_['only_ours']} only_pandas={cmp_['only_pandas']} diffs: {diffs}")


def write_json(report, path):
    """Write the report as strict JSON."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, allow_nan=False)
        handle.write("\n")


def main(argv=None):
    """Run the benchmark, compare, write the report."""
    args = parse_args(argv)
    timings, rows, summary = run_all(args.input, args.observation_end, args.runs)
    peak = peak_rss_mb()
    comparison = compare(read_ours(args.ours), summary)
    report = {
        "tool": TOOL,
        "versions": versions(),
        "input_rows": int(rows),
        "customers": int(len(summary)),
        "observation_end": args.observation_end,
        "runs": timings,
        "peak_rss_mb": peak,
        "comparison": comparison,
    }
    write_json(report, args.out)
    print(one_line(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
