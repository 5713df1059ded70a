"""Print the load run's figures from locust's CSV files (run by ``scripts/govctl load``).

Per route: requests, failures, requests per second, p50/p95/p99 in ms; then the whole run
against the targets (>= 50 requests/s, p95 < 300 ms, no error). Exit 1 when a target is missed.
"""

import csv
import sys

TARGET_RPS = 50
TARGET_P95 = 300


def main(stats_file, failures_file):
    with open(stats_file, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    routes = [row for row in rows if row["Name"] != "Aggregated"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(f"{'route':44} {'requests':>9} {'failed':>7} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in sorted(routes, key=lambda r: -int(r["Request Count"])):
        print(
            f"{(row['Type'] + ' ' + row['Name'])[:44]:44} {row['Request Count']:>9} {row['Failure Count']:>7} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    rps, p95, failed = float(total["Requests/s"]), float(total["95%"]), int(total["Failure Count"])
    print(
        f"{'all':44} {total['Request Count']:>9} {failed:>7} {rps:>7.1f} {total['50%']:>6} {total['95%']:>6} "
        f"{total['99%']:>6}"
    )
    with open(failures_file, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            print(f"   failure: {row['Method']} {row['Name']}: {row['Error'][:160]} ×{row['Occurrences']}")
    verdicts = [
        (f"{rps:.1f} requests/s >= {TARGET_RPS}", rps >= TARGET_RPS),
        (f"p95 {p95:.0f} ms < {TARGET_P95} ms", p95 < TARGET_P95),
        (f"{failed} errors = 0", failed == 0),
    ]
    print("\ntargets: " + "; ".join(f"{text}: {'met' if ok else 'MISSED'}" for text, ok in verdicts))
    return 0 if all(ok for _text, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
