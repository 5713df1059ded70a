import datetime

from odoo.addons.gov_center.controllers import params
from odoo.tests import BaseCase, HttpCase, tagged
from odoo.tools import mute_logger

from .common import GovSiteCase


@tagged("gov", "post_install", "-at_install")
class TestParamRules(BaseCase):
    """The rules of controllers/params.py, one by one."""

    def test_ids_are_ascii_digits_in_the_integer_range(self):
        self.assertEqual(params.to_id("42"), 42)
        self.assertEqual(params.to_id(42), 42)
        self.assertEqual(params.to_id(str(2**31 - 1)), 2**31 - 1)
        for bad in ("²", "١٢", "4²", "0", "-1", "+1", " 1", "1 ", "1\x00", "99999999999999999999", str(2**31),
                    "1e3", "0x10", "", None, 0, -5, 2**31, True, ["1"], "１２"):
            self.assertIsNone(params.to_id(bad), repr(bad))

    def test_page_is_bounded(self):
        self.assertEqual(params.to_page("3"), 3)
        self.assertEqual(params.to_page("99999999999999999999"), 1)
        self.assertEqual(params.to_page(str(10**9)), params.MAX_PAGE)
        self.assertEqual(params.to_page("-2"), 1)
        self.assertEqual(params.to_page(None), 1)

    def test_dates_are_bounded(self):
        self.assertEqual(params.to_date("2026-11-23"), datetime.date(2026, 11, 23))
        for bad in ("9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "2026-02-30", "2026-1-1",
                    "２０２６-01-01", "2026-01-01T00:00", "", None, "2026-01-01\x00"):
            self.assertIsNone(params.to_date(bad), repr(bad))

    def test_text_is_cleaned_and_capped(self):
        self.assertEqual(params.to_text("  户口\x00簿 \t补发\r\n "), "户口簿 补发")
        self.assertEqual(params.to_text("a\u200bb\u202ec"), "abc", "zero-width and bidi marks removed")
        self.assertEqual(params.to_text("%_'"), "%_'", "LIKE and quote characters are the domain's job")
        self.assertEqual(len(params.to_text("字" * 10000)), params.MAX_TEXT)
        self.assertEqual(params.to_text(None), "")
        self.assertEqual(params.to_text(["a"]), "")

    def test_flags_choices_and_languages(self):
        self.assertTrue(params.to_flag("1"))
        self.assertTrue(params.to_flag("on"))
        self.assertFalse(params.to_flag("0"))
        self.assertFalse(params.to_flag("\x00"))
        self.assertEqual(params.to_choice("form", {"form", "example"}), "form")
        self.assertIsNone(params.to_choice("FORM", {"form", "example"}))
        self.assertEqual(params.to_lang("zh_CN"), "zh_CN")
        self.assertEqual(params.to_lang("sr@latin"), "sr@latin")
        for bad in ("zh_CN\x00", "x" * 40, "../../etc", "", None):
            self.assertIsNone(params.to_lang(bad), repr(bad))


@tagged("gov", "post_install", "-at_install")
class TestPublicParams(GovSiteCase, HttpCase):
    """Malformed parameters of the site finder, the site pages and the feed are ignored or a 404,
    never a server error (each request below was a 500 before controllers/params.py)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def test_unicode_digit_township_is_ignored(self):
        for url in ("/gov?township=²", "/gov?township=١٢", "/gov/api/sites?township=²"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
        data = self.url_open("/gov/api/sites?township=²&q=测评区").json()
        self.assertEqual(data["count"], 3, "the malformed filter is treated as absent")

    def test_nul_in_search_text(self):
        for url in ("/gov?q=%00", "/gov/sites?q=测评%00区", "/gov/api/sites?q=%00"):
            self.assertEqual(self.url_open(url).status_code, 200, url)
        data = self.url_open("/gov/api/sites?q=测评%00区").json()
        self.assertEqual(data["count"], 3, "the NUL byte is dropped, the rest is searched")

    def test_like_characters_are_searched_literally(self):
        self.assertEqual(self.url_open("/gov/api/sites?q=%25").json()["count"], 0, "% matches a per cent sign only")
        self.assertEqual(self.url_open("/gov/api/sites?q=_").json()["count"], 0)
        self.assertEqual(self.url_open("/gov/api/sites?q=测评区").json()["count"], 3)

    def test_huge_and_malformed_path_ids_are_404_in_chinese(self):
        with mute_logger("odoo.http"):
            for path in ("99999999999999999999", str(2**31), "-1", "0", "²", "%D9%A1%D9%A2", "%00", "%FF", "abc"):
                response = self.url_open(f"/gov/sites/{path}")
                self.assertEqual(response.status_code, 404, path)
                self.assertIn("页面不存在", response.text, "the error page is in Chinese")
                self.assertIn("站点查询", response.text, "with a way back to the finder")
                response = self.url_open(f"/gov/api/sites/{path}")
                self.assertEqual(response.status_code, 404, path)
                self.assertEqual(response.json()["error"], "not found")
        self.assertEqual(self.url_open(f"/gov/sites/{self.centre_a.id}").status_code, 200)

    def test_parent_centre_not_public_is_never_named(self):
        """Finding 10: the feed's `parent` named a centre that is not public."""
        self.district_centre.is_public = False
        data = self.url_open(f"/gov/api/sites/{self.centre_a.id}").json()
        self.assertIsNone(data["parent"])
        feed = self.url_open("/gov/api/sites").text
        self.assertNotIn(self.district_centre.name, feed)
        page = self.url_open(f"/gov/sites/{self.centre_a.id}").text
        self.assertNotIn(self.district_centre.name, page)
        self.assertNotIn(f"/gov/sites/{self.district_centre.id}", page)
        self.district_centre.write({"is_public": True, "active": False})
        self.assertIsNone(self.url_open(f"/gov/api/sites/{self.centre_a.id}").json()["parent"], "archived")
        self.district_centre.active = True
        parent = self.url_open(f"/gov/api/sites/{self.centre_a.id}").json()["parent"]
        self.assertEqual(parent, {"id": self.district_centre.id, "name": self.district_centre.name})
