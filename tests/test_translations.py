"""Every zh_CN catalogue is complete and its placeholders match the English source."""

import re

import polib
import pytest
from conftest import ADDONS, MODULES

PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%d|\{\w*\}")


@pytest.mark.parametrize("module", MODULES)
def test_catalogue_complete(module):
    po = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
    empty = [e.msgid for e in po if e.msgid and not e.msgstr and not e.obsolete]
    assert not empty, f"{module}: {len(empty)} untranslated, e.g. {empty[:5]}"


@pytest.mark.parametrize("module", MODULES)
def test_placeholders_kept(module):
    po = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
    for entry in po:
        if entry.msgstr:
            assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(entry.msgstr)), (
                f"{module}: placeholders differ in {entry.msgid!r} -> {entry.msgstr!r}"
            )


@pytest.mark.parametrize("module", MODULES)
def test_template_holds_every_translation(module):
    """Odoo merges the module's .pot into zh_CN.po when it loads it (PoFileReader): a translation
    whose msgid the template lacks becomes obsolete and the screen falls back to English. Refresh
    both with `scripts/govctl pot DB` and `scripts/govctl po MODULE DB`."""
    po = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
    pot = polib.pofile(str(ADDONS / module / "i18n" / f"{module}.pot"))
    missing = {e.msgid for e in po if e.msgid and not e.obsolete} - {e.msgid for e in pot}
    assert not missing, f"{module}: {len(missing)} translations the .pot lacks, e.g. {sorted(missing)[:5]}"
