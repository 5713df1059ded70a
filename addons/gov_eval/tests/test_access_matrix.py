"""The declared access matrix of the suite, and the tests generated from it.

README
======

``gov_eval/tests/access_matrix.csv`` says, for every model of the suite and every role, what
the role may read, write, create and delete. It is the one place where the access design is
written down; record rules, ACLs and model code must do what it says, and these tests check
that they do. Lines starting with ``#`` are comments.

Columns: ``model, role, read, write, create, unlink, note``; one row per model and role.

Roles (the test user of each role and the sites it works at, ``res.users.gov_site_ids``):

=========  ==============================  ==========================================
admin      gov_center.group_gov_admin      centre A
manager    gov_center.group_gov_manager    centre A
clerk      gov_center.group_gov_clerk      centre A
approver   gov_center.group_gov_approver   centre A
agent      gov_center.group_gov_agent      station A1 (agents work at village stations)
internal   base.group_user only            none (an employee outside the service network)
portal     base.group_portal               none
=========  ==============================  ==========================================

The test district has two townships: centre A with station A1 below it, and centre B. Every
role except portal has an employee of its own (at its site; the internal user's at centre A).

Scopes (a cell is one scope, or several joined with ``|``, optionally followed by ``+draft``):

- ``all``: every record of the district.
- ``centre``: records of the user's sites and of the stations whose parent is one of them.
- ``stations``: records of the stations below the user's sites, not of the sites themselves
  (a manager inspects A1, never A).
- ``own``: records of the user's sites only.
- ``self``: records about the user: their employee, their whereabouts notice, and only at the
  user's own sites (a notice of their own for a window of another site is not ``self``; where a
  cell grants ``self`` alone, that notice must be refused).
- ``public``: records flagged public: a site contact with ``is_public``; for
  ``hr.employee.public``, employees without a gov site (Odoo's company directory).
- ``none``: nothing.
- ``+draft``: only while the record (or the record it belongs to: the inspection of a line, the
  roster of a shift, the session of an attendance) is a draft. Tested on a draft record (allowed
  when in scope) and on a done/published one (refused).

A record "belongs" to the site in its ``site_id`` (a site to itself; a new site to the centre
above it; a whereabouts notice to its employee's site). A training attendance belongs to two
sites, its session's and its attendee's: it is read when either is in scope, written, created
and deleted only when both are.

How the tests are generated
===========================

``FIXTURES`` below has one small entry per model: a factory that builds, as superuser, a record
at a given site (and the values to create one), the field read and the harmless values written
by the checks. ``setUpClass`` builds with them, for every model, a record at centre A, at station
A1 and at centre B, plus where the model has them a record about each role's user (``self``), a
public record, and a locked (done/published) record at each site. For each row of the matrix
and each operation the test then runs, as the role's user (``with_user``), the operation on every
probe record (create: with the values of a record at that site) inside a savepoint that is always
rolled back, and compares what happened with what the cell declares. ``search`` (does a
search by id find the record) is checked against the read cell as well. One ``subTest`` per
model, role and operation: a run lists every mismatch, each with the probe, the expectation and
what was observed.

Allowed means the call returned (and the pending changes were flushed) without an exception.
Refused means:

- out of scope or ``none``: an ``AccessError`` (access rights, record rules, or a check in code
  that raises AccessError). Refusing out-of-scope work with a UserError or ValidationError is
  reported as a mismatch: access by site is carried by rules (docs/DESIGN.md).
- locked (``+draft`` cells on a done/published record): an ``AccessError`` or a
  ``UserError``/``ValidationError`` (state locks are code, and may be checked before the scope).

Any other exception (a database error, a KeyError...) is reported as a mismatch, whatever the
cell says. ``test_fixtures_are_valid`` first checks that the superuser can do every probed
operation, so that a refusal observed for a role is not a broken fixture. The operations a model's
code refuses to every caller, the superuser included (a case is never deleted, an issued notice
never changed), are listed in the fixture's ``Spec.refused_to_all``: for them it checks instead
that the superuser is refused too (an AccessError or a UserError), and their cells are ``none``.

``test_matrix_covers_the_suite`` fails when a non-abstract ``gov.*`` model of the five modules,
or a model on which the suite defines access rights or record rules, has no rows (or no fixture),
and when the matrix names a model or role that does not exist.
"""

import csv
import datetime
import io
import logging
from dataclasses import dataclass, field

from odoo import Command
from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import file_open, mute_logger

from ..models.gov_kpi_fact import KIND_COUNT as KPI_KIND_COUNT

_logger = logging.getLogger(__name__)

MATRIX_PATH = "gov_eval/tests/access_matrix.csv"
GOV_MODULES = ("gov_center", "gov_station", "gov_items", "gov_staff", "gov_eval")
ROLE_GROUPS = {
    "admin": "gov_center.group_gov_admin",
    "manager": "gov_center.group_gov_manager",
    "clerk": "gov_center.group_gov_clerk",
    "approver": "gov_center.group_gov_approver",
    "agent": "gov_center.group_gov_agent",
    "internal": "base.group_user",
    "portal": "base.group_portal",
}
OPERATIONS = ("read", "write", "create", "unlink")
SCOPES = ("all", "centre", "stations", "own", "self", "public", "none")
SITE_SCOPES = ("centre", "stations", "own")
# Core models the suite grants access on (by ACLs, record rules or its own rules on their
# public face); they are in the matrix even when no ACL of ours names them yet.
CORE_MODELS = ("hr.employee", "hr.employee.public", "resource.resource")
# Models of the suite deliberately left out of the matrix, with the reason. Abstract models
# (mixins such as gov.item.locked.line or gov.guard.mixin) are left out without being listed.
EXCLUDED = {}
# Context of the checks: no chatter tracking, as in the other tests of the suite.
CHECK_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


# ---------------------------------------------------------------------------------------- matrix
@dataclass(frozen=True)
class Cell:
    text: str
    scopes: frozenset
    draft: bool


def parse_cell(text):
    text = (text or "").strip()
    body, _plus, suffix = text.partition("+")
    if suffix and suffix != "draft":
        raise ValueError(f"unknown suffix “+{suffix}” in “{text}”")
    scopes = frozenset(part.strip() for part in body.split("|"))
    unknown = scopes - set(SCOPES)
    if unknown or not body:
        raise ValueError(f"unknown scope {sorted(unknown) or '(empty)'} in “{text}”")
    if "none" in scopes and (len(scopes) > 1 or suffix):
        raise ValueError(f"“none” stands alone: “{text}”")
    return Cell(text, scopes, bool(suffix))


def load_matrix():
    """({(model, role): {operation: Cell, "note": str}}, [errors])."""
    rows, errors = {}, []
    with file_open(MATRIX_PATH) as handle:
        lines = [line for line in handle.read().splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    expected_columns = ["model", "role", *OPERATIONS, "note"]
    if reader.fieldnames != expected_columns:
        return rows, [f"columns are {reader.fieldnames}, expected {expected_columns}"]
    for number, row in enumerate(reader, start=2):
        key = (row["model"].strip(), row["role"].strip())
        if key in rows:
            errors.append(f"line {number}: a second row for {key}")
            continue
        if key[1] not in ROLE_GROUPS:
            errors.append(f"line {number}: unknown role “{key[1]}”")
            continue
        cells = {"note": row["note"] or ""}
        for operation in OPERATIONS:
            try:
                cells[operation] = parse_cell(row[operation])
            except ValueError as error:
                errors.append(f"line {number} {key} {operation}: {error}")
        if len(cells) == len(OPERATIONS) + 1:
            rows[key] = cells
    return rows, errors


# ---------------------------------------------------------------------------------------- probes
@dataclass
class Probe:
    """A record (read, write, unlink) or the values of one (create), and where it stands."""

    label: str
    record: object = None
    vals: dict = None
    sites: tuple = ()  # ((site, parent), ...): site False for a new site under ``parent``
    about: object = None  # the res.users the record is about
    public: bool = False
    locked: bool = False
    # Checked only in cells that grant through ``self`` alone (a role's own notice for a foreign
    # window); its refusal may be a UserError/ValidationError (a check of the values).
    only_self: bool = False


def at(label, record=None, site=None, vals=None, **kw):
    """A probe belonging to ``site``."""
    return Probe(label, record=record, vals=vals, sites=((site, site.parent_id),) if site else (), **kw)


@dataclass
class Spec:
    """What the checks of one model work on (built by a fixture in setUpClass)."""

    read: str  # field read by the read check
    write: dict  # harmless values written by the write check
    records: list  # probes for read, write and unlink
    creates: list  # probes with values for create
    locked: list = field(default_factory=list)  # locked records: checked in +draft cells only
    locked_creates: list = field(default_factory=list)  # values of records born locked
    own: dict = field(default_factory=dict)  # role -> probes about the role's user (self)
    own_creates: dict = field(default_factory=dict)  # role -> values of records about the user
    unlink_records: list = None  # probes for unlink when not ``records``
    any_site_reads: bool = False  # read: one of the probe's sites in scope is enough
    view: bool = False  # a SQL view: the superuser cannot write it either
    # Operations the model's code refuses to every caller, the superuser included.
    refused_to_all: frozenset = frozenset()


def in_scope(cell, user, probe, quantifier=all):
    if probe.locked and cell.draft:
        return False
    user_sites = set(user.gov_site_ids.ids)
    # ``self``: about the user, at the user's sites (or their employee's site) only.
    home = user_sites | set(user.sudo().employee_ids.gov_site_id.ids)

    def site_in(token, site, parent):
        mine = bool(site) and site.id in user_sites
        below = bool(parent) and parent.id in user_sites
        return {"own": mine, "centre": mine or below, "stations": below and not mine}[token]

    for token in cell.scopes:
        if token == "all":
            return True
        if token == "self" and probe.about == user and all(site.id in home for site, _parent in probe.sites if site):
            return True
        if token == "public" and probe.public:
            return True
        if token in SITE_SCOPES and probe.sites and quantifier(site_in(token, *pair) for pair in probe.sites):
            return True
    return False


# -------------------------------------------------------------------------------------- fixtures
# One entry per model: a function of the test class (its sites, users, employees...) returning
# the Spec of the model. Records are created as superuser; values are those a role would send.
POSITIONS = ("A", "A1", "B")


def _site_model(t, model, make, vals, read, write, **kw):
    """Spec of a model whose records belong to one site: a record at A, A1 and B."""
    Model = t.env[model]
    return Spec(
        read=read,
        write=write,
        records=[at(pos, Model.create(make(t, t.sites[pos])), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=vals(t, t.sites[pos]), site=t.sites[pos]) for pos in POSITIONS],
        **kw,
    )


def _global_model(t, model, make, vals, read, write, **kw):
    """Spec of a model without sites: one record, one set of values."""
    return Spec(
        read=read,
        write=write,
        records=[Probe("any", t.env[model].create(dict(make)))],
        creates=[Probe("new", vals=vals)],
        **kw,
    )


def fx_division(t):
    town = t.town_a
    return _global_model(
        t,
        "gov.division",
        {"name": "矩阵探针村", "code": town.code[:9] + "299", "division_type": "village", "parent_id": town.id},
        {"name": "矩阵新建村", "code": town.code[:9] + "298", "division_type": "village", "parent_id": town.id},
        "name",
        {"name": "矩阵探针村改"},
    )


def fx_holiday(t):
    return _global_model(
        t,
        "gov.holiday",
        {"date": "2041-10-08", "name": "矩阵节"},
        {"date": "2041-10-09", "name": "矩阵节二"},
        "name",
        {"name": "矩阵节改"},
    )


def fx_standard(t):
    return Spec(
        read="name",
        write={"description": "矩阵"},
        records=[Probe("any", t.standard)],
        creates=[Probe("new", vals={"name": "矩阵合作点标准型", "kind": "outlet", "tier": "standard"})],
    )


def fx_requirement(t):
    return _global_model(
        t,
        "gov.site.requirement",
        {"standard_id": t.standard.id, "name": "矩阵要求", "code": "MX-1", "category": "facility"},
        {"standard_id": t.standard.id, "name": "矩阵要求二", "code": "MX-2", "category": "facility"},
        "name",
        {"description": "矩阵"},
    )


def fx_site(t):
    Site = t.env["gov.site"]

    def station(village, parent):
        return {
            "name": f"{village.name}便民服务站",
            "kind": "station",
            "division_id": village.id,
            "parent_id": parent.id,
        }

    bare_a, bare_b = Site.create(station(t.village_a2, t.centre_a)), Site.create(station(t.village_b1, t.centre_b))
    return Spec(
        read="name",
        write={"service_hours_note": "矩阵"},
        records=[at(pos, t.sites[pos], t.sites[pos]) for pos in POSITIONS],
        # The sites A, A1 and B hold the other probes: delete bare stations instead.
        unlink_records=[
            at("A2 (bare station below A)", bare_a, bare_a),
            at("B1 (bare station below B)", bare_b, bare_b),
        ],
        creates=[
            Probe("new station below A", vals=station(t.village_a3, t.centre_a), sites=((False, t.centre_a),)),
            Probe("new station below B", vals=station(t.village_b2, t.centre_b), sites=((False, t.centre_b),)),
        ],
    )


def fx_window(t):
    return _site_model(
        t,
        "gov.window",
        lambda t, site: {"site_id": site.id, "code": "91", "name": "矩阵窗口"},
        lambda t, site: {"site_id": site.id, "code": "92", "name": "矩阵新窗口"},
        "name",
        {"note": "矩阵"},
    )


def fx_contact(t):
    spec = _site_model(
        t,
        "gov.site.contact",
        lambda t, site: {"site_id": site.id, "name": "矩阵内部电话", "phone": "0472-5550000", "is_public": False},
        lambda t, site: {"site_id": site.id, "name": "矩阵新电话", "phone": "0472-5550002", "is_public": False},
        "phone",
        {"phone": "0472-5550001"},
    )
    public = t.env["gov.site.contact"].create(
        {"site_id": t.centre_b.id, "name": "矩阵咨询电话", "phone": "0472-5550003", "is_public": True}
    )
    spec.records.append(at("B public", public, t.centre_b, public=True))
    return spec


def fx_inspection(t):
    spec = Spec(read="date", write={"note": "<p>矩阵</p>"}, records=[], creates=[])
    for pos in POSITIONS:
        site = t.sites[pos]
        spec.records.append(at(pos, t.inspections[pos], site))
        spec.locked.append(at(f"{pos} done", t.inspections_done[pos], site, locked=True))
        spec.creates.append(at(pos, vals={"site_id": site.id, "date": "2031-05-01"}, site=site))
        spec.locked_creates.append(
            at(
                f"{pos} born done",
                vals={"site_id": site.id, "date": "2031-05-02", "state": "done"},
                site=site,
                locked=True,
            )
        )
    return spec


def fx_inspection_line(t):
    spec = Spec(read="note", write={"note": "矩阵"}, records=[], creates=[])
    for pos in POSITIONS:
        site = t.sites[pos]
        for inspection, suffix, locked in ((t.inspections[pos], "", False), (t.inspections_done[pos], " done", True)):
            probes, creates = (spec.locked, spec.locked_creates) if locked else (spec.records, spec.creates)
            probes.append(at(pos + suffix, inspection.line_ids[:1], site, locked=locked))
            vals = {"inspection_id": inspection.id, "requirement_id": t.free_requirements[inspection.id].id}
            creates.append(at(pos + suffix, vals=vals, site=site, locked=locked))
    return spec


def fx_site_rectification(t):
    Item = t.env["gov.site.rectification"]

    def vals(pos):
        inspection = t.inspections_done[pos]
        return {"inspection_id": inspection.id, "requirement_id": inspection.line_ids[:1].requirement_id.id, "deadline": "2031-04-30"}

    spec = Spec(read="deadline", write={"evidence_note": "矩阵"}, records=[], creates=[], refused_to_all=frozenset({"unlink"}))
    for pos in POSITIONS:
        site = t.sites[pos]
        spec.records.append(at(pos, Item.create(vals(pos)), site))
        verified = Item.create(vals(pos))
        verified._gov_unlocked().write({"state": "verified"})
        spec.locked.append(at(f"{pos} verified", verified, site, locked=True))
        spec.creates.append(at(pos, vals=vals(pos), site=site))
    return spec


def fx_attainment(t):
    View = t.env["gov.site.attainment"]
    return Spec(
        read="site_count",
        write={"gap_count": 0},
        records=[at(pos, View.browse(t.sites[pos].id), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals={"site_id": t.sites[pos].id}, site=t.sites[pos]) for pos in POSITIONS],
        view=True,
    )


def fx_board(t):
    return _global_model(t, "gov.site.attainment.board", {}, {}, "summary_html", {})


def fx_settings(t):
    vals = {
        "map_provider": "amap",
        "rectification_days": 20,
        "target_basic": 100.0,
        "target_standard": 90.0,
        "target_benchmark": 40.0,
    }
    return _global_model(t, "gov.settings", vals, vals, "map_provider", {"rectification_days": 21})


def fx_site_agent(t):
    return _site_model(
        t,
        "gov.site.agent",
        lambda t, site: {"site_id": site.id, "name": "矩阵代办员", "duty": "帮办代办员", "phone": "13900000000"},
        lambda t, site: {"site_id": site.id, "name": "矩阵新代办员", "duty": "网格员", "phone": "13900000001"},
        "phone",
        {"service_scope": "矩阵"},
    )


def fx_item(t):
    return Spec(
        read="name",
        write={"sequence": 11},
        records=[Probe("draft", t.item_draft)],
        locked=[Probe("published", t.item_published, locked=True)],
        creates=[Probe("new draft", vals=t._item_vals("矩阵新建事项", "150599094000"))],
    )


def _item_line(model, vals, read, write):
    def fixture(t):
        return _global_model(
            t, model, dict(vals, item_id=t.item_draft.id), dict(vals, item_id=t.item_draft.id), read, write
        )

    return fixture


def fx_special_procedure(t):
    vals = {"item_id": t.item_draft.id, "type_id": t.procedure_type.id, "days": 5}
    return _global_model(t, "gov.item.special.procedure", vals, dict(vals, days=6), "days", {"note": "矩阵"})


def _named_model(model, name, write, **extra):
    def fixture(t):
        return _global_model(t, model, dict(extra, name=name), dict(extra, name=name + "二"), "name", write)

    return fixture


def fx_bundle_material(t):
    return _global_model(
        t,
        "gov.item.bundle.material",
        {"bundle_id": t.bundle.id, "name": "矩阵合并材料"},
        {"bundle_id": t.bundle.id, "name": "矩阵合并材料二"},
        "name",
        {"condition": "矩阵"},
    )


def fx_item_site(t):
    return _site_model(
        t,
        "gov.item.site",
        lambda t, site: {"site_id": site.id, "item_id": t.item_listed.id},
        lambda t, site: {"site_id": site.id, "item_id": t.item_unlisted.id},
        "item_id",
        {"note": "矩阵"},
    )


def fx_employee(t):
    Employee = t.env["hr.employee"]
    spec = Spec(
        read="name",
        write={"gov_dispatch_unit": "矩阵派驻单位"},
        records=[
            at(pos, Employee.create({"name": f"矩阵窗口人员{pos}", "gov_site_id": t.sites[pos].id}), t.sites[pos])
            for pos in POSITIONS
        ],
        creates=[
            at(pos, vals={"name": f"矩阵新人{pos}", "gov_site_id": t.sites[pos].id}, site=t.sites[pos])
            for pos in POSITIONS
        ],
    )
    t.bare_employees = {probe.label: probe.record for probe in spec.records}
    spec.own = {role: [at("self", emp, emp.gov_site_id, about=t.users[role])] for role, emp in t.role_employees.items()}
    return spec


def fx_employee_public(t):
    Public = t.env["hr.employee.public"]
    records = [at(pos, Public.browse(t.bare_employees[pos].id), t.sites[pos]) for pos in POSITIONS]
    records.append(Probe("no gov site", Public.browse(t.employee_no_site.id), public=True))
    return Spec(
        read="name",
        write={"name": "矩阵改名"},
        records=records,
        creates=[Probe("new", vals={"name": "矩阵公开档案"})],
        own={
            role: [at("self", Public.browse(emp.id), emp.gov_site_id, about=t.users[role])]
            for role, emp in t.role_employees.items()
        },
        view=True,
    )


def fx_resource(t):
    return _global_model(
        t,
        "resource.resource",
        {"name": "矩阵会议室", "resource_type": "material"},
        {"name": "矩阵会议室二", "resource_type": "material"},
        "name",
        {"name": "矩阵会议室改"},
    )


def fx_service_slot(t):
    return _site_model(
        t,
        "gov.service.slot",
        lambda t, site: {"site_id": site.id, "day_type": "holiday", "hour_from": 20.0, "hour_to": 21.0},
        lambda t, site: {"site_id": site.id, "day_type": "holiday", "hour_from": 22.0, "hour_to": 23.0},
        "hour_from",
        {"note": "矩阵"},
    )


def fx_roster(t):
    spec = Spec(read="date_from", write={"date_to": "2031-09-07"}, records=[], creates=[])
    for pos in POSITIONS:
        site = t.sites[pos]
        spec.records.append(at(pos, t.rosters[pos], site))
        spec.locked.append(at(f"{pos} published", t.rosters_published[pos], site, locked=True))
        spec.creates.append(
            at(pos, vals={"site_id": site.id, "date_from": "2031-11-03", "date_to": "2031-11-09"}, site=site)
        )
    return spec


def fx_shift(t):
    spec = Spec(read="date", write={"note": "矩阵"}, records=[], creates=[])
    for pos in POSITIONS:
        site = t.sites[pos]
        spec.records.append(at(pos, t.shifts[pos], site))
        spec.locked.append(at(f"{pos} published", t.shifts_published[pos], site, locked=True))
        for roster, suffix, locked in ((t.rosters[pos], "", False), (t.rosters_published[pos], " published", True)):
            vals = {
                "roster_id": roster.id,
                "window_id": t.windows[pos].id,
                "date": roster.date_from,
                "hour_from": 13.5,
                "hour_to": 17.5,
            }
            (spec.locked_creates if locked else spec.creates).append(
                at(pos + suffix, vals=vals, site=site, locked=locked)
            )
    return spec


def _notice_vals(employee, day):
    return {
        "employee_id": employee.id,
        "reason": "到村委会核实材料",
        "contact": "0472-5551000",
        "date_start": f"{day} 01:00:00",
        "expected_return": f"{day} 03:00:00",
    }


def fx_whereabouts(t):
    Notice = t.env["gov.whereabouts"]
    spec = Spec(
        read="reason",
        write={"contact": "13900000009"},
        records=[at(pos, Notice.create(_notice_vals(t.staff[pos], "2031-09-02")), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=_notice_vals(t.staff[pos], "2031-09-04"), site=t.sites[pos]) for pos in POSITIONS],
    )
    for role, emp in t.role_employees.items():
        user = t.users[role]
        spec.own[role] = [at("self", Notice.create(_notice_vals(emp, "2031-09-02")), emp.gov_site_id, about=user)]
        spec.own_creates[role] = [at("self", vals=_notice_vals(emp, "2031-09-05"), site=emp.gov_site_id, about=user)]
        # Their own notice, but for a window of centre B (no role works there): refused to those
        # who only post their own notices.
        spec.own_creates[role].append(
            Probe(
                "self, window of centre B",
                vals=dict(_notice_vals(emp, "2031-09-06"), window_id=t.windows["B"].id),
                sites=((emp.gov_site_id, emp.gov_site_id.parent_id), (t.centre_b, t.centre_b.parent_id)),
                about=user,
                only_self=True,
            )
        )
    return spec


def _session_vals(site, day):
    return {
        "name": "矩阵岗位练兵",
        "form": "drill",
        "site_id": site.id,
        "trainer": "区政务服务局",
        "date_start": f"{day} 01:00:00",
        "date_end": f"{day} 03:00:00",
        "hours": 2.0,
    }


def fx_session(t):
    spec = Spec(read="name", write={"location": "矩阵"}, records=[], creates=[])
    for pos in POSITIONS:
        site = t.sites[pos]
        spec.records.append(at(pos, t.sessions[pos], site))
        spec.locked.append(at(f"{pos} done", t.sessions_done[pos], site, locked=True))
        spec.creates.append(at(pos, vals=_session_vals(site, "2031-09-10"), site=site))
    return spec


def fx_attendance(t):
    Attendance = t.env["gov.training.attendance"]
    spec = Spec(read="attendance", write={"score": 80.0}, records=[], creates=[], any_site_reads=True)

    def probe(label, session, employee, vals_only=False, locked=False):
        pairs = ((session.site_id, session.site_id.parent_id), (employee.gov_site_id, employee.gov_site_id.parent_id))
        vals = {"session_id": session.id, "employee_id": employee.id}
        if vals_only:
            return Probe(label, vals=vals, sites=pairs, locked=locked)
        return Probe(
            label,
            Attendance.search([("session_id", "=", session.id), ("employee_id", "=", employee.id)]),
            sites=pairs,
            locked=locked,
        )

    for pos in POSITIONS:
        spec.records.append(probe(pos, t.sessions[pos], t.staff[pos]))
        spec.locked.append(probe(f"{pos} done", t.sessions_done[pos], t.staff[pos], locked=True))
        spec.creates.append(probe(pos, t.sessions[pos], t.staff2[pos], vals_only=True))
        spec.locked_creates.append(
            probe(f"{pos} done", t.sessions_done[pos], t.staff2[pos], vals_only=True, locked=True)
        )
    # Session of one township, attendee of the other.
    spec.records += [
        probe("session A/attendee B", t.sessions["A"], t.staff["B"]),
        probe("session B/attendee A", t.sessions["B"], t.staff["A"]),
    ]
    spec.creates += [
        probe("session A/attendee B", t.sessions["A"], t.staff2["B"], vals_only=True),
        probe("session B/attendee A", t.sessions["B"], t.staff2["A"], vals_only=True),
    ]
    return spec


def fx_plan(t):
    return _site_model(
        t,
        "gov.capability.plan",
        lambda t, site: {"site_id": site.id, "year": 2031, "planned_hours": 10.0},
        lambda t, site: {"site_id": site.id, "year": 2032, "planned_hours": 12.0},
        "year",
        {"planned_sessions": 3},
    )


# ----------------------------------------------------------------------------------------- cases
# The cases the fixtures work on are built once in setUpClass (TestAccessMatrix._cases): at each
# site a case in consultation (its material missing), an accepted one, an accepted one without a
# pause (for the create checks of pauses) and an accepted joint case; and two cases of the portal
# user (partner_id is their partner), one in consultation and one accepted. A "self" probe of a
# citizen has no site: in_scope() requires self probes' sites to be the user's, and a citizen has none.
def _case_vals(t, site, **extra):
    return dict(
        {
            "item_id": t.item_published.id,
            "site_id": site.id,
            "applicant_name": "矩阵申请人",
            "applicant_phone": "13900000010",
            "id_number_input": "11010519491231002X",
        },
        **extra,
    )


def _citizen(t, record):
    return Probe("self (the citizen's case)", record, about=t.users["portal"])


def fx_case(t):
    # The citizen writes and creates their own online drafts only (an item taken online at centre B);
    # the case they applied for at the window is theirs to read, not to change.
    return Spec(
        read="applicant_name",
        write={"applicant_address": "矩阵地址"},
        records=[at(pos, t.cases[pos], t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=_case_vals(t, t.sites[pos]), site=t.sites[pos]) for pos in POSITIONS],
        own={"portal": [_citizen(t, t.case_portal_draft)]},
        own_creates={
            "portal": [
                Probe(
                    "self (the citizen's online application)",
                    vals=_case_vals(t, t.centre_b, item_id=t.item_online.id),
                    about=t.users["portal"],
                )
            ]
        },
        locked=[Probe("self (the citizen's case at the window)", t.case_portal, about=t.users["portal"], locked=True)],
        refused_to_all=frozenset({"unlink"}),  # archived, never deleted
    )


def fx_case_material(t):
    Material = t.env["gov.case.material"]
    # Materials the item requires stay on the checklist: delete a line the window added instead.
    extra = {pos: Material.create({"case_id": t.cases[pos].id, "name": "矩阵附加材料"}) for pos in POSITIONS}
    return Spec(
        read="name",
        write={"fault_note": "矩阵"},
        records=[at(pos, t.cases[pos].material_ids[:1], t.sites[pos]) for pos in POSITIONS],
        unlink_records=[at(pos, extra[pos], t.sites[pos]) for pos in POSITIONS],
        locked=[
            at(f"{pos} accepted", t.cases_accepted[pos].material_ids[:1], t.sites[pos], locked=True)
            for pos in POSITIONS
        ],
        creates=[
            at(pos, vals={"case_id": t.cases[pos].id, "name": "矩阵补充材料"}, site=t.sites[pos]) for pos in POSITIONS
        ],
        own={"portal": [_citizen(t, Material.create({"case_id": t.case_portal.id, "name": "矩阵附加材料"}))]},
    )


def _pause_vals(t, case):
    return {"case_id": case.id, "kind": "special", "reason": "矩阵专家评审", "procedure_type_id": t.procedure_type.id}


def fx_case_pause(t):
    Pause = t.env["gov.case.pause"]
    return Spec(
        read="reason",
        write={"reason": "矩阵补充说明"},
        records=[at(pos, Pause.create(_pause_vals(t, t.cases_accepted[pos])), t.sites[pos]) for pos in POSITIONS],
        # A case is paused once at a time: new pauses go to accepted cases without one.
        creates=[at(pos, vals=_pause_vals(t, t.cases_to_pause[pos]), site=t.sites[pos]) for pos in POSITIONS],
        own={"portal": [_citizen(t, Pause.create(_pause_vals(t, t.case_portal_accepted)))]},
        refused_to_all=frozenset({"unlink"}),  # a pause of an accepted case is history
    )


def fx_case_leg(t):
    Leg = t.env["gov.case.leg"]

    def vals(case):
        return {"case_id": case.id, "leg_type": "centre_station", "payload": "result"}

    return Spec(
        read="leg_type",
        write={"note": "矩阵"},
        records=[at(pos, Leg.create(vals(t.cases_accepted[pos])), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=vals(t.cases_accepted[pos]), site=t.sites[pos]) for pos in POSITIONS],
        own={"portal": [_citizen(t, Leg.create(vals(t.case_portal_accepted)))]},
        refused_to_all=frozenset({"unlink"}),  # a leg of an accepted case is history
    )


def fx_case_task(t):
    Task = t.env["gov.case.task"]

    def vals(case, name):
        department = t.env.ref("gov_items.dept_civil")
        return {"case_id": case.id, "name": name, "department_id": department.id, "deadline": "2031-12-01"}

    return Spec(
        read="name",
        write={"note": "矩阵"},
        records=[at(pos, Task.create(vals(t.cases_joint[pos], "矩阵会签")), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=vals(t.cases_joint[pos], "矩阵新会签"), site=t.sites[pos]) for pos in POSITIONS],
        refused_to_all=frozenset({"unlink"}),  # a sub-task of an accepted case is history
    )


def fx_case_notice(t):
    Notice = t.env["gov.case.notice"]

    def issued(case):
        return Notice.create({"case_id": case.id, "kind": "completion"})

    return Spec(
        read="name",
        write={"reason": "矩阵"},
        records=[at(pos, issued(t.cases_accepted[pos]), t.sites[pos]) for pos in POSITIONS],
        # The one-time notice (一次性告知) of a case whose material is missing.
        creates=[
            at(pos, vals={"case_id": t.cases[pos].id, "kind": "one_time"}, site=t.sites[pos]) for pos in POSITIONS
        ],
        own={"portal": [_citizen(t, issued(t.case_portal_accepted))]},
        refused_to_all=frozenset({"write", "unlink"}),  # kept as issued
    )


def fx_case_id_read(t):
    Read = t.env["gov.case.id.read"]

    def vals(case):
        return {"case_id": case.id, "user_id": t.users["clerk"].id}

    return Spec(
        read="user_id",
        write={"user_id": t.users["manager"].id},
        records=[at(pos, Read.create(vals(t.cases[pos])), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=vals(t.cases[pos]), site=t.sites[pos]) for pos in POSITIONS],
        refused_to_all=frozenset({"write", "unlink"}),  # append-only
    )


DAY_KINDS = ("working", "saturday", "sunday", "holiday")


def fx_appointment(t):
    """Bookable slots at A, A1 and B: the published item listed at each site's window, a
    published one-day roster two days ahead with a person on that window all day. Records, creates
    and the citizen's own take different slots, so no probe finds its slot full."""
    from ..models.gov_appointment import china_today  # noqa: PLC0415

    env = t.env
    day = china_today() + datetime.timedelta(days=2)
    Appointment = env["gov.appointment"]
    slots = {}
    for pos in POSITIONS:
        site = t.sites[pos]
        env["gov.item.site"].create(
            {"site_id": site.id, "item_id": t.item_published.id, "window_id": t.windows[pos].id}
        )
        roster = env["gov.roster"].create({"site_id": site.id, "date_from": day, "date_to": day})
        env["gov.roster.shift"].create(
            {
                "roster_id": roster.id,
                "window_id": t.windows[pos].id,
                "date": day,
                "hour_from": 0.0,
                "hour_to": 24.0,
                "employee_id": t.staff[pos].id,
            }
        )
        roster._gov_unlocked().write({"state": "published"})
        # The sites have service hours of their own (fx_service_slot): open 8:00-12:00 whatever the day.
        env["gov.service.slot"].create(
            [{"site_id": site.id, "day_type": kind, "hour_from": 8.0, "hour_to": 12.0} for kind in DAY_KINDS]
        )
        slots[pos] = Appointment._bookable_slots(site, t.item_published, day, day)

    def vals(pos, index, **extra):
        return dict(
            {
                "site_id": t.sites[pos].id,
                "item_id": t.item_published.id,
                "date": day,
                "hour_from": slots[pos][index]["hour_from"],
                "applicant_name": "矩阵预约人",
                "applicant_phone": "13900000010",
            },
            **extra,
        )

    citizen = t.users["portal"].partner_id.id
    return Spec(
        read="number",
        write={"applicant_phone": "13900000011"},
        records=[at(pos, Appointment.create(vals(pos, 0)), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=vals(pos, 1), site=t.sites[pos]) for pos in POSITIONS],
        own={"portal": [_citizen(t, Appointment.create(vals("B", 2, partner_id=citizen)))]},
        own_creates={
            "portal": [
                Probe("self (the citizen's booking)", vals=vals("B", 3, partner_id=citizen), about=t.users["portal"])
            ]
        },
        refused_to_all=frozenset({"unlink"}),  # cancelled, never deleted
    )


def fx_auditlog_log(t):
    vals = {
        "name": "矩阵甲镇便民服务中心",
        "model_id": t.env["ir.model"]._get_id("gov.site"),
        "res_id": t.centre_a.id,
        "method": "write",
    }
    return _global_model(t, "auditlog.log", vals, vals, "method", {"method": "unlink"})


def fx_auditlog_log_line(t):
    log = t.env["auditlog.log"].create(
        {"name": "矩阵", "model_id": t.env["ir.model"]._get_id("gov.site"), "res_id": t.centre_a.id, "method": "write"}
    )
    vals = {
        "log_id": log.id,
        "field_id": t.env["ir.model.fields"]._get("gov.site", "phone").id,
        "old_value": "0472-1",
        "new_value": "0472-2",
    }
    return _global_model(t, "auditlog.log.line", vals, vals, "new_value", {"new_value": "0472-3"})


# The audit log (OCA auditlog) the suite lets district administrators read; used only when the
# module is installed and the models are in the matrix.
AUDITLOG_FIXTURES = {
    "auditlog.log": fx_auditlog_log,
    "auditlog.log.line": fx_auditlog_log_line,
    "auditlog.http.request": _named_model("auditlog.http.request", "/gov/sites", {"root_url": "http://127.0.0.1"}),
    "auditlog.http.session": _named_model("auditlog.http.session", "matrix-session", {"name": "matrix-session-2"}),
}


# ----------------------------------------------------------------------------------------- queue
def fx_queue_service(t):
    return _site_model(
        t,
        "gov.queue.service",
        lambda t, site: {"site_id": site.id, "prefix": "M", "name": "矩阵业务"},
        lambda t, site: {"site_id": site.id, "prefix": "N", "name": "矩阵新业务"},
        "name",
        {"description": "矩阵"},
    )


def _queue_vals(t, site):
    return {"site_id": site.id, "service_id": site.queue_service_ids[:1].id}


def fx_queue_ticket(t):
    return _site_model(
        t,
        "gov.queue.ticket",
        _queue_vals,
        _queue_vals,
        "number",
        {"note": "矩阵"},
        refused_to_all=frozenset({"unlink"}),  # kept for the queue figures
    )


def fx_queue_transfer(t):
    Ticket = t.env["gov.queue.ticket"]

    def vals(t, site):
        ticket = Ticket.create(_queue_vals(t, site))
        return {"ticket_id": ticket.id, "service_id": ticket.service_id.id}

    return _site_model(t, "gov.queue.transfer", vals, vals, "service_id", {"window_id": False})


# ------------------------------------------------------------------------------ evaluations
def _evaluation(t, pos, level="1"):
    """A walk-in consultation rated on the window's device at ``pos`` (a bad one opens a rectification)."""
    values = {"level": level}
    if level in ("4", "5"):
        values["reason_ids"] = [t.env.ref("gov_eval.reason_attitude").id]
    return t.env["gov.evaluation"]._rate_window(t.windows[pos], values)


def fx_evaluation_reason(t):
    return _global_model(
        t,
        "gov.evaluation.reason",
        {"code": "M0", "name": "矩阵原因"},
        {"code": "M1", "name": "矩阵新原因"},
        "name",
        {"sequence": 50},
    )


def fx_evaluation(t):
    # Staff enter what came by phone or from the suggestion box; the citizens' own ratings are made by
    # the public pages (as the application); nobody changes a rating.
    def entered(pos):
        site = t.sites[pos]
        return {
            "window_id": t.windows[pos].id,
            "site_id": site.id,
            "occasion": "consultation",
            "channel": "box",
            "level": "2",
        }

    rated = t.env["gov.evaluation"]._rate_case(t.case_portal_accepted, "acceptance", "qr", {"level": "1"})
    return Spec(
        read="level",
        write={"comment": "矩阵"},
        records=[at(pos, _evaluation(t, pos), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=entered(pos), site=t.sites[pos]) for pos in POSITIONS],
        own={"portal": [_citizen(t, rated)]},
        refused_to_all=frozenset({"unlink"}),  # the citizen's word: never deleted
    )


def fx_kpi_fact(t):
    # The fact of each position's accepted case (the view's ids: record id × kinds + the kind's place).
    View = t.env["gov.kpi.fact"]
    return Spec(
        read="accepted_count",
        write={"accepted_count": 0},
        records=[
            at(pos, View.browse(t.cases_accepted[pos].id * KPI_KIND_COUNT + 1), t.sites[pos]) for pos in POSITIONS
        ],
        creates=[at(pos, vals={"site_id": t.sites[pos].id}, site=t.sites[pos]) for pos in POSITIONS],
        view=True,
    )


def _appraisals(t):
    """A draft and an approved appraisal at centres A and B (stations do not appraise), each with a
    line for the site's staff member and its attendance-and-conduct score; the approved one at A
    has a line for every role's employee at A (what each reads as ``self``). Built once."""
    if getattr(t, "appraisals", None):
        return t.appraisals
    env = t.env
    conduct = env.ref("gov_eval.criterion_conduct")
    result = {}
    for year, pos in ((2041, "A"), (2042, "B")):
        for state in ("draft", "approved"):
            appraisal = env["gov.appraisal"].create(
                {"centre_id": t.sites[pos].id, "year": year, "quarter": "1" if state == "draft" else "2"}
            )
            people = t.staff[pos]
            if state == "approved" and pos == "A":
                people |= env["hr.employee"].concat(*(e for e in t.role_employees.values() if e.gov_site_id == t.sites["A"]))
            lines = env["gov.appraisal.line"].create(
                [{"appraisal_id": appraisal.id, "employee_id": employee.id} for employee in people]
            )
            env["gov.appraisal.score"].create([{"line_id": line.id, "criterion_id": conduct.id} for line in lines])
            appraisal.state = state
            result[pos, state] = appraisal
    t.appraisals = result
    return result


def _appraisal_spec(t, records_of, read, write, creates):
    """Spec of the appraisal models: drafts as records, approved ones locked, the approved A one's
    line (or score) of each appraised role as its ``self``."""
    appraisals = _appraisals(t)
    done_a = appraisals["A", "approved"]
    spec = Spec(
        read=read,
        write=write,
        records=[at(pos, records_of(appraisals[pos, "draft"], t.staff[pos]), t.sites[pos]) for pos in ("A", "B")],
        creates=[at(pos, vals=creates(appraisals[pos, "draft"], pos), site=t.sites[pos]) for pos in ("A", "B")],
        locked=[
            at(f"{pos} approved", records_of(appraisals[pos, "approved"], t.staff[pos]), t.sites[pos], locked=True)
            for pos in ("A", "B")
        ],
    )
    for role in ("clerk", "approver"):
        employee = t.role_employees[role]
        spec.own[role] = [at("self", records_of(done_a, employee), t.sites["A"], about=t.users[role])]
    return spec


def fx_appraisal_criterion(t):
    # The default criterion of the probe's way of scoring is archived: one active criterion per way.
    volume = t.env.ref("gov_eval.criterion_volume")
    volume.active = False
    volume.flush_recordset()
    return _global_model(
        t,
        "gov.appraisal.criterion",
        {"name": "矩阵指标", "method": "volume", "weight": 15},
        {"name": "矩阵新指标", "method": "volume", "weight": 15, "active": False},
        "weight",
        {"description": "矩阵"},
    )


def fx_appraisal(t):
    spec = _appraisal_spec(
        t,
        lambda appraisal, employee: appraisal,
        "state",
        {"note": "矩阵"},
        lambda draft, pos: {"centre_id": t.sites[pos].id, "year": 2045},
    )
    spec.refused_to_all = frozenset({"unlink"})  # kept on record
    return spec


def fx_appraisal_line(t):
    return _appraisal_spec(
        t,
        lambda appraisal, employee: appraisal.line_ids.filtered(lambda line: line.employee_id == employee),
        "total",
        {"adjustment_reason": "矩阵"},
        lambda draft, pos: {"appraisal_id": draft.id, "employee_id": t.staff2[pos].id},
    )


def fx_appraisal_score(t):
    satisfaction = t.env.ref("gov_eval.criterion_satisfaction")
    return _appraisal_spec(
        t,
        lambda appraisal, employee: appraisal.line_ids.filtered(lambda line: line.employee_id == employee).score_ids,
        "points",
        {"manual_score": 5.0},
        lambda draft, pos: {"line_id": draft.line_ids[:1].id, "criterion_id": satisfaction.id},
    )


def fx_kpi_report(t):
    # Months long past: a month in the future is refused, and the test data's months are left alone.
    return _global_model(
        t,
        "gov.kpi.report",
        {"month": "2021-02-01"},
        {"month": "2021-03-01"},
        "period",
        {"note": "矩阵"},
        refused_to_all=frozenset({"unlink"}),  # the district's record of the month, never deleted
    )


def fx_evaluation_appeal(t):
    Appeal = t.env["gov.evaluation.appeal"]

    def vals(pos):
        return {"evaluation_id": _evaluation(t, pos, "5").id, "grounds": "mistaken", "statement": "矩阵申诉"}

    decided = Appeal.create(vals("A"))
    decided.decision_note = "矩阵复核"
    decided.action_reject()
    return Spec(
        read="grounds",
        write={"statement": "矩阵申诉理由"},
        records=[at(pos, Appeal.create(vals(pos)), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=vals(pos), site=t.sites[pos]) for pos in POSITIONS],
        locked=[at("A (decided)", decided, t.sites["A"], locked=True)],
        refused_to_all=frozenset({"unlink"}),  # part of the review's record
    )


def fx_rectification(t):
    # Opened by the application for every bad review; written by the person responsible for it and by
    # the centre's managers.
    def opened(pos):
        return _evaluation(t, pos, "5").rectification_ids

    def about(role):
        record = opened("A")
        record._gov_unlocked().write({"user_id": t.users[role].id})
        return Probe(f"self (responsible {role})", record, sites=((t.sites["A"], False),), about=t.users[role])

    for_managers = {pos: opened(pos) for pos in POSITIONS}
    for record in for_managers.values():
        record._gov_unlocked().write({"user_id": t.users["manager"].id})
    return Spec(
        read="number",
        write={"callback_note": "矩阵回访"},
        records=[at(pos, for_managers[pos], t.sites[pos]) for pos in POSITIONS],
        creates=[
            at(pos, vals={"evaluation_id": _evaluation(t, pos).id, "opened_on": "2031-01-06"}, site=t.sites[pos])
            for pos in POSITIONS
        ],
        own={role: [about(role)] for role in ("clerk", "approver")},
        refused_to_all=frozenset({"unlink"}),  # the record of how a bad review was handled
    )


# ------------------------------------------------------------------------------------ complaints
def _complaint_vals(t, site, **extra):
    return dict(
        {
            "site_id": site.id,
            "kind": "complaint",
            "channel": "hotline",
            "citizen_name": "矩阵投诉人",
            "citizen_phone": "13900000012",
            "description": "矩阵投诉",
        },
        **extra,
    )


def fx_complaint(t):
    """Complaints at A, A1 and B as received (clerks and agents correct them), and one being
    handled at each site (locked for them); the citizen's own, filed at B."""
    Complaint = t.env["gov.complaint"]

    def handled(site):
        record = Complaint.create(_complaint_vals(t, site))
        record._gov_unlocked().write({"state": "assigned"})
        return record

    citizen = Complaint.create(_complaint_vals(t, t.centre_b, partner_id=t.users["portal"].partner_id.id))
    return Spec(
        read="description",
        write={"note": "矩阵"},
        records=[at(pos, Complaint.create(_complaint_vals(t, t.sites[pos])), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=_complaint_vals(t, t.sites[pos]), site=t.sites[pos]) for pos in POSITIONS],
        locked=[at(f"{pos} in progress", handled(t.sites[pos]), t.sites[pos], locked=True) for pos in POSITIONS],
        own={"portal": [Probe("self (the citizen's complaint)", citizen, about=t.users["portal"])]},
        refused_to_all=frozenset({"unlink"}),  # rejected with a reason, never deleted
    )


# ---------------------------------------------------------------------------- operated centres
def _contracts(t):
    """At centres A and B (only township centres are run by a third party): a draft contract of 2041
    with a satisfaction target, and a running contract of 2025 with a draft scorecard (March) and a
    confirmed one (February), each with a line. Built once."""
    if getattr(t, "service_contracts", None):
        return t.service_contracts
    env = t.env
    provider = env["res.partner"].create({"name": "矩阵托管服务公司", "is_company": True})
    Contract, Scorecard = env["gov.service.contract"], env["gov.service.scorecard"]
    Line = env["gov.service.scorecard.line"]
    result = {}
    for pos in ("A", "B"):
        site = t.sites[pos]

        def contract_vals(start, end, site=site):
            return {
                "name": "矩阵托管合同",
                "site_id": site.id,
                "provider_id": provider.id,
                "credit_code": "91110000600037341L",
                "date_start": start,
                "date_end": end,
                "monthly_fee": 10000,
            }

        draft = Contract.create(
            dict(contract_vals("2041-01-01", "2041-12-31"), target_ids=[Command.create({"metric": "satisfaction"})])
        )
        running = Contract.create(
            dict(contract_vals("2025-01-01", "2025-12-31"), target_ids=[Command.create({"metric": "satisfaction"})])
        )
        running.state = "running"
        cards = {}
        for state, month in (("draft", "2025-03-01"), ("confirmed", "2025-02-01")):
            card = Scorecard.create({"contract_id": running.id, "month": month})
            Line.create({"scorecard_id": card.id, "metric": "waiting", "result": "no_data"})
            card.state = state
            cards[state] = card
        result[pos] = {
            "vals": contract_vals,
            "contract": draft,
            "running": running,
            "card": cards["draft"],
            "confirmed": cards["confirmed"],
        }
    t.service_contracts = result
    return result


def fx_service_contract(t):
    contracts = _contracts(t)
    return Spec(
        read="number",
        write={"note": "<p>矩阵</p>"},
        records=[at(pos, contracts[pos]["contract"], t.sites[pos]) for pos in ("A", "B")],
        creates=[
            at(pos, vals=contracts[pos]["vals"]("2042-01-01", "2042-12-31"), site=t.sites[pos]) for pos in ("A", "B")
        ],
        refused_to_all=frozenset({"unlink"}),  # contracts are archived, never deleted
    )


def fx_service_contract_target(t):
    contracts = _contracts(t)
    return Spec(
        read="target",
        write={"deduction_cap": 999},
        records=[at(pos, contracts[pos]["contract"].target_ids, t.sites[pos]) for pos in ("A", "B")],
        creates=[
            at(pos, vals={"contract_id": contracts[pos]["contract"].id, "metric": "waiting"}, site=t.sites[pos])
            for pos in ("A", "B")
        ],
        locked=[
            at(f"{pos} running", contracts[pos]["running"].target_ids, t.sites[pos], locked=True) for pos in ("A", "B")
        ],
    )


def fx_service_scorecard(t):
    contracts = _contracts(t)
    return Spec(
        read="amount_payable",
        write={"note": "矩阵"},
        records=[at(pos, contracts[pos]["card"], t.sites[pos]) for pos in ("A", "B")],
        creates=[
            at(pos, vals={"contract_id": contracts[pos]["running"].id, "month": "2025-04-01"}, site=t.sites[pos])
            for pos in ("A", "B")
        ],
        locked=[at(f"{pos} confirmed", contracts[pos]["confirmed"], t.sites[pos], locked=True) for pos in ("A", "B")],
    )


def fx_service_scorecard_line(t):
    contracts = _contracts(t)
    return Spec(
        read="deduction",
        write={"comment": "矩阵"},
        records=[at(pos, contracts[pos]["card"].line_ids, t.sites[pos]) for pos in ("A", "B")],
        creates=[
            at(pos, vals={"scorecard_id": contracts[pos]["card"].id, "metric": "staffing"}, site=t.sites[pos])
            for pos in ("A", "B")
        ],
        locked=[
            at(f"{pos} confirmed", contracts[pos]["confirmed"].line_ids, t.sites[pos], locked=True)
            for pos in ("A", "B")
        ],
    )


# ------------------------------------------------------------------------------- plan supervision
def _matrix_plan(t):
    if not getattr(t, "matrix_plan", None):
        t.matrix_plan = t.env["gov.plan"].create({"name": "矩阵方案", "year": 2041})
    return t.matrix_plan


def fx_gov_plan(t):
    return _global_model(
        t,
        "gov.plan",
        {"name": "矩阵方案二", "year": 2041},
        {"name": "矩阵方案三", "year": 2042},
        "name",
        {"summary": "矩阵"},
    )


def fx_plan_action(t):
    plan = _matrix_plan(t)
    common = {"plan_id": plan.id, "action_line": "standard", "deadline": "2041-10-31"}
    return _global_model(
        t,
        "gov.plan.action",
        dict(common, number=1, name="矩阵任务"),
        dict(common, number=2, name="矩阵任务二"),
        "lead_units",
        {"outputs": "矩阵"},
    )


def fx_plan_milestone(t):
    plan = _matrix_plan(t)
    return _global_model(
        t,
        "gov.plan.milestone",
        {"plan_id": plan.id, "name": "矩阵节点", "deadline": "2041-03-30"},
        {"plan_id": plan.id, "name": "矩阵节点二", "deadline": "2041-05-31"},
        "deadline",
        {"name": "矩阵节点改"},
    )


def fx_plan_report(t):
    """Draft reports of centres A and B (stations do not report), and one of A submitted (locked)."""
    Report = t.env["gov.plan.report"]
    task = t.env.ref("gov_eval.plan_2023_task_02")

    def vals(site, month):
        return {
            "site_id": site.id,
            "action_id": task.id,
            "date_from": f"2041-{month:02d}-01",
            "status": "progress",
            "next_steps": "矩阵",
        }

    submitted = Report.create(vals(t.centre_a, 3))
    submitted.action_submit()
    centres = {"A": t.centre_a, "B": t.centre_b}
    return Spec(
        read="status",
        write={"next_steps": "矩阵下一步"},
        records=[at(pos, Report.create(vals(site, 1)), site) for pos, site in centres.items()],
        creates=[at(pos, vals=vals(site, 2), site=site) for pos, site in centres.items()],
        locked=[at("A (submitted)", submitted, t.centre_a, locked=True)],
    )


def fx_plan_progress(t):
    task = t.env.ref("gov_eval.plan_2023_task_01")
    View = t.env["gov.plan.progress"]
    centres = {"A": t.centre_a, "B": t.centre_b}
    return Spec(
        read="status",
        write={"progress": 0},
        records=[at(pos, View.browse(task.id * 100000 + site.id), site) for pos, site in centres.items()],
        creates=[at(pos, vals={"site_id": site.id}, site=site) for pos, site in centres.items()],
        view=True,
    )


def _outreach_event_vals(t, site, **extra):
    start = datetime.datetime(2031, 9, 2, 1, 0)
    return dict(
        {
            "name": "矩阵流动服务",
            "kind": "five_in",
            "target": "community",
            "site_id": site.id,
            "place": "矩阵社区广场",
            "date_start": start,
            "date_end": start + datetime.timedelta(hours=3),
        },
        **extra,
    )


def fx_outreach_event(t):
    """Draft outreach services at A, A1 and B (deleted while draft), and a held one at each site
    (locked: never deleted)."""
    Event = t.env["gov.outreach.event"]

    def held(site):
        start = datetime.datetime(2026, 1, 5, 1, 0)
        return Event.create(
            _outreach_event_vals(
                t, site, date_start=start, date_end=start + datetime.timedelta(hours=2), state="done", report="矩阵总结"
            )
        )

    return Spec(
        read="place",
        write={"note": "矩阵"},
        records=[at(pos, Event.create(_outreach_event_vals(t, t.sites[pos])), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=_outreach_event_vals(t, t.sites[pos]), site=t.sites[pos]) for pos in POSITIONS],
        locked=[at(f"{pos} held", held(t.sites[pos]), t.sites[pos], locked=True) for pos in POSITIONS],
    )


def _home_visit_vals(t, site, **extra):
    return dict(
        {
            "person_name": "矩阵老人",
            "phone": "13900000020",
            "address": "矩阵村1号",
            "reason": "elderly",
            "site_id": site.id,
            "item_ids": [Command.set(t.item_published.ids)],
        },
        **extra,
    )


def fx_home_visit(t):
    """Requests at A, A1 and B (deleted while requested), a done one at each site (locked), and the
    citizen's own at B."""
    Visit = t.env["gov.home.visit"]

    def done(site):
        record = Visit.create(_home_visit_vals(t, site))
        record._gov_unlocked().write({"state": "done", "result": "矩阵"})
        return record

    citizen = t.users["portal"].partner_id.id
    return Spec(
        read="address",
        write={"note": "矩阵"},
        records=[at(pos, Visit.create(_home_visit_vals(t, t.sites[pos])), t.sites[pos]) for pos in POSITIONS],
        creates=[at(pos, vals=_home_visit_vals(t, t.sites[pos]), site=t.sites[pos]) for pos in POSITIONS],
        locked=[at(f"{pos} done", done(t.sites[pos]), t.sites[pos], locked=True) for pos in POSITIONS],
        own={
            "portal": [
                Probe(
                    "self (the citizen's request)",
                    Visit.create(_home_visit_vals(t, t.centre_b, partner_id=citizen)),
                    about=t.users["portal"],
                )
            ]
        },
        own_creates={
            "portal": [
                Probe(
                    "self (the citizen's request)",
                    vals={
                        key: value
                        for key, value in _home_visit_vals(t, t.centre_b, partner_id=citizen).items()
                        if key != "item_ids"  # the portal form adds the items itself
                    },
                    about=t.users["portal"],
                )
            ]
        },
    )


FIXTURES = {
    "gov.division": fx_division,
    "gov.holiday": fx_holiday,
    "gov.site.standard": fx_standard,
    "gov.site.requirement": fx_requirement,
    "gov.site": fx_site,
    "gov.window": fx_window,
    "gov.site.contact": fx_contact,
    "gov.site.inspection": fx_inspection,
    "gov.site.inspection.line": fx_inspection_line,
    "gov.site.rectification": fx_site_rectification,
    "gov.site.attainment": fx_attainment,
    "gov.kpi.fact": fx_kpi_fact,
    "gov.appraisal.criterion": fx_appraisal_criterion,
    "gov.appraisal": fx_appraisal,
    "gov.appraisal.line": fx_appraisal_line,
    "gov.appraisal.score": fx_appraisal_score,
    "gov.kpi.report": fx_kpi_report,
    "gov.site.attainment.board": fx_board,
    "gov.settings": fx_settings,
    "gov.site.agent": fx_site_agent,
    "gov.item": fx_item,
    "gov.item.material": _item_line(
        "gov.item.material", {"name": "矩阵材料", "form": "original"}, "name", {"note": "矩阵"}
    ),
    "gov.item.legal.basis": _item_line("gov.item.legal.basis", {"law": "矩阵条例"}, "law", {"article": "第一条"}),
    "gov.item.step": _item_line("gov.item.step", {"name": "矩阵环节"}, "name", {"description": "矩阵"}),
    "gov.item.special.procedure": fx_special_procedure,
    "gov.item.intermediary": _item_line("gov.item.intermediary", {"name": "矩阵中介服务"}, "name", {"fee": "矩阵"}),
    "gov.item.category": _named_model("gov.item.category", "矩阵类别", {"description": "矩阵"}),
    "gov.item.department": _named_model("gov.item.department", "矩阵部门", {"phone": "0472-5552000"}),
    "gov.item.special.procedure.type": _named_model("gov.item.special.procedure.type", "矩阵程序", {"sequence": 99}),
    "gov.item.bundle": _named_model("gov.item.bundle", "矩阵一件事", {"description": "矩阵"}),
    "gov.item.bundle.material": fx_bundle_material,
    "gov.item.site": fx_item_site,
    "hr.employee": fx_employee,
    "hr.employee.public": fx_employee_public,
    "resource.resource": fx_resource,
    "gov.service.slot": fx_service_slot,
    "gov.roster": fx_roster,
    "gov.roster.shift": fx_shift,
    "gov.whereabouts": fx_whereabouts,
    "gov.training.session": fx_session,
    "gov.training.attendance": fx_attendance,
    "gov.capability.plan": fx_plan,
    "gov.case": fx_case,
    "gov.case.material": fx_case_material,
    "gov.case.pause": fx_case_pause,
    "gov.case.leg": fx_case_leg,
    "gov.case.task": fx_case_task,
    "gov.case.notice": fx_case_notice,
    "gov.case.id.read": fx_case_id_read,
    "gov.queue.service": fx_queue_service,
    "gov.queue.ticket": fx_queue_ticket,
    "gov.queue.transfer": fx_queue_transfer,
    "gov.appointment": fx_appointment,
    "gov.evaluation.reason": fx_evaluation_reason,
    "gov.evaluation": fx_evaluation,
    "gov.evaluation.appeal": fx_evaluation_appeal,
    "gov.rectification": fx_rectification,
    **AUDITLOG_FIXTURES,
    "gov.complaint": fx_complaint,
    "gov.service.contract": fx_service_contract,
    "gov.service.contract.target": fx_service_contract_target,
    "gov.service.scorecard": fx_service_scorecard,
    "gov.service.scorecard.line": fx_service_scorecard_line,
    "gov.plan": fx_gov_plan,
    "gov.plan.action": fx_plan_action,
    "gov.plan.milestone": fx_plan_milestone,
    "gov.plan.report": fx_plan_report,
    "gov.plan.progress": fx_plan_progress,
    "gov.outreach.event": fx_outreach_event,
    "gov.home.visit": fx_home_visit,
}

try:
    MATRIX, MATRIX_ERRORS = load_matrix()
except (OSError, ValueError, csv.Error) as _error:
    MATRIX, MATRIX_ERRORS = {}, [f"{MATRIX_PATH}: {_error}"]


class _Undo(Exception):
    """Raised at the end of an allowed operation to roll its savepoint back."""


class _NotFound(AccessError):
    """A search that does not find the probe: the record rules hide it (a refusal)."""


# ------------------------------------------------------------------------------------------ tests
@tagged("gov", "post_install", "-at_install")
class TestAccessMatrix(ChineseEnvCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **CHECK_CONTEXT))
        env = cls.env
        Division, Site = env["gov.division"], env["gov.site"]
        district = Division.create({"name": "矩阵区", "code": "159601000000", "division_type": "district"})
        cls.town_a, cls.town_b = Division.create(
            [
                {"name": "矩阵甲镇", "code": "159601100000", "division_type": "town", "parent_id": district.id},
                {"name": "矩阵乙镇", "code": "159601101000", "division_type": "town", "parent_id": district.id},
            ]
        )

        def village(town, number, name):
            return Division.create(
                {"name": name, "code": f"{town.code[:9]}{number:03d}", "division_type": "village", "parent_id": town.id}
            )

        village_a1 = village(cls.town_a, 201, "矩阵甲一村")
        cls.village_a2, cls.village_a3 = village(cls.town_a, 202, "矩阵甲二村"), village(cls.town_a, 203, "矩阵甲三村")
        cls.village_b1, cls.village_b2 = village(cls.town_b, 201, "矩阵乙一村"), village(cls.town_b, 202, "矩阵乙二村")
        cls.centre_a, cls.centre_b = Site.create(
            [
                {"name": f"{town.name}便民服务中心", "kind": "township_centre", "division_id": town.id}
                for town in (cls.town_a, cls.town_b)
            ]
        )
        station_a1 = Site.create(
            {
                "name": f"{village_a1.name}便民服务站",
                "kind": "station",
                "division_id": village_a1.id,
                "parent_id": cls.centre_a.id,
            }
        )
        cls.sites = {"A": cls.centre_a, "A1": station_a1, "B": cls.centre_b}
        cls.windows = {
            pos: env["gov.window"].create({"site_id": site.id, "code": "01", "name": "综合受理窗口"})
            for pos, site in cls.sites.items()
        }

        # Users of each role, and their own employee records.
        role_sites = {"admin": "A", "manager": "A", "clerk": "A", "approver": "A", "agent": "A1"}
        cls.users = {
            role: new_test_user(
                env,
                f"t_matrix_{role}",
                groups=group,
                gov_site_ids=[Command.set(cls.sites[role_sites[role]].ids)] if role in role_sites else [],
            )
            for role, group in ROLE_GROUPS.items()
        }
        Employee = env["hr.employee"]
        cls.role_employees = {
            role: Employee.create(
                {"name": f"矩阵{role}", "user_id": user.id, "gov_site_id": cls.sites[role_sites.get(role, "A")].id}
            )
            for role, user in cls.users.items()
            if role != "portal"
        }
        cls.staff = {
            pos: Employee.create({"name": f"矩阵员工{pos}", "gov_site_id": site.id}) for pos, site in cls.sites.items()
        }
        cls.staff2 = {
            pos: Employee.create({"name": f"矩阵员工{pos}乙", "gov_site_id": site.id})
            for pos, site in cls.sites.items()
        }
        cls.employee_no_site = Employee.create({"name": "矩阵机关人员"})

        # Construction standard of a kind nobody is graded against, so probes change no tier.
        cls.standard = env["gov.site.standard"].create(
            {"name": "矩阵合作点标杆型", "kind": "outlet", "tier": "benchmark"}
        )
        cls._inspections()
        cls._items()
        cls._staff_records()
        cls._cases()

        cls.specs, cls.fixture_errors = {}, {}
        declared = {model for model, _role in MATRIX}
        for model, fixture in FIXTURES.items():
            if model not in env:
                if model in declared:  # a fixture of a model not installed is only an error when declared
                    cls.fixture_errors[model] = f"model {model} does not exist"
                continue
            try:
                with env.cr.savepoint():
                    cls.specs[model] = fixture(cls)
            except Exception as error:  # reported by test_fixtures_are_valid, the other models still run
                cls.fixture_errors[model] = f"{type(error).__name__}: {error}"
        env.flush_all()
        cls.mismatches, cls.checks = [], 0

    @classmethod
    def _inspections(cls):
        Inspection = cls.env["gov.site.inspection"]
        cls.inspections, cls.inspections_done, cls.free_requirements = {}, {}, {}
        for pos, site in cls.sites.items():
            for target, date in ((cls.inspections, "2031-04-01"), (cls.inspections_done, "2031-03-02")):
                inspection = Inspection.create({"site_id": site.id, "date": date})
                # One requirement off the checklist, for the create checks of lines.
                line = inspection.line_ids[-1:]
                cls.free_requirements[inspection.id] = line.requirement_id
                line.unlink()
                target[pos] = inspection
            cls.inspections_done[pos].write({"state": "done"})

    @classmethod
    def _item_vals(cls, name, basic_code):
        return {
            "name": name,
            "category_id": cls.env.ref("gov_items.category_sb").id,
            "item_type": "05",
            "basic_code": basic_code,
            "department_id": cls.env.ref("gov_items.dept_civil").id,
            "implementing_body_id": cls.env.ref("gov_items.dept_civil").id,
            "case_kind": "promised",
            "legal_time_limit": 20,
            "promised_time_limit": 10,
            "visits": 1,
            "visit_reason": "需现场核验申请人身份",
            "acceptance_conditions": "本辖区户籍居民。",
            "material_ids": [Command.create({"name": "居民身份证", "form": "original"})],
            "step_ids": [Command.create({"name": "受理"}), Command.create({"name": "审核", "days": 9})],
        }

    @classmethod
    def _items(cls):
        Item = cls.env["gov.item"]
        cls.item_draft = Item.create(cls._item_vals("矩阵草稿事项", "150599090000"))
        cls.item_listed, cls.item_unlisted, cls.item_published = (
            Item.create(cls._item_vals(name, code))
            for name, code in (
                ("矩阵已列事项", "150599091000"),
                ("矩阵未列事项", "150599092000"),
                ("矩阵已发布事项", "150599093000"),
            )
        )
        # An item applied for online (网上办, Level II) at centre B: the citizen's own draft.
        cls.item_online = Item.create(
            dict(cls._item_vals("矩阵网上办事项", "150599095000"), form_online=True, online_depth="2")
        )
        (cls.item_listed | cls.item_unlisted | cls.item_published | cls.item_online).action_publish()
        cls.procedure_type = cls.env["gov.item.special.procedure.type"].create({"name": "矩阵专家评审"})
        cls.bundle = cls.env["gov.item.bundle"].create({"name": "矩阵合并用一件事"})

    @classmethod
    def _staff_records(cls):
        Roster, Shift, Session = cls.env["gov.roster"], cls.env["gov.roster.shift"], cls.env["gov.training.session"]
        cls.rosters, cls.rosters_published, cls.shifts, cls.shifts_published = {}, {}, {}, {}
        cls.sessions, cls.sessions_done = {}, {}
        for pos, site in cls.sites.items():
            for rosters, shifts, start, end in (
                (cls.rosters, cls.shifts, "2031-09-01", "2031-09-07"),
                (cls.rosters_published, cls.shifts_published, "2031-10-06", "2031-10-12"),
            ):
                rosters[pos] = Roster.create({"site_id": site.id, "date_from": start, "date_to": end})
                shifts[pos] = Shift.create(
                    {
                        "roster_id": rosters[pos].id,
                        "window_id": cls.windows[pos].id,
                        "date": start,
                        "hour_from": 9.0,
                        "hour_to": 12.0,
                    }
                )
            cls.rosters_published[pos].write({"state": "published"})
            for sessions, day in ((cls.sessions, "2031-09-03"), (cls.sessions_done, "2031-08-05")):
                sessions[pos] = Session.create(
                    dict(_session_vals(site, day), attendance_ids=[Command.create({"employee_id": cls.staff[pos].id})])
                )
        for session, employee in ((cls.sessions["A"], cls.staff["B"]), (cls.sessions["B"], cls.staff["A"])):
            session.write({"attendance_ids": [Command.create({"employee_id": employee.id})]})
        for session in cls.sessions_done.values():
            session.attendance_ids.write({"attendance": "present"})
            session.write({"state": "done"})

    @classmethod
    def _cases(cls):
        Case = cls.env["gov.case"]

        def case(site, accepted=False, **extra):
            record = Case.create(_case_vals(cls, site, **extra))
            if accepted:
                record.material_ids.write({"received": True})
                record.action_accept()
            return record

        cls.cases, cls.cases_accepted, cls.cases_to_pause, cls.cases_joint = {}, {}, {}, {}
        for pos, site in cls.sites.items():
            cls.cases[pos] = case(site)
            cls.cases_accepted[pos] = case(site, accepted=True)
            cls.cases_to_pause[pos] = case(site, accepted=True)
            cls.cases_joint[pos] = case(site, accepted=True, kind="joint")
        citizen = cls.users["portal"].partner_id
        cls.case_portal = case(cls.centre_b, partner_id=citizen.id)
        cls.case_portal_accepted = case(cls.centre_b, accepted=True, partner_id=citizen.id)
        cls.env["gov.item.site"].create({"site_id": cls.centre_b.id, "item_id": cls.item_online.id})
        cls.centre_b.is_public = True
        cls.case_portal_draft = Case.with_user(cls.users["portal"]).create(
            _case_vals(cls, cls.centre_b, item_id=cls.item_online.id)
        )

    # ----------------------------------------------------------------------------- the checks
    def _attempt(self, user, operation, su=False):
        """Run ``operation(env)`` as ``user`` in a savepoint that is always rolled back.

        Returns ("allowed", None), ("refused", exception) or ("error", exception)."""
        env = self.env(user=user, su=su)
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                operation(env)
                env.flush_all()
                raise _Undo
        except _Undo:
            return "allowed", None
        except (AccessError, UserError) as error:
            return "refused", error
        except Exception as error:  # every other exception is a finding
            return "error", error
        finally:
            self.env.invalidate_all(flush=False)

    @staticmethod
    def _operation(model, spec, check, probe):
        if check == "read":
            return lambda env: probe.record.with_env(env).read([spec.read])
        if check == "search":

            def search(env):
                if probe.record.id not in env[model].search([("id", "=", probe.record.id)]).ids:
                    raise _NotFound(probe.record.id)

            return search
        if check == "write":
            return lambda env: probe.record.with_env(env).write(dict(spec.write))
        if check == "create":
            return lambda env: env[model].create(dict(probe.vals))
        return lambda env: probe.record.with_env(env).unlink()

    @staticmethod
    def _probes(spec, role, check, cell):
        if check == "create":
            probes = spec.creates + spec.own_creates.get(role, [])
            probes += spec.locked_creates if cell.draft else []
        else:
            records = spec.unlink_records if check == "unlink" and spec.unlink_records is not None else spec.records
            probes = records + spec.own.get(role, [])
            probes += spec.locked if check in ("write", "unlink") and cell.draft else []
        self_alone = "self" in cell.scopes and not cell.scopes & {"all", *SITE_SCOPES}
        return [probe for probe in probes if self_alone or not probe.only_self]

    @staticmethod
    def _describe(outcome, error):
        if outcome == "allowed":
            return "allowed"
        if isinstance(error, _NotFound):
            return "refused (not found by search)"
        message = str(error).strip().splitlines()[0][:160] if str(error).strip() else ""
        return f"{outcome} ({type(error).__name__}: {message})"

    def _check_model(self, model):
        if model in self.fixture_errors:
            self.fail(f"fixture of {model}: {self.fixture_errors[model]}")
        if model not in self.specs:
            self.fail(f"{model}: no fixture in test_access_matrix.FIXTURES")
        spec = self.specs[model]
        for role in ROLE_GROUPS:
            row = MATRIX.get((model, role))
            if not row:
                continue  # reported by test_matrix_covers_the_suite
            user = self.users[role]
            for check in ("read", "search", "write", "create", "unlink"):
                cell = row["read" if check == "search" else check]
                quantifier = any if check in ("read", "search") and spec.any_site_reads else all
                with self.subTest(model=model, role=role, op=check, declared=cell.text):
                    problems = []
                    for probe in self._probes(spec, role, check, cell):
                        wanted = in_scope(cell, user, probe, quantifier)
                        outcome, error = self._attempt(user, self._operation(model, spec, check, probe))
                        type(self).checks += 1
                        if outcome == "allowed" and wanted:
                            continue
                        if outcome == "refused" and not wanted:
                            # A locked record may be refused by its lock (code: a UserError) before
                            # its scope is even looked at; any other refusal must be an AccessError.
                            if isinstance(error, AccessError) or (cell.draft and probe.locked) or probe.only_self:
                                continue
                            observed = self._describe(outcome, error) + ", expected an AccessError"
                        else:
                            observed = self._describe(outcome, error)
                        expected = "allowed" if wanted else "refused"
                        problems.append(f"{probe.label}: expected {expected}, observed {observed}")
                        type(self).mismatches.append((model, role, check, cell.text, probe.label, expected, observed))
                    if problems:
                        self.fail(f"{model} / {role} / {check} (declared {cell.text}):\n  " + "\n  ".join(problems))

    @classmethod
    def tearDownClass(cls):
        _logger.info(
            "access matrix: %s rows, %s checks, %s mismatches%s",
            len(MATRIX),
            cls.checks,
            len(cls.mismatches),
            "".join("\n" + " | ".join(row) for row in cls.mismatches),
        )
        super().tearDownClass()

    # ------------------------------------------------------------------------------ the tests
    def test_matrix_is_well_formed(self):
        self.assertFalse(MATRIX_ERRORS, "\n".join(MATRIX_ERRORS))

    def test_matrix_covers_the_suite(self):
        """Every model of the suite has one row per role and a fixture; the matrix names nothing else."""
        IrModel, IrData = self.env["ir.model"], self.env["ir.model.data"]
        required = set()
        for record in IrModel.search([("model", "=like", "gov.%")]):
            modules = {name.strip() for name in (record.modules or "").split(",")}
            if modules & set(GOV_MODULES) and record.model in self.env and not self.env[record.model]._abstract:
                required.add(record.model)
        # Core models the suite grants access rights or record rules on.
        for res_model, field_name in (("ir.model.access", "model_id"), ("ir.rule", "model_id")):
            ids = IrData.search([("module", "in", GOV_MODULES), ("model", "=", res_model)]).mapped("res_id")
            required |= set(self.env[res_model].browse(ids).exists().mapped(f"{field_name}.model"))
        required = (required | set(CORE_MODELS)) - set(EXCLUDED)
        declared = {model for model, _role in MATRIX}
        problems = [f"{model}: no rows in the matrix" for model in sorted(required - declared)]
        problems += [
            f"{model}: in the matrix but not a model of the registry"
            for model in sorted(declared)
            if model not in self.env
        ]
        problems += [
            f"{model}: in the matrix but neither a gov model nor one the suite grants rights on"
            for model in sorted(declared - required)
            if model in self.env
        ]
        for model in sorted(declared):
            missing = [role for role in ROLE_GROUPS if (model, role) not in MATRIX]
            if missing:
                problems.append(f"{model}: no row for {', '.join(missing)}")
            if model not in FIXTURES:
                problems.append(f"{model}: no fixture in test_access_matrix.FIXTURES")
        self.assertFalse(problems, "\n".join(problems))

    def test_fixtures_are_valid(self):
        """The superuser can do every operation the checks try, so a refusal is the role's."""
        self.assertFalse(self.fixture_errors, "\n".join(f"{m}: {e}" for m, e in self.fixture_errors.items()))
        root = self.env.ref("base.user_root")
        for model, spec in self.specs.items():
            checks = ("read", "search") if spec.view else ("read", "search", "write", "create", "unlink")
            for check in checks:
                probes = self._probes(spec, "portal", check, Cell("all", frozenset({"all"}), False))
                for probe in probes:
                    with self.subTest(model=model, op=check, probe=probe.label):
                        operation = self._operation(model, spec, check, probe)
                        if check in spec.refused_to_all:
                            outcome, error = self._attempt(root, operation, su=True)
                            self.assertEqual(
                                outcome,
                                "refused",
                                f"{model} declares {check} refused to every caller, but the superuser got "
                                f"{self._describe(outcome, error)}",
                            )
                            continue
                        try:
                            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                                operation(self.env(user=root, su=True))
                                self.env.flush_all()
                                raise _Undo
                        except _Undo:  # pylint: disable=except-pass  # the probe's changes are undone on purpose
                            pass
                        finally:
                            self.env.invalidate_all(flush=False)

    def test_agent_at_a_centre_edits_no_centre_staff(self):
        """The hr.employee row gives agents `own` write for station committees: an agent attached
        to a centre (not a station) edits none of the centre's staff."""
        agent = new_test_user(
            self.env,
            "t_matrix_agent_centre",
            groups="gov_center.group_gov_agent",
            gov_site_ids=[Command.set(self.centre_a.ids)],
        )
        employee = self.bare_employees["A"]
        outcome, error = self._attempt(agent, lambda env: employee.with_env(env).write({"gov_dispatch_unit": "越权"}))
        self.assertEqual(outcome, "refused", f"an agent attached to centre A edited its staff ({error})")
        self.assertIsInstance(error, AccessError)


def _make_model_test(model):
    def test(self):
        self._check_model(model)

    test.__name__ = test.__qualname__ = "test_model_" + model.replace(".", "_")
    test.__doc__ = f"Access to {model} as declared in access_matrix.csv, for every role."
    return test


# One test per model of the matrix, generated from the CSV.
for _model in sorted({model for model, _role in MATRIX}):
    setattr(TestAccessMatrix, "test_model_" + _model.replace(".", "_"), _make_model_test(_model))
