import datetime

from freezegun import freeze_time

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.addons.gov_staff.models.gov_service_slot import local_to_utc
from odoo.tests import TransactionCase

# A week far from the seeded calendar (last/this/next year) so the test controls its holidays.
MONDAY = datetime.date(2031, 3, 3)


def day(n):
    return MONDAY + datetime.timedelta(days=n)


def at(n, hour):
    """Naive UTC datetime of ``hour`` local time on day ``n`` of the test week."""
    return local_to_utc(day(n), hour)


class GovStaffCase(ChineseEnvCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        district = cls.env.ref("gov_center.site_centre_t100").division_id.parent_id
        cls.division = cls.env["gov.division"].create(
            {"name": "测试镇", "code": district.code[:6] + "990000", "division_type": "town", "parent_id": district.id}
        )
        cls.site = cls.env["gov.site"].create(
            {"name": "测试镇便民服务中心", "kind": "township_centre", "division_id": cls.division.id}
        )
        Window = cls.env["gov.window"]
        cls.w_front = Window.create(
            {"site_id": cls.site.id, "code": "01", "name": "综合受理窗口", "window_type": "comprehensive"}
        )
        cls.w_issue = Window.create(
            {"site_id": cls.site.id, "code": "03", "name": "统一出证窗口", "window_type": "issuing"}
        )
        cls.w_cannot = Window.create(
            {"site_id": cls.site.id, "code": "04", "name": "办不成事反映窗口", "window_type": "cannot_do"}
        )
        Employee = cls.env["hr.employee"]

        def emp(name, badge, windows):
            return Employee.create(
                {
                    "name": name,
                    "gov_site_id": cls.site.id,
                    "gov_badge": badge,
                    "tz": "Asia/Shanghai",
                    "gov_window_ids": [(6, 0, windows.ids)],
                }
            )

        cls.alice = emp("甲一", "TT-1", cls.w_front | cls.w_issue)
        cls.bob = emp("乙二", "TT-2", cls.w_front | cls.w_issue)
        cls.carol = emp("丙三", "TT-3", cls.w_cannot | cls.w_front)
        cls.dave = emp("丁四", "TT-4", cls.w_cannot | cls.w_front | cls.w_issue)
        cls.w_front.write({"post_a_id": cls.alice.id, "post_b_id": cls.bob.id})
        cls.w_issue.write({"post_a_id": cls.bob.id, "post_b_id": cls.alice.id})
        cls.w_cannot.write({"post_a_id": cls.carol.id, "post_b_id": cls.dave.id})
        cls.leave_type = cls.env["hr.leave.type"].create(
            {
                "name": "事假",
                "requires_allocation": False,
                "leave_validation_type": "no_validation",
                "request_unit": "day",
            }
        )

    @classmethod
    def _leave(cls, employee, first, last):
        leave = (
            cls.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "employee_id": employee.id,
                    "holiday_status_id": cls.leave_type.id,
                    "request_date_from": first,
                    "request_date_to": last,
                }
            )
        )
        if leave.state != "validate":
            leave.sudo().action_approve()
        return leave

    @classmethod
    def _training(cls, employees, n, hour_from, hour_to, state="confirmed"):
        session = cls.env["gov.training.session"].create(
            {
                "name": "岗位练兵",
                "form": "drill",
                "site_id": cls.site.id,
                "trainer": "区政务服务局",
                "date_start": at(n, hour_from),
                "date_end": at(n, hour_to),
                "hours": hour_to - hour_from,
                "attendance_ids": [(0, 0, {"employee_id": e.id}) for e in employees],
            }
        )
        if state in ("confirmed", "done"):
            session.action_confirm()
        return session

    @staticmethod
    def _close(session):
        """Close ``session`` an hour after it ends (a session is closed only once it took place)."""
        with freeze_time(max(session.mapped("date_end")) + datetime.timedelta(hours=1)):
            return session.action_done()
