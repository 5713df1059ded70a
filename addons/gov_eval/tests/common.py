import datetime
import re

from freezegun import freeze_time

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.tests import TransactionCase, new_test_user

# A route's path argument, with or without its converter: <site_id>, <int:page>.
ARGUMENT = re.compile(r"<(?:[^<>]*:)?(\w+)>")


def gov_routes(env):
    """{(path, methods): (rule, endpoint)} of every route of the gov_* modules, from the routing map;
    paths with their arguments bare (``/gov/sites/<site_id>``), methods sorted."""
    routes = {}
    for rule in env["ir.http"].routing_map().iter_rules():
        endpoint = rule.endpoint
        module = getattr(endpoint, "original_endpoint", endpoint).__module__.split(".")
        if module[:2] == ["odoo", "addons"] and module[2].startswith("gov_"):
            methods = tuple(sorted(endpoint.routing.get("methods") or ()))
            routes[ARGUMENT.sub(r"<\1>", rule.rule), methods] = (rule, endpoint)
    return routes


# A valid resident ID (GB 11643 check digit X) and a valid unified social credit code (GB 32100).
ID_NUMBER = "11010519491231002X"
USCC = "91110000600037341L"


def item_values(env, name, basic_code, materials=("居民身份证",), **overrides):
    """A complete item of the civil affairs department, ready to publish: ``materials`` are required
    originals unless given as dicts."""
    dept = env.ref("gov_items.dept_civil")
    vals = {
        "name": name,
        "category_id": env.ref("gov_items.category_sb").id,
        "item_type": "05",
        "basic_code": basic_code,
        "department_id": dept.id,
        "implementing_body_id": dept.id,
        "case_kind": "promised",
        "legal_time_limit": 20,
        "promised_time_limit": 6,
        "visits": 1,
        "visit_reason": "需现场核验申请人身份",
        "acceptance_conditions": "本辖区户籍居民。",
        "material_ids": [
            (
                0,
                0,
                material if isinstance(material, dict) else {"name": material, "form": "original", "sequence": index},
            )
            for index, material in enumerate(materials, start=1)
        ],
        "step_ids": [(0, 0, {"name": "受理"}), (0, 0, {"name": "审核", "days": 5})],
    }
    vals.update(overrides)
    return vals


def published_item(env, name, basic_code, **kwargs):
    item = env["gov.item"].create(item_values(env, name, basic_code, **kwargs))
    item.action_publish()
    return item


class GovCaseCommon(ChineseEnvCase, TransactionCase):
    """A district with one centre (department window with A/B posts), a village station below it,
    a published item with two required materials and one optional, and a user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The messages are asserted in their source language (the test database speaks Chinese).
        env = cls.env = cls.env(
            context=dict(cls.env.context, lang="en_US", tracking_disable=True, mail_create_nolog=True)
        )
        env["gov.holiday"]._sync_from_library([2026])
        district = env["gov.division"].create({"name": "办件区", "code": "159803000000", "division_type": "district"})
        town = env["gov.division"].create(
            {"name": "办件镇", "code": "159803100000", "division_type": "town", "parent_id": district.id}
        )
        village = env["gov.division"].create(
            {"name": "办件村", "code": "159803100201", "division_type": "village", "parent_id": town.id}
        )
        other_town = env["gov.division"].create(
            {"name": "别镇", "code": "159803101000", "division_type": "town", "parent_id": district.id}
        )
        Site = env["gov.site"]
        cls.centre = Site.create({"name": "办件镇便民服务中心", "kind": "township_centre", "division_id": town.id})
        cls.station = Site.create(
            {"name": "办件村便民服务站", "kind": "station", "division_id": village.id, "parent_id": cls.centre.id}
        )
        cls.other_centre = Site.create(
            {"name": "别镇便民服务中心", "kind": "township_centre", "division_id": other_town.id}
        )
        Window = env["gov.window"]
        cls.w_front = Window.create(
            {"site_id": cls.centre.id, "code": "01", "name": "综合受理窗口", "window_type": "comprehensive"}
        )
        cls.w_dept = Window.create(
            {"site_id": cls.centre.id, "code": "07", "name": "民政窗口", "window_type": "department"}
        )
        common = {"lang": "en_US", "tz": "Asia/Shanghai"}
        cls.admin = new_test_user(env, "t_case_admin", groups="gov_center.group_gov_admin", **common)
        cls.manager = new_test_user(env, "t_case_manager", groups="gov_center.group_gov_manager", **common)
        cls.clerk = new_test_user(env, "t_case_clerk", groups="gov_center.group_gov_clerk", **common)
        cls.approver_a = new_test_user(env, "t_case_appr_a", groups="gov_center.group_gov_approver", **common)
        cls.approver_b = new_test_user(env, "t_case_appr_b", groups="gov_center.group_gov_approver", **common)
        cls.agent = new_test_user(env, "t_case_agent", groups="gov_center.group_gov_agent", **common)
        cls.citizen = new_test_user(env, "t_case_citizen", groups="base.group_portal", **common)
        cls.other_clerk = new_test_user(env, "t_case_other_clerk", groups="gov_center.group_gov_clerk", **common)
        (cls.manager | cls.clerk | cls.approver_a | cls.approver_b).gov_site_ids = cls.centre
        cls.agent.gov_site_ids = cls.station
        cls.other_clerk.gov_site_ids = cls.other_centre
        Employee = env["hr.employee"]
        cls.emp_a, cls.emp_b = (
            Employee.create(
                {
                    "name": name,
                    "gov_site_id": cls.centre.id,
                    "user_id": user.id,
                    "tz": "Asia/Shanghai",
                    "gov_window_ids": [(6, 0, cls.w_dept.ids)],
                }
            )
            for name, user in (("审批甲", cls.approver_a), ("审批乙", cls.approver_b))
        )
        cls.w_dept.write({"post_a_id": cls.emp_a.id, "post_b_id": cls.emp_b.id})
        cls.env["gov.site.agent"].create(
            {
                "site_id": cls.station.id,
                "name": "代办员",
                "duty": "帮办代办员",
                "phone": "13900000009",
                "user_id": cls.agent.id,
            }
        )
        cls.item = published_item(
            env,
            "办件测试救助金给付",
            "150599081000",
            materials=(
                "居民身份证",
                "申请书",
                {
                    "name": "收入证明",
                    "form": "copy",
                    "requirement": "conditional",
                    "condition": "有收入时",
                    "sequence": 3,
                },
            ),
            agent_service=True,
        )
        cls.item_now = published_item(
            env, "办件测试即办证明", "150599083000", case_kind="immediate", legal_time_limit=1, promised_time_limit=0
        )
        env["gov.item.site"].create(
            [
                {"site_id": cls.centre.id, "item_id": cls.item.id, "window_id": cls.w_dept.id},
                {"site_id": cls.station.id, "item_id": cls.item.id},
                {"site_id": cls.centre.id, "item_id": cls.item_now.id, "window_id": cls.w_front.id},
            ]
        )

    # ------------------------------------------------------------------ helpers
    def _case(self, user=None, **values):
        vals = {
            "item_id": self.item.id,
            "site_id": self.centre.id,
            "applicant_name": "张三丰",
            "id_number_input": ID_NUMBER,
            "applicant_phone": "13800000000",
        }
        vals.update(values)
        return self.env["gov.case"].with_user(user or self.clerk).create(vals)

    def _complete(self, case):
        case.material_ids.filtered("required").write({"received": True})
        return case

    def _accepted(self, when="2026-09-24 10:00:00", **values):
        """A case accepted at ``when`` (Beijing time 18:00 at the latest, so the UTC date is the local one)."""
        with freeze_time(when):
            case = self._complete(self._case(**values))
            case.action_accept()
        return case

    @staticmethod
    def day(text):
        return datetime.date.fromisoformat(text)


# September 2026 of the test district, for the figures (the test database holds the demo district
# too: figures are read for the test's two centres).
SEPTEMBER = [("date", ">=", "2026-09-01"), ("date", "<=", "2026-09-30")]


class GovKpiCommon(GovCaseCommon):
    """Five cases in September 2026 (working days: 1–4, 7–11, 14–18 …):

    ====  ===========  ==========  ============  ===============  ==========  =======
    case  item         window      accepted      decided          work days   on time
    ====  ===========  ==========  ============  ===============  ==========  =======
    c1    promised 6   department  Tue 1 Sep     Fri 4 Sep        3           yes
    c2    immediate    comprehen.  Tue 1 Sep     Tue 1 Sep        0           yes
    c3    promised 6   department  Tue 1 Sep     Mon 14 Sep       9           no (due 9 Sep)
    c4    promised 6   department  Wed 2 Sep     —                —           —
    c5    immediate    comprehen.  Tue 1 Sep     Tue 1 Sep        0           yes (other centre)
    ====  ===========  ==========  ============  ===============  ==========  =======

    Ratings at acceptance: c1 非常满意, c2 非常不满意 (a bad review: one rectification, open),
    c3 基本满意. One complaint about the centre.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.september = SEPTEMBER + [("centre_id", "in", (cls.centre.id, cls.other_centre.id))]
        cls.emp_clerk = env["hr.employee"].create(
            {"name": "受理员丙", "gov_site_id": cls.centre.id, "user_id": cls.clerk.id, "tz": "Asia/Shanghai"}
        )
        cls.w_other = env["gov.window"].create(
            {"site_id": cls.other_centre.id, "code": "01", "name": "综合受理窗口", "window_type": "comprehensive"}
        )
        env["gov.item.site"].create({"site_id": cls.other_centre.id, "item_id": cls.item_now.id, "window_id": cls.w_other.id})
        cls.other_manager = cls.env["res.users"].create(
            {
                "name": "别镇主任",
                "login": "t_kpi_other_manager",
                "group_ids": [(6, 0, [env.ref("gov_center.group_gov_manager").id])],
                "gov_site_ids": [(6, 0, cls.other_centre.ids)],
            }
        )
        cls.Fact = env["gov.kpi.fact"]
        cls.Dashboard = env["gov.kpi.dashboard"]

    def _decide(self, case, when, approver=None):
        with freeze_time(when):
            if case.kind == "immediate":
                case.with_user(approver or self.clerk).action_approve()
            else:
                case.with_user(self.clerk).action_send_review()
                case.with_user(approver or self.approver_a).action_approve()
        return case

    def _september(self):
        c1 = self._decide(self._accepted("2026-09-01 02:00:00"), "2026-09-04 02:00:00")
        c2 = self._decide(self._accepted("2026-09-01 02:00:00", item_id=self.item_now.id), "2026-09-01 03:00:00")
        c3 = self._accepted("2026-09-01 02:00:00")
        with freeze_time("2026-09-03 02:00:00"):
            c3.with_user(self.clerk).action_send_review()
        with freeze_time("2026-09-14 02:00:00"):
            c3.with_user(self.approver_a).action_approve()
        c4 = self._accepted("2026-09-02 02:00:00")
        with freeze_time("2026-09-01 02:00:00"):
            c5 = self._complete(
                self._case(user=self.other_clerk, item_id=self.item_now.id, site_id=self.other_centre.id)
            )
            c5.with_user(self.other_clerk).action_accept()
            c5.with_user(self.other_clerk).action_approve()
        Evaluation = self.env["gov.evaluation"]
        with freeze_time("2026-09-04 04:00:00"):
            Evaluation._rate_case(c1, "acceptance", "qr", {"level": "1"})
            bad = Evaluation._rate_case(
                c2,
                "acceptance",
                "qr",
                {"level": "5", "reason_ids": [self.env.ref("gov_eval.reason_attitude").id], "comment": "态度生硬"},
            )
            Evaluation._rate_case(c3, "acceptance", "qr", {"level": "3"})
        with freeze_time("2026-09-10 02:00:00"):
            self.env["gov.complaint"].create(
                {"kind": "complaint", "channel": "hotline", "site_id": self.centre.id, "description": "窗口排队太久"}
            )
        return c1, c2, c3, c4, c5, bad
