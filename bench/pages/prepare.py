"""The page benchmark's data: Odoo's own project tasks beside the city's cases (run inside ``odoo
shell`` by ``scripts/govctl pages``; GOV_PAGES_FIXTURE names the JSON file it writes).

For the comparison to mean anything, project.task gets the same volume and the same shape as the
cases: once per database, one project per centre (privacy "portal", one stage) and one task per
case of that centre (2,000,000 on the city: name = case number and applicant, customer = the
case's citizen, deadline = its promised deadline, open or closed as the case), inserted with SQL
and analysed. The demo citizen follows the tasks that mirror their cases (what lets a portal user
see a task), and the window clerk measured gets Odoo's "Project: User" group. Everything else is
read only. Needs Odoo's ``project`` module in the database (the suite never depends on it)."""

import json
import os
import sys
import time

env = env  # noqa: F821,PLW0127 - provided by odoo shell

sys.path.insert(0, os.path.join(os.getcwd(), "bench"))
from cityconf import CLERK_PASSWORD  # noqa: E402

cr = env.cr
TAG = "办件对照"
if not env["ir.module.module"].search_count([("name", "=", "project"), ("state", "=", "installed")]):
    sys.exit(
        f"bench/pages: Odoo's project module is not installed in {cr.dbname!r} (the comparison needs it):\n"
        f"    scripts/govctl odoo -d {cr.dbname} -i project --stop-after-init --http-port 8079"
    )

Project = env["project.project"].sudo().with_context(mail_create_nolog=True, tracking_disable=True)
citizen = env.ref("gov_center.user_gov_citizen")
if not Project.with_context(active_test=False).search_count([("name", "=like", f"{TAG}·%")]):
    start = time.perf_counter()
    stage = env["project.task.type"].sudo().create({"name": "受理", "sequence": 1})
    cr.execute("SELECT DISTINCT centre_id FROM gov_case WHERE centre_id IS NOT NULL")
    centres = env["gov.site"].sudo().with_context(active_test=False).browse([row[0] for row in cr.fetchall()])
    projects = Project.create(
        [{"name": f"{TAG}·{centre.name}", "privacy_visibility": "portal", "type_ids": [(6, 0, stage.ids)]} for centre in centres]
    )
    cr.execute(
        """
        INSERT INTO project_task (name, project_id, stage_id, partner_id, company_id, priority, state, active,
                                  display_in_project, recurring_task, is_template, has_template_ancestor,
                                  sequence, allocated_hours, date_deadline, date_last_stage_update,
                                  create_uid, write_uid, create_date, write_date)
        SELECT coalesce(c.number, 'DRAFT-' || c.id) || ' ' || c.applicant_name, p.project, %(stage)s, c.partner_id,
               %(company)s, CASE WHEN c.priority = '0' THEN '0' ELSE '1' END,
               CASE WHEN c.state IN ('accepted', 'review') THEN '01_in_progress'
                    WHEN c.state IN ('refused', 'withdrawn', 'cancelled') THEN '1_canceled' ELSE '1_done' END,
               true, true, false, false, false, 10, 0, c.promised_deadline, c.create_date,
               c.create_uid, c.write_uid, c.create_date, c.write_date
          FROM gov_case c
          JOIN unnest(%(centres)s::int[], %(projects)s::int[]) AS p(centre, project) ON p.centre = c.centre_id
         WHERE c.active
        """,
        {"stage": stage.id, "company": env.company.id, "centres": centres.ids, "projects": projects.ids},
    )
    tasks = cr.rowcount
    # A portal user sees the tasks they follow: the citizen follows the tasks of their cases.
    cr.execute(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'project.task', id, partner_id FROM project_task
         WHERE partner_id = %s AND project_id = ANY(%s)
        """,
        [citizen.partner_id.id, projects.ids],
    )
    cr.execute("ANALYZE project_task")
    cr.execute("ANALYZE mail_followers")
    env.cr.commit()
    print(f"prepared: {len(projects)} projects, {tasks:,} tasks in {time.perf_counter() - start:.0f} s")

# The clerk measured: the city's first window clerk (a centre of the city), else the demo clerk.
clerk = env["res.users"].search([("login", "like", "city_clerk_%")], order="id", limit=1)
password = CLERK_PASSWORD
if not clerk:
    clerk, password = env.ref("gov_center.user_gov_clerk"), "gov_clerk"
centre = clerk.gov_site_ids[:1]
project_user = env.ref("project.group_project_user")
if project_user not in clerk.all_group_ids:
    clerk.sudo().write({"group_ids": [(4, project_user.id)]})
    env.cr.commit()
project = Project.search([("name", "=", f"{TAG}·{centre.name}")])


def one(query, params):
    cr.execute(query, params)
    row = cr.fetchone()
    return row[0] if row else None


# The centre's latest running case that has its task (cases taken in since, e.g. by the load run,
# have none).
cr.execute(
    "SELECT c.id, t.id, t.name FROM gov_case c JOIN project_task t ON t.project_id = %s "
    "AND t.name = c.number || ' ' || c.applicant_name WHERE c.centre_id = %s AND c.state IN ('accepted', 'review') "
    "ORDER BY c.id DESC LIMIT 1",
    [project.id, centre.id],
)
case_id, task_id, mirror = cr.fetchone()
case = env["gov.case"].sudo().browse(case_id)
citizen_case = one("SELECT max(id) FROM gov_case WHERE partner_id = %s", [citizen.partner_id.id])
citizen_task = one(
    "SELECT t.id FROM project_task t JOIN gov_case c ON t.name = coalesce(c.number, 'DRAFT-' || c.id) || ' ' || c.applicant_name "
    "WHERE c.id = %s AND t.partner_id = %s",
    [citizen_case, citizen.partner_id.id],
)


def spec(model, view):
    """The fields a view asks for, relations by their display name, as the web client reads them."""
    fields_info = env[model].get_views([(False, view)])["models"][model]["fields"]
    return {
        name: {"fields": {"display_name": {}}} if field["type"] in ("many2one", "one2many", "many2many") else {}
        for name, field in fields_info.items()
    }


# the published item offered at the most sites (an agent-service item: every station)
cr.execute(
    "SELECT l.item_id FROM gov_item_site l JOIN gov_item i ON i.id = l.item_id AND i.state = 'published' "
    "GROUP BY l.item_id ORDER BY count(*) DESC, l.item_id LIMIT 1"
)
item = env["gov.item"].sudo().browse(cr.fetchone()[0])
fixture = {
    "clerk": clerk.login,
    "password": password,
    "centre": centre.id,
    "project": project.id,
    "project_tasks": env["project.task"].sudo().search_count([("project_id", "=", project.id)]),
    "centre_cases": env["gov.case"].sudo().search_count([("centre_id", "=", centre.id)]),
    "all_cases": env["gov.case"].sudo().search_count([]),
    "all_tasks": env["project.task"].sudo().search_count([]),
    "case": case_id,
    "task": task_id,
    "number": case.number,
    "id_number": case.id_number,
    "applicant": case.applicant_name,
    "task_name": mirror,
    "citizen": citizen.login,
    "citizen_case": citizen_case,
    "citizen_task": citizen_task,
    "citizen_cases": env["gov.case"].sudo().search_count([("partner_id", "=", citizen.partner_id.id)]),
    "citizen_tasks": env["mail.followers"].sudo().search_count(
        [("res_model", "=", "project.task"), ("partner_id", "=", citizen.partner_id.id)]
    ),
    "site": centre.id,
    "item": item.id,
    "item_query": item.name[:2],
    "case_list": spec("gov.case", "list"),
    "task_list": spec("project.task", "list"),
    "case_form": spec("gov.case", "form"),
    "task_form": spec("project.task", "form"),
}
with open(os.environ["GOV_PAGES_FIXTURE"], "w", encoding="utf-8") as out:
    json.dump(fixture, out, ensure_ascii=False)
print(
    f"fixture: clerk {clerk.login} at {centre.name} ({fixture['centre_cases']:,} cases; project {project.name}: "
    f"{fixture['project_tasks']:,} tasks); {fixture['all_cases']:,} cases and {fixture['all_tasks']:,} tasks in all; "
    f"{citizen.login}: {fixture['citizen_cases']} cases, follows {fixture['citizen_tasks']} tasks"
)
