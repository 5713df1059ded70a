"""The test command's closing line must tell the truth about a run."""

import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("test_summary", ROOT / "scripts" / "test_summary.py")
summary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(summary)

GREEN = "2026-11-27 00:11:27,493 1 INFO db odoo.tests.result: 0 failed, 0 error(s) of 23 tests when loading database 'db'\n"
RED = "2026-11-27 00:11:27,493 1 ERROR db odoo.tests.result: 2 failed, 5 error(s) of 23 tests when loading database 'db'\n"
SKIP = "2026-11-27 00:11:27,400 1 INFO db odoo.addons.gov_x.tests.test_ui: skipped test_tour (x.Y) : websocket-client module is not installed\n"
DATA_ERROR = "2026-11-27 00:10:00,000 1 ERROR db odoo.modules.loading: Module gov_x demo data failed to install\n"


def run(tmp_path, odoo_log, pytest_log="", lint_failed=0):
    (tmp_path / "odoo.log").write_text(odoo_log)
    (tmp_path / "pytest.log").write_text(pytest_log)
    return summary.main(
        ["--odoo-log", str(tmp_path / "odoo.log"), "--pytest-log", str(tmp_path / "pytest.log"),
         "--lint-failed", str(lint_failed)]
    )


def test_green_run(tmp_path, capsys):
    assert run(tmp_path, GREEN, "12 passed in 3.21s\n") == 0
    assert capsys.readouterr().out.strip().endswith("35 passed, 0 failed")


def test_failures_counted_once(tmp_path, capsys):
    assert run(tmp_path, "x ERROR db odoo.addons.a: FAIL: T.t\n" + RED) == 1
    assert capsys.readouterr().out.strip().endswith("16 passed, 7 failed")


def test_skipped_browser_test_fails_the_run(tmp_path, capsys):
    assert run(tmp_path, SKIP + GREEN, "1 passed in 0.1s\n") == 1
    assert "23 passed, 0 failed, 1 skipped" in capsys.readouterr().out


def test_error_outside_tests_fails_the_run(tmp_path, capsys):
    assert run(tmp_path, DATA_ERROR + GREEN) == 1
    assert capsys.readouterr().out.strip().endswith("23 passed, 1 failed")


def test_no_result_line_fails(tmp_path):
    assert run(tmp_path, "Traceback: registry failed\n") == 1


def test_lint_failure_fails(tmp_path, capsys):
    assert run(tmp_path, GREEN, lint_failed=1) == 1
    assert capsys.readouterr().out.strip().endswith("23 passed, 1 failed")


def test_pytest_failures_and_errors(tmp_path, capsys):
    assert run(tmp_path, GREEN, "3 failed, 10 passed, 1 error in 2.00s\n") == 1
    assert capsys.readouterr().out.strip().endswith("33 passed, 4 failed")


# The test command's second Odoo log: Odoo's own tests of hr, hr_holidays, resource and portal
# on a database holding the suite (odoo.tests.shell.run_tests inside `odoo shell`).
CORE_GREEN = "2026-11-27 00:40:00,000 1 INFO db_core odoo.tests.result: 0 failed, 0 error(s) of 400 tests when loading database 'db_core'\n"
CORE_RED = (
    "2026-11-27 00:30:00,000 1 ERROR db_core odoo.addons.hr.tests.test_self_user_access: FAIL: TestSelfAccessPreferences.test_employee_fields_groups\n"
    "2026-11-27 00:40:00,000 1 ERROR db_core odoo.tests.result: 2 failed, 0 error(s) of 400 tests when loading database 'db_core'\n"
)
CORE_SKIP = "2026-11-27 00:31:00,000 1 INFO db_core odoo.addons.portal.tests.test_tours: skipped test_tour (x.Y) : no Chromium\n"


def run_two(tmp_path, odoo_log, core_log, pytest_log="1 passed in 0.1s\n"):
    (tmp_path / "odoo.log").write_text(odoo_log)
    (tmp_path / "core.log").write_text(core_log)
    (tmp_path / "pytest.log").write_text(pytest_log)
    return summary.main(
        ["--odoo-log", str(tmp_path / "odoo.log"), "--odoo-log", str(tmp_path / "core.log"),
         "--pytest-log", str(tmp_path / "pytest.log")]
    )


def test_core_tests_counted(tmp_path, capsys):
    assert run_two(tmp_path, GREEN, CORE_GREEN) == 0
    assert capsys.readouterr().out.strip().endswith("424 passed, 0 failed")


def test_core_test_failures_fail_the_run(tmp_path, capsys):
    assert run_two(tmp_path, GREEN, CORE_RED) == 1
    out = capsys.readouterr().out
    assert "FAIL: TestSelfAccessPreferences.test_employee_fields_groups" in out
    assert out.strip().endswith("422 passed, 2 failed")


def test_core_skipped_test_fails_the_run(tmp_path, capsys):
    assert run_two(tmp_path, GREEN, CORE_SKIP + CORE_GREEN) == 1
    assert "423 passed, 0 failed, 1 skipped" in capsys.readouterr().out


def test_core_error_outside_tests_fails_the_run(tmp_path, capsys):
    # an ERROR while installing the suite on the second database, tests green
    assert run_two(tmp_path, GREEN, DATA_ERROR.replace(" db ", " db_core ") + CORE_GREEN) == 1
    assert capsys.readouterr().out.strip().endswith("424 passed, 1 failed")


def test_core_log_without_result_fails(tmp_path, capsys):
    # the shell stopped (a traceback) before run_tests reported, while the first log is green
    assert run_two(tmp_path, GREEN, "Traceback (most recent call last):\n") == 1
    assert capsys.readouterr().out.strip().endswith("24 passed, 1 failed")


def test_missing_core_log_fails(tmp_path, capsys):
    (tmp_path / "odoo.log").write_text(GREEN)
    assert summary.main(["--odoo-log", str(tmp_path / "odoo.log"), "--odoo-log", str(tmp_path / "absent.log")]) == 1
    assert capsys.readouterr().out.strip().endswith("23 passed, 1 failed")


def test_class_skipped_in_setupclass_fails_the_run(tmp_path, capsys):
    class_skip = (
        "2026-11-27 10:27:01,193 1 INFO db_core odoo.tests.suite: skipped setUpClass "
        "(odoo.addons.hr_holidays.tests.test_working_hours.TestWorkingHours) : hr_contract module is installed.\n"
    )
    assert run_two(tmp_path, GREEN, class_skip + CORE_GREEN) == 1
    assert "SKIPPED (not allowed): setUpClass (odoo.addons.hr_holidays" in capsys.readouterr().out
