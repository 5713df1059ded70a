#!/usr/bin/env python3
"""Keep the modules' i18n/zh_CN.po files complete.

  po_tool.py merge EXPORTED.po MODULE/i18n/zh_CN.po
      Write the freshly exported catalogue to the module's file, keeping every
      translation the module's file already had; print the entries still empty.
  po_tool.py fill MODULE/i18n/zh_CN.po TRANSLATIONS.json
      Fill empty entries from a {"English msgid": "中文"} JSON object.
  po_tool.py missing MODULE/i18n/zh_CN.po
      List the entries without a translation (exit 1 when there are some).
"""

import json
import os
import sys

import polib


def _load(path):
    return polib.pofile(path) if os.path.exists(path) else polib.POFile()


ODOO_CATALOGUES = ("odoo/addons/base", "addons/mail", "addons/portal", "addons/resource", "addons/hr",
                   "addons/hr_holidays", "addons/web", "addons/rating", "addons/calendar")


def _odoo_translations():
    """msgid -> msgstr from Odoo's own zh_CN catalogues (fields inherited from mixins)."""
    src = os.environ.get("GOV_ODOO_SRC") or os.environ.get("ODOO_SRC") or "/opt/odoo"
    table = {}
    for mod in ODOO_CATALOGUES:
        path = os.path.join(src, mod, "i18n", "zh_CN.po")
        if os.path.exists(path):
            for e in polib.pofile(path):
                if e.msgstr and e.msgid not in table:
                    table[e.msgid] = e.msgstr
    return table


def merge(exported, target):
    new = polib.pofile(exported)
    old = {(e.msgctxt, e.msgid): e.msgstr for e in _load(target) if e.msgstr}
    old_by_id = {e.msgid: e.msgstr for e in _load(target) if e.msgstr}
    odoo = _odoo_translations()
    for entry in new:
        # The module's file is the reference: a database exports what it loaded once (Odoo fills
        # terms from its own catalogues at install), which must not overwrite a chosen translation.
        entry.msgstr = (
            old.get((entry.msgctxt, entry.msgid)) or old_by_id.get(entry.msgid) or entry.msgstr
            or odoo.get(entry.msgid, "")
        )
    new.metadata["Language"] = "zh_CN"
    new.save(target)
    return missing(target)


def fill(target, translations):
    po = polib.pofile(target)
    with open(translations, encoding="utf-8") as f:
        table = json.load(f)
    for entry in po:
        if not entry.msgstr and entry.msgid in table:
            entry.msgstr = table[entry.msgid]
    po.save(target)
    return missing(target)


def missing(target):
    empty = [e.msgid for e in polib.pofile(target) if not e.msgstr and e.msgid]
    for msgid in empty:
        print(json.dumps(msgid, ensure_ascii=False))
    print(f"{len(empty)} untranslated in {target}", file=sys.stderr)
    return 1 if empty else 0


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or ["help"]
    if cmd == "merge" and len(args) == 2:
        sys.exit(merge(*args))
    if cmd == "fill" and len(args) == 2:
        sys.exit(fill(*args))
    if cmd == "missing" and len(args) == 1:
        sys.exit(missing(*args))
    print(__doc__)
    sys.exit(2)
