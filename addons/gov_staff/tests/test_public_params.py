import re

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

# The week shown at the top of the roster: <strong>Monday – Sunday</strong>.
WEEK = re.compile(r"<strong>(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})</strong>")


@tagged("gov", "post_install", "-at_install")
class TestPublicRosterParams(ChineseEnvCase, HttpCase):
    """Malformed weeks and site ids on the roster and board pages (each was an HTTP 500)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site = cls.env.ref("gov_center.site_centre_t100")

    def test_far_weeks_show_the_current_week(self):
        this_week = self.url_open(f"/gov/sites/{self.site.id}/roster")
        self.assertEqual(this_week.status_code, 200)
        [shown] = WEEK.findall(this_week.text)
        for week in ("9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "2026-02-30", "２０２６-01-01",
                     "2026-01-01%00", "99999999999999999999", "%FF"):
            response = self.url_open(f"/gov/sites/{self.site.id}/roster?week={week}")
            self.assertEqual(response.status_code, 200, week)
            self.assertEqual(WEEK.findall(response.text), [shown], f"{week}: the current week instead")
        # The edges of the accepted range still have a previous and a next week.
        for week in ("2000-01-01", "2100-12-31"):
            self.assertEqual(self.url_open(f"/gov/sites/{self.site.id}/roster?week={week}").status_code, 200, week)

    def test_malformed_site_ids_are_404(self):
        with mute_logger("odoo.http"):
            for bad in ("99999999999999999999", str(2**31), "-1", "²", "%D9%A1%D9%A2", "%00", "abc"):
                for page in ("roster", "board"):
                    response = self.url_open(f"/gov/sites/{bad}/{page}")
                    self.assertEqual(response.status_code, 404, f"{bad}/{page}")
                    self.assertIn("页面不存在", response.text)
