"""The district's figures (gov.kpi.fact, gov.kpi.dashboard) on data whose figures are known by hand."""

from freezegun import freeze_time

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import GovKpiCommon


@tagged("gov", "post_install", "-at_install")
class TestKpi(GovKpiCommon):
    """The figures of the September of GovKpiCommon, computed by hand."""


    # ------------------------------------------------------------------ figures against hand-computed ones
    def test_figures_of_the_district_equal_hand_computed_ones(self):
        c1, c2, c3, c4, c5, bad = self._september()
        self.assertEqual((c1.work_days, c2.work_days, c3.work_days, c5.work_days), (3, 0, 9, 0))
        self.assertEqual(c3.promised_deadline, self.day("2026-09-09"))
        self.assertEqual((c1.on_time, c3.on_time), (True, False))
        [((), figures)] = self.Fact._kpi_figures(self.september)
        self.assertEqual(figures["accepted"], 5)
        self.assertEqual(figures["decided"], 4)
        self.assertEqual(figures["on_time_count"], 3)
        self.assertEqual(figures["on_time"], 75.0)
        self.assertEqual(figures["work_days"], 3.0, "(3 + 0 + 9 + 0) / 4")
        self.assertEqual(figures["work_days_p90"], 7.2, "percentile of [0, 0, 3, 9] at 0.9 × 3 = 2.7: 3 + 0.7 × 6")
        self.assertEqual(figures["one_window"], 40.0, "c2 and c5 of five at a comprehensive window")
        self.assertEqual(figures["online"], 0.0)
        self.assertEqual(figures["evaluations"], 3)
        self.assertEqual(figures["bad"], 1)
        self.assertEqual(figures["satisfaction"], 66.7, "two of three ratings are 1–3")
        self.assertEqual(figures["evaluated"], 75.0, "three of the four decided cases were rated")
        self.assertEqual(figures["rectifications"], 1)
        self.assertEqual(figures["rectification"], 0.0, "its rectification is still open")
        self.assertEqual(figures["complaints"], 1)
        self.assertEqual(figures["tickets"], 0)
        self.assertIsNone(figures["waiting"], "no ticket: no waiting time, not 0")
        self.assertIsNone(figures["no_show"])
        # An upheld appeal takes the bad review out of the figures, and its rectification with it.
        appeal = self.env["gov.evaluation.appeal"].with_user(self.manager).create(
            {"evaluation_id": bad.id, "grounds": "malicious", "statement": "该群众当日未到窗口办理，监控可证"}
        )
        appeal.with_user(self.admin).write({"decision_note": "经调取监控，申诉理由成立"})
        appeal.with_user(self.admin).action_uphold()
        [((), figures)] = self.Fact._kpi_figures(self.september)
        self.assertEqual((figures["evaluations"], figures["bad"], figures["satisfaction"]), (2, 0, 100.0))
        self.assertEqual(figures["rectifications"], 0)
        self.assertIsNone(figures["rectification"])

    def test_figures_per_centre_person_item_and_month(self):
        c1, c2, c3, c4, c5, _bad = self._september()
        per_centre = {centre: figures for (centre,), figures in self.Fact._kpi_figures(self.september, ["centre_id"])}
        self.assertEqual(per_centre[self.centre]["accepted"], 4)
        self.assertEqual(per_centre[self.centre]["on_time"], 66.7, "c1 and c2 of c1, c2, c3")
        self.assertEqual(per_centre[self.other_centre]["accepted"], 1)
        self.assertEqual(per_centre[self.other_centre]["one_window"], 100.0)
        per_person = {
            employee: figures
            for (employee, kind), figures in self.Fact._kpi_figures(
                self.september + [("kind", "=", "accepted")], ["employee_id", "kind"]
            )
        }
        self.assertEqual(per_person[self.emp_clerk]["accepted"], 4, "the clerk registered c1–c4 (首问负责)")
        per_item = {item: figures for (item,), figures in self.Fact._kpi_figures(self.september, ["item_id"])}
        self.assertEqual(per_item[self.item]["accepted"], 3)
        self.assertEqual(per_item[self.item]["work_days"], 6.0, "(3 + 9) / 2")
        self.assertEqual(per_item[self.item_now]["accepted"], 2)
        per_month = {
            month.month: figures for (month,), figures in self.Fact._kpi_figures(self.september[2:], ["date:month"])
        }
        self.assertEqual(set(per_month), {9})
        self.assertEqual(per_month[9]["decided"], 4)

    def test_a_fact_opens_its_record(self):
        c1, *_rest = self._september()
        fact = self.Fact.search([("kind", "=", "decided"), ("res_id", "=", c1.id)])
        action = fact.with_user(self.manager).action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("gov.case", c1.id))

    # ------------------------------------------------------------------ the dashboard
    def test_dashboard_marks_missed_targets_and_drills_down(self):
        self._september()
        with freeze_time("2026-09-30 04:00:00"):
            board = self.Dashboard.with_user(self.manager).get_dashboard("month")
            late = self.Dashboard.with_user(self.manager).action_drill("on_time", "month")
            bad = self.Dashboard.with_user(self.manager).action_drill("bad", "month", self.centre.id)
            theirs = self.Dashboard.with_user(self.other_manager).get_dashboard("month")
        self.assertEqual((board["date_from"], board["date_to"]), ("2026-09-01", "2026-09-30"))
        # The centre (the manager's scope): c1–c4 accepted, c1–c3 decided, c2 alone at the comprehensive window.
        centre = board["district"]
        self.assertEqual(centre["figures"]["accepted"], 4)
        self.assertEqual(centre["display"]["on_time"], "66.7%")
        self.assertEqual(centre["display"]["one_window"], "25.0%")
        self.assertEqual(centre["display"]["waiting"], "—")
        # Targets: one window 100, on time 100, satisfaction 95, rectification 100: all four missed.
        self.assertEqual(centre["missed"], ["on_time", "one_window", "rectification", "satisfaction"])
        self.assertEqual(board["targets"]["satisfaction"], 95.0)
        self.assertEqual(theirs["district"]["missed"], [], "c5: on time, at the comprehensive window, not rated")
        self.assertEqual(len(board["trend"]), 12)
        self.assertEqual(
            board["trend"][-1], {"month": "2026-09", "accepted": 4, "decided": 3, "satisfaction": 66.7, "on_time": 66.7}
        )
        # Drill-down: the records behind the figure, as the manager reads them.
        late_cases = self.env[late["res_model"]].with_user(self.manager).search(late["domain"])
        self.assertEqual(late_cases.mapped("work_days"), [9], "c3, decided late")
        bad_reviews = self.env[bad["res_model"]].with_user(self.manager).search(bad["domain"])
        self.assertEqual(bad_reviews.mapped("level"), ["5"])
        # A target lowered in the settings is no longer missed.
        self.env["ir.config_parameter"].sudo().set_param("gov_eval.target_on_time", "60")
        with freeze_time("2026-09-30 04:00:00"):
            board = self.Dashboard.with_user(self.manager).get_dashboard("month")
        self.assertNotIn("on_time", board["district"]["missed"])

    def test_targets_are_set_in_the_settings(self):
        settings = self.env["gov.settings"].with_user(self.admin).create({})
        self.assertEqual((settings.target_satisfaction, settings.target_one_window), (95.0, 100.0))
        settings.target_satisfaction = 120
        with self.assertRaisesRegex(ValidationError, "at most 100"):
            settings.action_save()
        settings.target_satisfaction = 90.5
        settings.action_save()
        self.assertEqual(self.Fact._kpi_targets()["satisfaction"], 90.5)
        settings = self.env["gov.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.appraisal_excellent_share, 20.0)
        with self.assertRaisesRegex(ValidationError, "thresholds must rise"):
            settings.write({"appraisal_competent_min": 95})

    def test_percentile_from_counts_equals_postgresql(self):
        """The 90th percentile of working days is computed from a count per number of days: it must be
        PostgreSQL's percentile_cont over the values themselves."""
        from collections import Counter

        from ..models.kpi_figures import percentile_cont

        for values in ([0, 0, 3, 9], [5], [1, 2], [0] * 7 + [20] * 3, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7]):
            self.env.cr.execute(
                "SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY v) FROM unnest(%s::int[]) v", [values]
            )
            self.assertAlmostEqual(percentile_cont(Counter(values)), self.env.cr.fetchone()[0], msg=values)
        self.assertIsNone(percentile_cont(Counter()))

    def test_dashboard_periods(self):
        with freeze_time("2026-03-15 04:00:00"):
            self.assertEqual(self.Dashboard._period_range("last_month")[0].isoformat(), "2026-02-01")
            self.assertEqual(self.Dashboard._period_range("last_month")[1].isoformat(), "2026-02-28")
            self.assertEqual(self.Dashboard._period_range("2025-12")[1].isoformat(), "2025-12-31")
            self.assertEqual(self.Dashboard._period_range("last_year")[0].isoformat(), "2025-01-01")
            self.assertEqual(len(self.Dashboard._periods()), 16)
        for wrong in ("2026-13", "1900-01", "soon", None):
            with self.assertRaisesRegex(UserError, "Unknown period"):
                self.Dashboard._period_range(wrong)
        with self.assertRaisesRegex(UserError, "Unknown figure"):
            self.Dashboard.action_drill("password")

    def test_dashboard_queries_do_not_grow_with_data(self):
        self._september()

        def count():
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            with freeze_time("2026-09-30 04:00:00"):
                self.Dashboard.with_user(self.manager).get_dashboard("month")
            return self.env.cr.sql_log_count - start

        count()  # warm the caches (system parameters, translations, the user's rules)
        before = count()
        for index in range(6):
            self._decide(self._accepted("2026-09-07 02:00:00", applicant_name=f"李{index}"), "2026-09-08 02:00:00")
        self.assertEqual(count(), before)
        self.assertLessEqual(before, 12)

    # ------------------------------------------------------------------ who sees what
    def test_scope_by_role(self):
        self._september()
        with freeze_time("2026-09-30 04:00:00"):
            mine = self.Dashboard.with_user(self.manager).get_dashboard("month")
            theirs = self.Dashboard.with_user(self.other_manager).get_dashboard("month")
        self.assertEqual([row["id"] for row in mine["centres"]], [self.centre.id])
        self.assertEqual(mine["district"]["figures"]["accepted"], 4, "a manager's totals are their centre's")
        self.assertEqual([row["id"] for row in theirs["centres"]], [self.other_centre.id])
        self.assertFalse(self.Fact.with_user(self.other_manager).search([("centre_id", "=", self.centre.id)]))
        for user in (self.clerk, self.approver_a, self.agent, self.citizen):
            with self.assertRaises(AccessError):
                self.Dashboard.with_user(user).get_dashboard("month")
            with self.assertRaises(AccessError):
                self.Fact.with_user(user).search([])

    # ------------------------------------------------------------------ public figures
    def test_public_satisfaction_of_twelve_months(self):
        self._september()
        with freeze_time("2026-10-15 04:00:00"):
            [data] = self.centre._public_data()
        satisfaction = data["satisfaction"]
        self.assertEqual([month["month"] for month in satisfaction["months"]][-2:], ["2026-09", "2026-10"])
        self.assertEqual(len(satisfaction["months"]), 12)
        september = satisfaction["months"][-2]
        self.assertEqual((september["count"], september["satisfied"], september["rate"]), (3, 2, 66.7))
        self.assertEqual(satisfaction["months"][-1], {"month": "2026-10", "count": 0, "satisfied": 0, "rate": None})
        self.assertEqual((satisfaction["count"], satisfaction["rate"]), (3, 66.7))
        with freeze_time("2027-10-15 04:00:00"):
            [data] = self.centre._public_data()
        self.assertEqual(data["satisfaction"]["count"], 0, "September 2026 is out of the last 12 months")
        # The finder's cards show no satisfaction: it is neither computed nor sent for them.
        with freeze_time("2026-10-15 04:00:00"), self.assertQueryCount(0):
            [card] = self.centre.with_context(gov_public_cards=True)._public_data()
        self.assertNotIn("satisfaction", card)
        self.assertEqual(card["id"], self.centre.id)


@tagged("gov", "post_install", "-at_install")
class TestKpiDashboardTour(ChineseEnvCase, HttpCase):
    def test_public_site_page_shows_twelve_months(self):
        # The demo centre t100 has ratings in the last months.
        site = self.env.ref("gov_center.site_centre_t100")
        [data] = site._public_data()
        self.assertTrue(data["satisfaction"]["count"])
        page = self.url_open(f"/gov/sites/{site.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_gov_site_satisfaction", page.text)
        self.assertIn(f"{data['satisfaction']['rate']:.1f}%", page.text)
        feed = self.url_open(f"/gov/api/sites/{site.id}").json()
        self.assertEqual(feed["satisfaction"], data["satisfaction"])
        self.assertNotIn("level", str(feed["satisfaction"]), "aggregates only")

    def test_dashboard_in_the_browser(self):
        # The demo district: its cases, ratings and rectifications of the last months.
        self.start_tour("/odoo/action-gov_eval.action_gov_kpi_dashboard", "gov_kpi_dashboard", login="admin")
