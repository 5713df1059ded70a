"""Every zh_CN catalogue is complete and its placeholders match the English source."""

import re
import xml.etree.ElementTree as ET

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


@pytest.mark.parametrize("module", MODULES)
def test_crons_pass_their_users_language(module):
    """``env._()`` translates into the context's language only, and the scheduler runs a cron with an
    empty context: each of the suite's crons passes its user's language, or what it writes (chatter
    notes, to-dos, reports) would be English."""
    lacking = []
    for path in sorted((ADDONS / module).glob("data/*.xml")):
        for record in ET.parse(path).getroot().iter("record"):
            if record.get("model") != "ir.cron" or "." in record.get("id", ""):
                continue  # another module's cron, completed here
            code = next((f.text or "" for f in record.iter("field") if f.get("name") == "code"), "")
            if "with_context(lang=env.user.lang)" not in code:
                lacking.append(f"{path.name}: {record.get('id')}: {code.strip()}")
    assert not lacking, "\n".join(lacking)
