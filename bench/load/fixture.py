"""The load run's fixture: real ids of the city database for bench/load/locustfile.py.

Run inside ``odoo shell`` by ``scripts/govctl load`` (GOV_LOAD_FIXTURE names the JSON file to
write); reads only.
"""

import json
import os
import random
import sys

env = env  # noqa: F821,PLW0127 - provided by odoo shell

sys.path.insert(0, os.path.join(os.getcwd(), "bench"))
from cityconf import CLERK_PASSWORD, CODE  # noqa: E402

rng = random.Random(5)
cr = env.cr


def column(query, params=None):
    cr.execute(query, params or [])
    return [row[0] for row in cr.fetchall()]


centres = column("SELECT id FROM gov_site WHERE is_centre AND division_code LIKE %s ORDER BY id", [f"{CODE}%"])
stations = column(
    "SELECT id FROM gov_site WHERE kind = 'station' AND division_code LIKE %s ORDER BY random() LIMIT 200", [f"{CODE}%"]
)
items = column("SELECT id FROM gov_item WHERE state = 'published' ORDER BY id")
names = column("SELECT name FROM gov_item WHERE state = 'published'")
cr.execute(
    "SELECT number, access_code FROM gov_case TABLESAMPLE SYSTEM (1) WHERE number LIKE %s AND access_code IS NOT NULL "
    "LIMIT 500",
    [f"{CODE}%"],
)
tracked = cr.fetchall()
results = column(
    "SELECT result_number FROM gov_case TABLESAMPLE SYSTEM (1) WHERE result_number IS NOT NULL AND number LIKE %s "
    "LIMIT 500",
    [f"{CODE}%"],
)
id_numbers = column(
    "SELECT id_number FROM gov_case TABLESAMPLE SYSTEM (1) WHERE id_number IS NOT NULL AND number LIKE %s LIMIT 500",
    [f"{CODE}%"],
)
citizen = env.ref("gov_center.user_gov_citizen")
citizen_cases = column("SELECT id FROM gov_case WHERE partner_id = %s ORDER BY id", [citizen.partner_id.id])
cr.execute(
    "SELECT l.site_id, l.item_id FROM gov_item_site l JOIN gov_site s ON s.id = l.site_id "
    "WHERE s.is_centre AND s.division_code LIKE %s ORDER BY random() LIMIT 300",
    [f"{CODE}%"],
)
bookable = cr.fetchall()
clerks = []
for login, centre in env["res.users"].search([("login", "like", "city_clerk_%")]).mapped(
    lambda user: (user.login, user.gov_site_ids[:1].id)
):
    cr.execute(
        "SELECT id, number FROM gov_case WHERE centre_id = %s AND number IS NOT NULL ORDER BY id DESC LIMIT 200",
        [centre],
    )
    rows = cr.fetchall()
    clerks.append(
        {
            "login": login,
            "centre": centre,
            "cases": [r[0] for r in rows],
            "numbers": [r[1] for r in rng.sample(rows, min(20, len(rows)))],
        }
    )
intake_items = column(
    "SELECT DISTINCT l.item_id FROM gov_item_site l JOIN gov_site s ON s.id = l.site_id AND s.kind = 'district_centre' "
    "WHERE s.division_code LIKE %s",
    [f"{CODE}%"],
)
# The case form's fields as the back office asks for them (the form view's fields, relations by name).
fields_info = env["gov.case"].get_views([(False, "form")])["models"]["gov.case"]["fields"]
form_spec = {
    name: {"fields": {"display_name": {}}} if field["type"] in ("many2one", "one2many", "many2many") else {}
    for name, field in fields_info.items()
}
fixture = {
    "sites": centres + stations,
    "centres": centres,
    "items": items,
    "queries": sorted({name[:2] for name in names}),
    "tracked": tracked,
    "results": results,
    "id_numbers": id_numbers,
    "citizen": citizen.login,
    "citizen_cases": citizen_cases,
    "bookable": bookable,
    "clerks": [clerk for clerk in clerks if clerk["cases"]],
    "clerk_password": CLERK_PASSWORD,
    "intake_items": intake_items,
    "form_spec": form_spec,
}
with open(os.environ["GOV_LOAD_FIXTURE"], "w", encoding="utf-8") as out:
    json.dump(fixture, out, ensure_ascii=False)
print(
    f"fixture: {len(fixture['sites'])} sites, {len(items)} items, {len(tracked)} tracked cases, "
    f"{len(fixture['clerks'])} clerks, {len(citizen_cases)} cases of {citizen.login}"
)
