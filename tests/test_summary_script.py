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
