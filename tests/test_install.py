"""Each module installs alone, with its dependencies and demo data, and pulls in nothing else.

The main test run installs the five modules together; these installs catch a module
whose data or demo quietly relies on a module it does not depend on.
"""

import os

import pytest
from conftest import MODULES, manifest, psql

# Databases are named after the run's test database, so that runs side by side do not meet.
PREFIX = os.environ.get("GOV_TEST_DB", "gov_test")
# Odoo modules the suite builds on; installed once into a template database.
BASE_DB = f"{PREFIX}_alone_template"


def _gov_closure(module):
    deps = {d for d in manifest(module)["depends"] if d.startswith("gov_")}
    for dep in list(deps):
        deps |= _gov_closure(dep)
    return deps


@pytest.fixture(scope="session")
def template(govctl):
    externals = sorted({d for m in MODULES for d in manifest(m)["depends"] if not d.startswith("gov_")})
    psql("postgres", f"DROP DATABASE IF EXISTS {BASE_DB}")
    result = govctl("odoo", "-d", BASE_DB, "-i", ",".join(externals), "--with-demo", "--load-language=zh_CN",
                    "--stop-after-init", "--log-level=warn")
    assert result.returncode == 0, result.stderr[-3000:]
    yield BASE_DB
    psql("postgres", f"DROP DATABASE IF EXISTS {BASE_DB}")


@pytest.mark.parametrize("module", MODULES)
def test_installs_alone(module, template, govctl):
    db = f"{PREFIX}_alone_{module}"
    psql("postgres", f"DROP DATABASE IF EXISTS {db}")
    psql("postgres", f"CREATE DATABASE {db} TEMPLATE {template}")
    try:
        result = govctl("odoo", "-d", db, "-i", module, "--stop-after-init", "--log-level=warn")
        log = result.stdout + result.stderr
        assert result.returncode == 0, log[-3000:]
        errors = [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]
        assert not errors, "\n".join(errors[:10])
        installed = set(psql(db, "SELECT name FROM ir_module_module WHERE state='installed' AND name LIKE 'gov\\_%'"))
        assert installed == {module} | _gov_closure(module)
        # Demo data came with it (the template database has demo data enabled).
        assert psql(db, "SELECT count(*) FROM res_users WHERE login='gov_clerk'") == ["1"]
    finally:
        psql("postgres", f"DROP DATABASE IF EXISTS {db}")
