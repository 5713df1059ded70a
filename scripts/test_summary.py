#!/usr/bin/env python3
"""Sum up a gov-service test run: Odoo's test logs, pytest's log and the lint step.

Prints the failures it finds and ends with one pytest-style line
``N passed, N failed[, N skipped]``; exits non-zero on any failure, on any
skipped test (a skipped browser test means Chromium or websocket-client is
missing, which must not pass silently) and on a run that ran no test.
"""

import argparse
import re
import sys

ODOO_RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
# a skipped test, or a whole class skipped in setUpClass (logged by odoo.tests.suite)
ODOO_SKIPPED = re.compile(r" INFO \S+ odoo\.(?:addons\.[\w.]+|tests\.suite): skipped (.*)")
ODOO_BAD_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
PYTEST_TAIL = re.compile(r"(\d+) (passed|failed|error|errors|skipped)")


def parse_odoo(text):
    """Return (run, failed, skipped, problems) from an Odoo log."""
    run = failed = 0
    for m in ODOO_RESULT.finditer(text):
        failed += int(m.group(1)) + int(m.group(2))
        run += int(m.group(3))
    skipped = [m.group(1) for m in ODOO_SKIPPED.finditer(text)]
    problems = [line for line in text.splitlines() if ODOO_BAD_LINE.match(line)]
    if not ODOO_RESULT.search(text):
        problems.append("Odoo printed no test result: the database did not load or the run stopped (see the log).")
    return run, failed, skipped, problems


def parse_pytest(text):
    """Return (passed, failed, skipped) from pytest's last summary line."""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    lines = [line for line in text.splitlines() if PYTEST_TAIL.search(line) and (" in " in line or "no tests ran" in line)]
    if lines:
        for n, word in PYTEST_TAIL.findall(lines[-1]):
            key = "failed" if word.startswith("error") else word
            counts[key] += int(n)
    return counts["passed"], counts["failed"], counts["skipped"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--odoo-log",
        required=True,
        action="append",
        help="an Odoo test log; repeat it for several runs (the suite's tests, Odoo's own tests of "
        "the core modules on a second database): each must show its result line",
    )
    parser.add_argument("--pytest-log")
    parser.add_argument("--lint-failed", type=int, default=0)
    args = parser.parse_args(argv)

    passed = failed = 0
    skipped, problems, per_log = [], [], []
    for path in args.odoo_log:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except FileNotFoundError:
            text = ""
        log_run, log_failed, log_skipped, log_problems = parse_odoo(text)
        # When tests failed, the ERROR lines explain them; when none did, an ERROR line
        # (a data file, the registry, a log outside any test) is a failure of its own.
        extra_failures = 0 if log_failed else len(log_problems)
        passed += log_run - log_failed - len(log_skipped)
        failed += log_failed + extra_failures
        skipped += log_skipped
        problems += log_problems
        per_log.append((path, log_run, log_failed, len(log_skipped)))
    failed += args.lint_failed
    py_passed = py_failed = py_skipped = 0
    if args.pytest_log:
        with open(args.pytest_log, encoding="utf-8", errors="replace") as f:
            py_passed, py_failed, py_skipped = parse_pytest(f.read())
    passed += py_passed
    failed += py_failed
    n_skipped = len(skipped) + py_skipped

    print("\n==> Summary")
    for path, log_run, log_failed, log_skipped in per_log:
        print(f"    Odoo tests ({path}): {log_run} run, {log_failed} failed or in error, {log_skipped} skipped")
    print(f"    pytest (tests/): {py_passed} passed, {py_failed} failed, {py_skipped} skipped")
    if args.lint_failed:
        print("    lint: FAILED (see above)")
    for line in problems[:30]:
        print("    " + line[:400])
    for s in skipped:
        print("    SKIPPED (not allowed): " + s[:300])
    summary = f"{passed} passed, {failed} failed"
    if n_skipped:
        summary += f", {n_skipped} skipped"
    print(summary)
    if failed or n_skipped or passed == 0:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
