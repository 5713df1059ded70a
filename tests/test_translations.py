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
