"""The printed documents of a case and the public verification of a result.

Reports (receipt, notices, result certificate) are rendered as HTML by the clerk who prints them
(one PDF each for the receipt and the certificate): the masked resident ID is printed, the full
one never. The verification page answers a real number, a revoked one, and gives one and the same
404 for an unknown and a malformed number; past the per-client limit it answers 429.
"""

import io
import re

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.addons.gov_eval.controllers.main import VERIFY_LIMITER, RateLimiter, client_key, to_result_number
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .common import published_item

ID_NUMBER = "11010519491231002X"
ID_MASKED = "1101**********002X"
NAME = "张三丰"
NAME_MASKED = "张**"


@tagged("gov", "post_install", "-at_install")
class TestCaseDocuments(ChineseEnvCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = env = cls.env(
            context=dict(cls.env.context, lang="en_US", tracking_disable=True, mail_create_nolog=True)
        )
        Division = env["gov.division"]
        district = Division.create({"name": "文书区", "code": "159804000000", "division_type": "district"})
        town = Division.create(
            {"name": "文书镇", "code": "159804100000", "division_type": "town", "parent_id": district.id}
        )
        cls.centre = env["gov.site"].create(
            {"name": "文书镇便民服务中心", "kind": "township_centre", "division_id": town.id, "phone": "0472-5556600"}
        )
        cls.window = env["gov.window"].create(
            {"site_id": cls.centre.id, "code": "03", "name": "综合受理窗口", "window_type": "comprehensive"}
        )
        cls.clerk = new_test_user(env, "t_docs_clerk", groups="gov_center.group_gov_clerk", name="文书窗口员")
        cls.approver = new_test_user(env, "t_docs_approver", groups="gov_center.group_gov_approver")
        cls.admin = new_test_user(env, "t_docs_admin", groups="gov_center.group_gov_admin")
        (cls.clerk | cls.approver).gov_site_ids = cls.centre
        cls.item = published_item(
            env,
            "文书测试救助金给付",
            "150599082000",
            materials=(
                "居民身份证",
                "救助申请书",
                {"name": "户口簿复印件", "form": "copy", "sequence": 3},
                {
                    "name": "收入证明",
                    "form": "copy",
                    "requirement": "conditional",
                    "condition": "有收入时",
                    "sequence": 4,
                },
            ),
        )
        env["gov.item.site"].create({"site_id": cls.centre.id, "item_id": cls.item.id, "window_id": cls.window.id})

    def setUp(self):
        super().setUp()
        VERIFY_LIMITER.reset()
        self.addCleanup(VERIFY_LIMITER.reset)

    # ------------------------------------------------------------------ helpers
    def _case(self, **values):
        vals = {
            "item_id": self.item.id,
            "site_id": self.centre.id,
            "applicant_name": NAME,
            "id_number_input": ID_NUMBER,
            "applicant_phone": "13812345678",
        }
        vals.update(values)
        return self.env["gov.case"].with_user(self.clerk).create(vals)

    def _accepted(self):
        case = self._case()
        case.material_ids.filtered("required").write({"received": True, "received_count": 1})
        case.action_accept()
        return case

    def _with_result(self):
        case = self._accepted().with_user(self.approver)
        case.action_send_review()
        case.action_approve()
        case.action_result_ready()
        return case.with_user(self.clerk)

    def _html(self, report, records, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.clerk)
        html, _kind = Report._render_qweb_html(report, records.ids)
        return html.decode()

    def assertIdentityMasked(self, html):
        self.assertIn(ID_MASKED, html)
        self.assertNotIn(ID_NUMBER, html)
        self.assertNotIn(ID_NUMBER.lower(), html)

    @staticmethod
    def _text(html):
        return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))

    # ------------------------------------------------------------------ receipt
    def test_receipt(self):
        case = self._accepted()
        html = self._html("gov_eval.action_report_case_receipt", case)
        text = self._text(html)
        self.assertIdentityMasked(html)
        self.assertIn("受理回执", text)
        self.assertIn(case.number, text)
        self.assertIn(case.sudo().access_code, text)
        self.assertIn(NAME, text)
        self.assertIn(self.item.name, text)
        self.assertIn(self.centre.name, text)
        self.assertIn("03号窗口", text)
        self.assertIn("6个工作日", text)
        deadline = case.promised_deadline
        self.assertIn(f"{deadline.year}年{deadline.month}月{deadline.day}日前", text)
        self.assertIn("138****5678", text, "the phone is masked too")
        self.assertNotIn("13812345678", text)
        for name in ("居民身份证", "救助申请书", "户口簿复印件"):
            self.assertIn(name, text)
        self.assertNotIn("收入证明", text, "only the materials received are listed")
        self.assertIn("以上材料共3项", text)
        self.assertIn("好差评", text, "the QR code also serves to rate the service")
        self.assertIn('src="data:image/png;base64,', html)
        self.assertTrue(case.sudo().access_token, "the QR code carries the case's portal token")

    def test_receipt_only_for_accepted_cases(self):
        case = self._case()
        with self.assertRaisesRegex(UserError, "not accepted"):
            self._html("gov_eval.action_report_case_receipt", case)

    def test_receipt_reprinted_after_closing(self):
        """A closed case is locked history: reprinting its receipt still works (the token is made as the application)."""
        case = self._with_result()
        case.sudo().access_token = False
        case.with_user(self.clerk).write({"delivery_method": "post", "tracking_number": "SF1234567890"})
        case.action_deliver()
        case.action_close()
        self.assertEqual(case.state, "closed")
        html = self._html("gov_eval.action_report_case_receipt", case)
        self.assertIn(case.number, html)

    # ------------------------------------------------------------------ notices
    def test_one_time_notice_lists_every_missing_material(self):
        case = self._case()
        ident, form, _booklet = case.material_ids.filtered("required").sorted("sequence")
        ident.write({"received": True})
        form.write({"received": True, "faulty": True, "fault_note": "缺少申请人签字"})
        notice = self.env["gov.case.notice"].with_user(self.clerk).create({"case_id": case.id, "kind": "one_time"})
        html = self._html("gov_eval.action_report_case_notice", notice)
        text = self._text(html)
        self.assertIdentityMasked(html)
        self.assertIn("一次性告知书", text)
        self.assertIn("第三十二条第一款第（四）项", text)
        self.assertIn("一次性告知如下", text)
        self.assertIn(notice.name, text)
        self.assertIn(case.number, text)
        self.assertIn(self.item.name, text)
        self.assertIn(self.centre.name, text)
        self.assertIn("（盖章）", text)
        block = html.split('o_gov_notice_lines">', 1)[1].split("<p", 1)[0]
        listed = re.findall(r"<div>(.*?)</div>", block, re.S)
        self.assertEqual(len(listed), 2, f"every faulty or missing required material, once each: {listed}")
        self.assertTrue(listed[0].startswith("1. 救助申请书") and "缺少申请人签字" in listed[0], listed)
        self.assertTrue(listed[1].startswith("2. 户口簿复印件"), listed)
        self.assertNotIn("居民身份证", "".join(listed), "a material received in order is not asked again")
        self.assertNotIn("行政复议", text, "no remedy sentence on a one-time notice")

    def test_not_accepted_notice_prints_reasons_and_remedy(self):
        case = self._case()
        case.with_user(self.approver).write({"decision_reason": "申请人不属于本辖区户籍居民。\n不符合受理条件。"})
        case.with_user(self.approver).action_not_accept()
        notice = case.notice_ids.filtered(lambda n: n.kind == "not_accepted")
        html = self._html("gov_eval.action_report_case_notice", notice)
        text = self._text(html)
        self.assertIdentityMasked(html)
        self.assertIn("不予受理通知书", text)
        self.assertIn("申请人不属于本辖区户籍居民。", text)
        self.assertIn("不符合受理条件。", text)
        self.assertIn(
            "如不服本决定，可在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。", text
        )

    def test_refusal_prints_reasons_and_remedy(self):
        case = self._accepted().with_user(self.approver)
        case.action_send_review()
        case.write({"decision_reason": "经入户核查，申请人家庭月人均收入高于本地最低生活保障标准。"})
        case.action_refuse()
        notice = case.notice_ids.filtered(lambda n: n.kind == "refusal")
        self.assertEqual(len(notice), 1)
        html = self._html("gov_eval.action_report_case_notice", notice)
        text = self._text(html)
        self.assertIdentityMasked(html)
        self.assertIn("不予许可决定书", text)
        self.assertIn("决定不予行政许可。理由如下", text)
        self.assertIn("经入户核查，申请人家庭月人均收入高于本地最低生活保障标准。", text)
        self.assertIn("第三十八条第二款", text)
        self.assertIn(
            "如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。", text
        )
        self.assertIn(self.centre.name, text)
        # Printed from the notice's button, as the clerk.
        action = notice.with_user(self.clerk).action_print()
        self.assertEqual(action["report_name"], "gov_eval.report_case_notice")

    def test_completion_notice(self):
        case = self._with_result()
        notice = self.env["gov.case.notice"].with_user(self.clerk).create({"case_id": case.id, "kind": "completion"})
        text = self._text(self._html("gov_eval.action_report_case_notice", notice))
        self.assertIn("办结通知书", text)
        self.assertIn(case.result_number, text)
        self.assertIn("/gov/verify", text)
        self.assertIn(ID_MASKED, text)

    # ------------------------------------------------------------------ result certificate
    def test_result_certificate(self):
        case = self._with_result()
        html = self._html("gov_eval.action_report_case_result", case)
        text = self._text(html)
        self.assertIdentityMasked(html)
        self.assertIn(case.result_number, text)
        self.assertIn(case.result_name, text)
        self.assertIn(NAME, text, "the holder's full name on their own certificate")
        self.assertIn(self.centre.name, text)
        self.assertIn(f"/gov/verify/{case.result_number}", text)
        self.assertNotIn("REVOKED", text)
        case.with_user(self.admin).write({"decision_reason": "申请人隐瞒家庭收入，依法撤销。"})
        case.with_user(self.admin).action_revoke_result()
        text = self._text(self._html("gov_eval.action_report_case_result", case))
        self.assertIn("REVOKED", text)
        self.assertIn("已撤销", text)

    def test_result_certificate_needs_a_result(self):
        case = self._accepted()
        with self.assertRaisesRegex(UserError, "no issued result"):
            self._html("gov_eval.action_report_case_result", case)

    def test_pdfs(self):
        """The PDFs themselves (wkhtmltopdf): one page each, the masked ID in the text layer."""
        case = self._with_result()
        Report = self.env["ir.actions.report"].with_user(self.clerk).with_context(force_report_rendering=True)
        for report in ("gov_eval.action_report_case_receipt", "gov_eval.action_report_case_result"):
            pdf, _kind = Report._render_qweb_pdf(report, case.ids)
            reader = PdfFileReader(io.BytesIO(pdf))
            self.assertEqual(len(reader.pages), 1, f"{report} fits on one A4 page")
            text = "".join(page.extract_text() for page in reader.pages)
            self.assertIn(ID_MASKED, text)
            self.assertNotIn(ID_NUMBER, text)

    # ------------------------------------------------------------------ verification page
    def _verify(self, path):
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(path, allow_redirects=False)

    @staticmethod
    def _answer(html):
        """The page's own block (the layout around it carries per-request tokens)."""
        match = re.search(r'<div class="o_gov_verify">.*</form>', html, re.S)
        return match and match.group(0)

    def test_verify_genuine_result(self):
        case = self._with_result()
        response = self._verify(f"/gov/verify/{case.result_number}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("o_gov_verify_genuine", html)
        self.assertIn(case.result_number, html)
        self.assertIn(case.result_name, html)
        self.assertIn(NAME_MASKED, html)
        self.assertNotIn(NAME, html, "the holder's name is masked")
        self.assertNotIn(ID_MASKED[:4] + "*", html, "no ID at all on the public page")
        self.assertIn(self.centre.name, html)
        self.assertNotIn("o_gov_verify_revoked", html)
        # Typed in the form: the same answer.
        response = self._verify(f"/gov/verify?number={case.result_number}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_gov_verify_genuine", response.text)
        # Full-width characters of a Chinese input method are read as ASCII.
        fullwidth = case.result_number.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
        self.assertEqual(self._verify(f"/gov/verify/{fullwidth}").status_code, 200)

    def test_verify_revoked_result(self):
        case = self._with_result()
        case.with_user(self.admin).write({"decision_reason": "申请人隐瞒家庭收入，依法撤销。"})
        case.with_user(self.admin).action_revoke_result()
        response = self._verify(f"/gov/verify/{case.result_number}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_gov_verify_revoked", response.text)
        self.assertNotIn("o_gov_verify_genuine", response.text)
        self.assertNotIn("隐瞒家庭收入", response.text, "the reasons of the revocation stay internal")

    def test_verify_unknown_and_malformed_numbers_answer_alike(self):
        case = self._with_result()
        forged = case.result_number[:-1] + ("1" if case.result_number[-1] != "1" else "2")
        answers = []
        for path in (
            f"/gov/verify/{forged}",  # well formed, never issued
            "/gov/verify/2019-R000001",
            f"/gov/verify/{case.result_number}%27%20OR%20%271%27%3D%271",  # malformed
            "/gov/verify/" + "9" * 500,
            "/gov/verify/%D9%A1%D9%A2",
            f"/gov/verify?number={forged}",
            "/gov/verify?number=%3Cscript%3E",
        ):
            response = self._verify(path)
            self.assertEqual(response.status_code, 404, path)
            self.assertIn("o_gov_verify_unknown", response.text, path)
            self.assertNotIn(NAME_MASKED, response.text, path)
            answers.append(self._answer(response.text))
        self.assertTrue(answers[0])
        self.assertEqual(len(set(answers)), 1, "one and the same answer for every unknown or malformed number")
        self.assertNotIn(forged, answers[0], "what was typed is not repeated")

    def test_verify_form(self):
        response = self._verify("/gov/verify")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_gov_verify_form", response.text)
        self.assertNotIn("o_gov_verify_unknown", response.text)
        self.assertIn('href="/gov/verify"', self._verify("/gov").text, "linked from the public navigation")

    def test_verify_rate_limit(self):
        case = self._with_result()
        self.env["ir.config_parameter"].sudo().set_param("gov_eval.verify_rate_limit", "3")
        self.assertEqual(self._verify(f"/gov/verify/{case.result_number}").status_code, 200)
        self.assertEqual(self._verify("/gov/verify/2019-R000001").status_code, 404)
        self.assertEqual(self._verify("/gov/verify/%27%3B--").status_code, 404)
        for path in (
            f"/gov/verify/{case.result_number}",
            "/gov/verify/2019-R000001",
            f"/gov/verify?number={case.result_number}",
        ):
            response = self._verify(path)
            self.assertEqual(response.status_code, 429, path)
            self.assertIn("o_gov_verify_limited", response.text)
            self.assertNotIn(case.result_number, response.text)
            self.assertTrue(1 <= int(response.headers["Retry-After"]) <= 60)
        self.assertEqual(self._verify("/gov/verify").status_code, 200, "the empty form is no lookup")
        VERIFY_LIMITER.reset()
        self.assertEqual(self._verify(f"/gov/verify/{case.result_number}").status_code, 200)

    def test_rate_limiter(self):
        limiter = RateLimiter(window=60, max_keys=4)
        self.assertEqual([limiter.hit("a", 2, now=t)[0] for t in (0, 1, 2)], [True, True, False])
        self.assertEqual(limiter.hit("a", 2, now=30), (False, 30), "wait until the oldest hit leaves the window")
        self.assertTrue(limiter.hit("b", 2, now=30)[0], "another client has its own count")
        self.assertTrue(limiter.hit("a", 2, now=60.5)[0], "a sliding window")
        for key in "cdefg":
            limiter.hit(key, 2, now=61)
        self.assertLessEqual(len(limiter._hits), 4, "memory stays bounded")
        self.assertEqual(
            client_key("2001:db8:1:2:3:4:5:6"), client_key("2001:db8:1:2:ffff::1"), "an IPv6 /64 is one client"
        )
        self.assertNotEqual(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"))
        self.assertEqual(client_key("::ffff:10.0.0.1"), "10.0.0.1")
        self.assertEqual(client_key("10.0.0.1"), "10.0.0.1")
        self.assertIsNone(to_result_number("2026-R0001 OR 1=1"))
        self.assertIsNone(to_result_number("9" * 41))
        self.assertEqual(to_result_number(" ２０２６－Ｒ０００１２３ "), "2026-R000123")
