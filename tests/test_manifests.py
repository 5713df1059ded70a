"""Every add-on is a complete Odoo 19 module that sits where DESIGN.md's module map puts it."""

import re
import subprocess
import sys

import pytest
from conftest import ADDONS, MODULES, manifest

# The module map of DESIGN.md: gov_center is the root; gov_station builds its 帮办代办 pages on
# gov_items' item lists; gov_eval depends on the three others.
GOV_DEPENDS = {
    "gov_center": set(),
    "gov_station": {"gov_center", "gov_items"},
    "gov_items": {"gov_center"},
    "gov_staff": {"gov_center"},
    "gov_eval": {"gov_station", "gov_items", "gov_staff"},
}


def test_the_five_modules_exist():
    assert MODULES == sorted(GOV_DEPENDS)


@pytest.mark.parametrize("module", MODULES)
def test_manifest(module):
    m = manifest(module)
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", m["version"]), m["version"]
    assert m["license"] == "LGPL-3"
    for key in ("name", "summary", "category", "website", "author", "depends"):
        assert m.get(key), f"{module}: manifest lacks {key}"
    gov_deps = {d for d in m["depends"] if d.startswith("gov_")}
    assert gov_deps == GOV_DEPENDS[module]


@pytest.mark.parametrize("module", MODULES)
def test_module_layout(module):
    path = ADDONS / module
    for rel in (
        "security/ir.model.access.csv",
        "i18n/zh_CN.po",
        "static/description/icon.png",
        "static/description/index.html",
        "tests/__init__.py",
        # OCA's layout: the translation template and the readme/ fragments README.rst is written from
        f"i18n/{module}.pot",
        "readme/DESCRIPTION.md",
        "readme/USAGE.md",
        "readme/CONFIGURE.md",
        "README.rst",
    ):
        assert (path / rel).exists(), f"{module} lacks {rel}"
    index = (path / "static/description/index.html").read_text(encoding="utf-8")
    assert re.search(r"[\u4e00-\u9fff]", index), "the description must be in Chinese too"
    assert re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", index), "the description must be in English too"


@pytest.mark.parametrize("module", MODULES)
def test_data_files_exist(module):
    m = manifest(module)
    for rel in m.get("data", []) + m.get("demo", []):
        assert (ADDONS / module / rel).exists(), f"{module}: {rel} is listed in the manifest but missing"


def test_readme_rst_is_written_from_readme_fragments():
    # scripts/gen_readme.py --check: each README.rst is what its readme/ fragments give
    script = ADDONS.parent / "scripts" / "gen_readme.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
