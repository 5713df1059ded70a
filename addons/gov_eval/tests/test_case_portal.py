"""The applicant follows the case on the portal: their own cases, or one case by its token."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import ID_NUMBER, GovCaseCommon


@tagged("post_install", "-at_install")
class TestCasePortal(GovCaseCommon, HttpCase):
    def test_citizen_follows_their_case(self):
        case = self._accepted(partner_id=self.citizen.partner_id.id)
        other = self._case(applicant_name="李四")
        self.authenticate(self.citizen.login, self.citizen.login)
        listing = self.url_open("/my/cases")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(case.number, listing.text)
        self.assertNotIn(other.number, listing.text, "only the citizen's own cases")
        page = self.url_open(f"/my/cases/{case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("1101**********002X", page.text)
        self.assertNotIn(ID_NUMBER, page.text, "the full resident ID is never on the portal")
        self.assertNotIn(case.sudo().access_code, page.text)
        self.assertEqual(self.url_open(f"/my/cases/{other.id}").status_code, 404)

    def test_token_link_of_the_receipt(self):
        case = self._accepted(site_id=self.station.id, channel="agent", user=self.agent)
        url = case._follow_url()
        self.assertIn("access_token=", url)
        page = self.url_open(url[len(case.get_base_url()) :])
        self.assertEqual(page.status_code, 200, "anyone with the receipt's QR code follows the case")
        self.assertIn(case.number, page.text)
        self.assertIn(self.station.name, page.text, "the relay legs are shown")
        self.assertNotIn(ID_NUMBER, page.text)
        self.assertEqual(self.url_open(f"/my/cases/{case.id}?access_token=forged").status_code, 404)
        self.assertEqual(self.url_open(f"/my/cases/{case.id}").status_code, 404, "no token, no login: nothing")
        stranger = new_test_user(self.env, "t_case_stranger", groups="base.group_portal")
        self.authenticate(stranger.login, stranger.login)
        self.assertEqual(self.url_open(f"/my/cases/{case.id}").status_code, 404)

    def test_track_by_number_and_access_code(self):
        case = self._accepted()
        code = case.sudo().access_code
        response = self.url_open(f"/gov/track?number={case.number}&code={code.lower()}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/my/cases/{case.id}?access_token=", response.headers["Location"])
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(case.number, page.text)
        wrong_code = self.url_open(f"/gov/track?number={case.number}&code=AAAAAAAA", allow_redirects=False)
        wrong_number = self.url_open(f"/gov/track?number={case.number}9&code={code}", allow_redirects=False)
        self.assertEqual((wrong_code.status_code, wrong_number.status_code), (404, 404))
        self.assertEqual(
            wrong_code.text,
            wrong_number.text.replace(f"{case.number}9", case.number),
            "the same answer whichever half is wrong",
        )
        self.assertNotIn(case.number, wrong_code.text, "what was typed is not repeated")
