"""Shared fixtures of the repository-level tests (run by `make test` with pytest)."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
MODULES = sorted(p.name for p in ADDONS.glob("gov_*") if (p / "__manifest__.py").exists())


def manifest(module):
    return eval((ADDONS / module / "__manifest__.py").read_text(encoding="utf-8"))  # noqa: S307 - our own file


@pytest.fixture(scope="session")
def govctl():
    """Run scripts/govctl with the given arguments; return the CompletedProcess."""

    def run(*args, timeout=900):
        return subprocess.run(
            [str(ROOT / "scripts" / "govctl"), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "GOV_SKIP_LINT": "1"},
        )

    return run


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-d", db, "-Atqc", sql], capture_output=True, text=True, check=True)
    return out.stdout.split()
