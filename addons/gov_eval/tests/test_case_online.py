"""Applying online (网上申请): the citizen's draft, its uploads, the window's pre-check and return."""

import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import ID_NUMBER, GovCaseCommon, published_item

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class OnlineCommon(GovCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item_online = published_item(
            cls.env,
            "办件测试网上救助申请",
            "150599084000",
            materials=("居民身份证", "申请书"),
            form_online=True,
            online_depth="3",
        )
        cls.env["gov.item.site"].create({"site_id": cls.centre.id, "item_id": cls.item_online.id})
        cls.citizen.partner_id.write({"name": "王网办", "phone": "13800000077"})
        cls.Case = cls.env["gov.case"].with_user(cls.citizen)

    def _draft(self, user=None, **values):
        vals = {
            "item_id": self.item_online.id,
            "site_id": self.centre.id,
            "applicant_name": "王网办",
            "id_number_input": ID_NUMBER,
            "applicant_phone": "13800000077",
        }
        vals.update(values)
        return self.env["gov.case"].with_user(user or self.citizen).create(vals)

    def _upload_all(self, draft):
        for line in draft.sudo().material_ids:
            draft._portal_attach(line, f"{line.name}.pdf", PDF)


class TestCaseOnline(OnlineCommon):
    def test_draft_submit_and_precheck(self):
        draft = self._draft()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.sudo().number, "a draft is numbered when submitted, not before")
        self.assertEqual(draft.partner_id, self.citizen.partner_id)
        self.assertEqual(draft.channel, "portal")
        self.assertFalse(draft.sudo().user_id, "nobody of the centre owns a draft yet")
        self.assertEqual(draft.sudo().material_ids.mapped("name"), ["居民身份证", "申请书"])
        # Submitting without uploads lists every missing material at once.
        with self.assertRaises(UserError) as refused:
            draft.action_submit()
        self.assertIn("居民身份证", str(refused.exception))
        self.assertIn("申请书", str(refused.exception))
        self._upload_all(draft)
        with freeze_time("2026-10-12 09:00:00"):
            draft.action_submit()
        case = draft.sudo()
        self.assertEqual(case.state, "consultation")
        self.assertTrue(case.number.endswith("000001"), case.number)
        self.assertTrue(case.access_code)
        self.assertEqual(case.window_id, self.w_front, "the centre's comprehensive window pre-checks it")
        self.assertEqual(case.submitted_at.date().isoformat(), "2026-10-12")
        activity = case.activity_ids
        self.assertEqual(activity.user_id, self.manager, "nobody on duty at the window: the centre manager")
        self.assertIn(case.number, activity.summary)
        # The scans are the materials' own, for the window to check.
        self.assertEqual(len(case.material_ids.attachment_ids), 2)
        self.assertEqual(set(case.material_ids.attachment_ids.mapped("mimetype")), {"application/pdf"})
        # The clerk takes it from there as any case.
        case.with_user(self.clerk).material_ids.write({"received": True})
        case.with_user(self.clerk).action_accept()
        self.assertEqual(case.state, "accepted")

    def test_application_form_values(self):
        """The form's first values: the citizen's account for a new application, the case's own (the
        resident ID masked, never the full one) when a returned draft is edited; the materials asked
        for are the item's, then the case's checklist with what the clerk found faulty."""
        Case, sites = self.Case, self.env["gov.case"]._online_sites(self.item_online)
        form = Case._portal_form_values(sites, self.citizen.partner_id)
        self.assertEqual((form["applicant_name"], form["applicant_phone"]), ("王网办", "13800000077"))
        self.assertEqual((form["site_id"], form["id_number_input"]), (self.centre.id, ""))
        materials = Case._portal_form_materials(self.item_online)
        self.assertEqual([m["name"] for m in materials], ["居民身份证", "申请书"])
        self.assertTrue(all(m["key"].startswith("item_material_") and not m["files"] for m in materials))

        draft = self._draft(applicant_name="王网办改")
        self._upload_all(draft)
        draft.action_submit()
        draft.sudo().material_ids[0].write({"received": True, "faulty": True, "fault_note": "照片不清晰"})
        draft.sudo().material_ids[1].write({"received": True})
        draft.with_user(self.clerk).action_return_for_completion()
        form = draft._portal_form_values(sites, self.citizen.partner_id)
        self.assertEqual(form["applicant_name"], "王网办改")
        self.assertNotEqual(form["id_number_input"], ID_NUMBER)
        self.assertIn("*", form["id_number_input"], "the resident ID comes back masked")
        materials = draft._portal_form_materials(self.item_online)
        self.assertEqual(materials[0]["fault"], "照片不清晰")
        self.assertEqual([len(m["files"]) for m in materials], [1, 1])

    def test_return_for_completion_once(self):
        draft = self._draft()
        self._upload_all(draft)
        draft.action_submit()
        case = draft.with_user(self.clerk)
        case.material_ids[1].write({"received": True})
        case.material_ids[0].write({"received": True, "faulty": True, "fault_note": "照片不清晰"})
        case.action_return_for_completion()
        self.assertEqual(case.state, "draft")
        self.assertEqual(case.returned_count, 1)
        notice = case.notice_ids
        self.assertEqual(notice.kind, "one_time")
        self.assertIn("居民身份证", notice.content)
        self.assertIn("照片不清晰", notice.content)
        # The citizen sees it on their case and completes it.
        values = draft._portal_values()
        self.assertTrue(values["returned"])
        self.assertIn("照片不清晰", values["notices"][0]["content"])
        draft._portal_attach(draft.sudo().material_ids[0], "身份证-清晰.png", PNG)
        draft.action_submit()
        self.assertEqual(case.state, "consultation")
        self.assertEqual(case.number, draft.sudo().number, "the number stays the case's")
        with self.assertRaises(UserError) as again:
            case.action_return_for_completion()
        self.assertIn("once", str(again.exception))

    def test_window_case_is_not_returned(self):
        case = self._case()
        case.material_ids[0].write({"received": False})
        with self.assertRaises(UserError):
            case.with_user(self.clerk).action_return_for_completion()

    def test_withdraw_keeps_the_draft(self):
        draft = self._draft()
        draft.action_withdraw()
        self.assertEqual(draft.state, "withdrawn")
        with self.assertRaises(UserError):
            draft.action_submit()
        with self.assertRaises(UserError):
            draft.sudo().unlink()
        self.assertTrue(draft.exists())

    def test_the_citizen_sets_only_the_applicant_fields(self):
        # Fields of the centre, at creation and on the draft.
        for field, value in (
            ("note", "走后门"),
            ("green_reason", "elderly"),
            ("window_id", self.w_dept.id),
            ("user_id", self.clerk.id),
            ("kind", "immediate"),
            ("partner_id", self.clerk.partner_id.id),
            ("channel", "window"),
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self._draft(**{field: value})
        # Nor through the context's defaults.
        sneaky = (
            self.env["gov.case"]
            .with_user(self.citizen)
            .with_context(default_green_reason="elderly", default_note="加急", default_window_id=self.w_dept.id)
            .create(
                {
                    "item_id": self.item_online.id,
                    "site_id": self.centre.id,
                    "applicant_name": "王网办",
                    "applicant_phone": "13800000077",
                }
            )
        )
        self.assertFalse(sneaky.sudo().green_reason or sneaky.sudo().note or sneaky.sudo().window_id)
        draft = self._draft()
        for field, value in (("note", "x"), ("partner_id", self.clerk.partner_id.id), ("state", "consultation")):
            with self.subTest(write=field), self.assertRaises(AccessError):
                draft.write({field: value})
        draft.write({"applicant_address": "办件镇一号"})
        self._upload_all(draft)
        draft.action_submit()
        with self.assertRaises(AccessError):
            draft.write({"applicant_address": "改了"})
        # Staff actions are not the citizen's.
        with self.assertRaises(UserError):
            draft.action_accept()

    def test_only_online_items_at_centres_that_take_them(self):
        with self.assertRaises(AccessError):
            self._draft(item_id=self.item.id)  # an item that needs a visit
        with self.assertRaises(AccessError):
            self._draft(site_id=self.other_centre.id)  # a centre without the item
        draft = self._draft()
        with self.assertRaises(ValidationError):
            draft.write({"item_id": self.item.id})

    def test_changing_the_item_of_a_draft_renews_its_checklist(self):
        other = published_item(
            self.env, "办件测试网上证明", "150599085000", materials=("户口簿",), form_online=True, online_depth="2"
        )
        self.env["gov.item.site"].create({"site_id": self.centre.id, "item_id": other.id})
        draft = self._draft()
        self._upload_all(draft)
        draft.write({"item_id": other.id})
        self.assertEqual(draft.sudo().material_ids.mapped("name"), ["户口簿"])
        self.assertFalse(draft.sudo().material_ids.attachment_ids)

    def test_upload_type_size_and_owner(self):
        draft = self._draft()
        line = draft.sudo().material_ids[0]
        with self.assertRaises(UserError) as wrong_type:
            draft._portal_attach(line, "证件.pdf", b"MZ\x90\x00 not really a pdf")
        self.assertIn("PDF, JPG or PNG", str(wrong_type.exception))
        self.env["ir.config_parameter"].sudo().set_param("gov_eval.online_upload_max_mb", "1")
        with self.assertRaises(UserError) as too_big:
            draft._portal_attach(line, "大.pdf", PDF + b"0" * (1024 * 1024))
        self.assertIn("1 MB", str(too_big.exception))
        # Another citizen's draft, another case's material.
        stranger = new_test_user(self.env, "t_online_stranger", groups="base.group_portal")
        with self.assertRaises(AccessError):
            draft.with_user(stranger)._portal_attach(line, "x.pdf", PDF)
        theirs = self._draft(user=stranger)
        with self.assertRaises(AccessError):
            theirs._portal_attach(line, "x.pdf", PDF)
        attachment = draft._portal_attach(line, "证件.pdf", PDF)
        with self.assertRaises(AccessError):
            theirs._portal_detach(attachment)
        draft._portal_detach(attachment)
        self.assertFalse(attachment.exists())

    def test_timeline_and_list_values(self):
        draft = self._draft()
        self._upload_all(draft)
        with freeze_time("2026-10-12 09:00:00"):
            draft.action_submit()
        case = draft.with_user(self.clerk)
        case.material_ids.write({"received": True})
        with freeze_time("2026-10-13 09:00:00"):
            case.action_accept()
        labels = [event["label"] for event in draft._portal_values()["timeline"]]
        self.assertEqual(labels, ["Submitted online", "Accepted"])
        self.assertEqual(draft._portal_values()["timeline"][1]["date"].isoformat(), "2026-10-13")
        cases = self.Case.search([])
        with self.assertQueryCount(3):
            cases._portal_list_values()


@tagged("post_install", "-at_install")
class TestCaseOnlinePortal(OnlineCommon, HttpCase):
    def test_apply_through_the_pages(self):
        self.authenticate(self.citizen.login, self.citizen.login)
        listing = self.url_open("/my/cases/apply?q=bjcswsjz")  # initials of 办件测试网上救助
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.item_online.name, listing.text)
        self.assertNotIn(self.item.name, listing.text, "an item that needs a visit is not offered")
        form = self.url_open(f"/my/cases/apply/{self.item_online.id}")
        self.assertEqual(form.status_code, 200)
        self.assertIn("王网办", form.text, "prefilled from the account")
        self.assertEqual(self.url_open(f"/my/cases/apply/{self.item.id}").status_code, 404)
        token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
        materials = self.item_online.material_ids
        files = {f"item_material_{materials[0].id}": ("身份证.pdf", PDF, "application/pdf")}
        data = {
            "csrf_token": token,
            "site_id": str(self.centre.id),
            "applicant_type": "person",
            "applicant_name": "王网办",
            "id_number_input": ID_NUMBER,
            "applicant_phone": "13800000077",
            "delivery_method": "online",
            "submit": "1",
        }
        # One material missing: the draft is kept, the form lists what is missing.
        response = self.url_open(f"/my/cases/apply/{self.item_online.id}", data=data, files=files)
        self.assertEqual(response.status_code, 400)
        self.assertIn("申请书", response.text)
        draft = self.env["gov.case"].search([("partner_id", "=", self.citizen.partner_id.id)])
        self.assertEqual(draft.state, "draft")
        self.assertEqual(len(draft.material_ids[0].attachment_ids), 1)
        # The edit page completes it and submits.
        edit = self.url_open(f"/my/cases/{draft.id}/edit")
        self.assertEqual(edit.status_code, 200)
        self.assertIn("身份证.pdf", edit.text)
        line = draft.material_ids[1]
        done = self.url_open(
            f"/my/cases/{draft.id}/edit",
            data=dict(data, csrf_token=token),
            files={f"material_{line.id}": ("申请书.jpg", PNG, "image/png")},
            allow_redirects=False,
        )
        self.assertEqual(done.status_code, 303, done.text[:500])
        self.assertEqual(draft.state, "consultation")
        page = self.url_open(f"/my/cases/{draft.id}?submitted=1")
        self.assertIn(draft.number, page.text)
        self.assertNotIn(ID_NUMBER, page.text)
        mine = self.url_open("/my/cases?filterby=open")
        self.assertIn(draft.number, mine.text)
        self.assertNotIn(draft.number, self.url_open("/my/cases?filterby=done").text)
        self.assertIn(draft.number, self.url_open(f"/my/cases?search={draft.number}").text)
        # Once submitted the draft pages are closed.
        self.assertEqual(self.url_open(f"/my/cases/{draft.id}/edit").status_code, 404)

    def test_wrong_file_comes_back_with_the_reason(self):
        self.authenticate(self.citizen.login, self.citizen.login)
        form = self.url_open(f"/my/cases/apply/{self.item_online.id}")
        token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
        material = self.item_online.material_ids[0]
        response = self.url_open(
            f"/my/cases/apply/{self.item_online.id}",
            data={
                "csrf_token": token,
                "site_id": str(self.centre.id),
                "applicant_name": "王网办",
                "id_number_input": ID_NUMBER,
                "applicant_phone": "13800000077",
                "save": "1",
            },
            files={f"item_material_{material.id}": ("病毒.pdf", b"MZ\x90\x00binary", "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("病毒.pdf", response.text)
        self.assertFalse(
            self.env["gov.case"].search([("partner_id", "=", self.citizen.partner_id.id)]),
            "nothing half-saved: the draft and its files go together",
        )

    def test_another_citizen_reaches_nothing(self):
        draft = self._draft()
        self._upload_all(draft)
        mine = self._accepted(partner_id=self.citizen.partner_id.id)
        with freeze_time("2026-09-28 10:00:00"):
            mine.with_user(self.approver_a).action_send_review()
        stranger = new_test_user(self.env, "t_online_other", groups="base.group_portal")
        self.authenticate(stranger.login, stranger.login)
        for url in (
            f"/my/cases/{draft.id}",
            f"/my/cases/{draft.id}/edit",
            f"/my/cases/{mine.id}",
            f"/my/cases/{mine.id}/result",
            f"/my/cases/{mine.id}?access_token={draft.sudo()._portal_ensure_token()}",
            f"/my/cases/{draft.id}?access_token={mine.sudo()._portal_ensure_token()}",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        token = (
            self.url_open(f"/my/cases/apply/{self.item_online.id}")
            .text.split('name="csrf_token" value="')[1]
            .split('"')[0]
        )
        withdraw = self.url_open(f"/my/cases/{draft.id}/withdraw", data={"csrf_token": token})
        self.assertEqual(withdraw.status_code, 404)
        self.assertEqual(draft.state, "draft")
        attachment = draft.sudo().material_ids.attachment_ids[0]
        self.assertNotEqual(self.url_open(f"/web/content/{attachment.id}").status_code, 200)
        self.assertNotEqual(self.url_open(f"/report/pdf/gov_eval.report_case_receipt/{mine.id}").status_code, 200)
        # Over JSON-RPC: reading, writing and submitting another citizen's draft.
        for method, args in (
            ("read", [[draft.id], ["applicant_name"]]),
            ("write", [[draft.id], {"applicant_address": "x"}]),
            ("action_submit", [[draft.id]]),
            ("action_withdraw", [[draft.id]]),
        ):
            with self.subTest(method=method), self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {"model": "gov.case", "method": method, "args": args, "kwargs": {}},
                )
        self.assertEqual(draft.state, "draft")

    def test_the_result_to_download(self):
        case = self._accepted(partner_id=self.citizen.partner_id.id)
        reviewer = case.with_user(self.approver_a)
        reviewer.action_send_review()
        reviewer.action_approve()
        self.authenticate(self.citizen.login, self.citizen.login)
        self.assertEqual(self.url_open(f"/my/cases/{case.id}/result").status_code, 404, "no result yet")
        reviewer.action_result_ready()
        page = self.url_open(f"/my/cases/{case.id}")
        self.assertIn(f"/my/cases/{case.id}/result", page.text)
        self.assertIn(case.result_number, page.text)
        pdf = self.url_open(f"/my/cases/{case.id}/result")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # In test mode Odoo hands the report's HTML instead of running wkhtmltopdf: the certificate is there.
        self.assertIn(case.result_number.encode(), pdf.content)
        # The receipt's QR token opens it too, without logging in; a revoked result is not offered.
        self.authenticate(None, None)
        token = case.sudo()._portal_ensure_token()
        self.assertEqual(self.url_open(f"/my/cases/{case.id}/result?access_token={token}").status_code, 200)
        case.with_user(self.admin).write({"decision_reason": "伪造材料"})
        case.with_user(self.admin).action_revoke_result()
        self.assertEqual(self.url_open(f"/my/cases/{case.id}/result?access_token={token}").status_code, 404)

    def test_tour_apply_online_and_follow_to_the_result(self):
        """In Chromium: the citizen applies with uploads; the centre decides; the citizen follows the
        case to its result and downloads it."""
        self.start_tour("/my/cases/apply", "gov_case_online_apply", login=self.citizen.login)
        case = self.env["gov.case"].search([("partner_id", "=", self.citizen.partner_id.id)])
        self.assertEqual(case.state, "consultation")
        self.assertEqual(len(case.material_ids.attachment_ids), 2, "one scan per material uploaded")
        self.assertEqual(case.applicant_name, "王网办")
        clerk = case.with_user(self.clerk)
        clerk.material_ids.write({"received": True})
        clerk.action_accept()
        reviewer = case.with_user(self.approver_a)
        reviewer.action_send_review()
        reviewer.action_approve()
        reviewer.action_result_ready()
        self.start_tour("/my/cases", "gov_case_online_follow", login=self.citizen.login)

    def test_portal_pages_query_budget(self):
        """/my/cases and the case page cost the same whatever the number of the citizen's cases."""
        partner = self.citizen.partner_id.id
        cases = self.env["gov.case"]
        for _i in range(3):
            cases |= self._accepted(partner_id=partner)
        self.authenticate(self.citizen.login, self.citizen.login)
        case = cases[0]
        self.url_open("/my/cases")  # warm the caches (assets, views, translations)
        self.url_open(f"/my/cases/{case.id}")
        with self.assertQueryCount(10):
            self.assertEqual(self.url_open("/my/cases").status_code, 200)
        # 13: the case's evaluations (the rating buttons and the citizen's ratings) are one more query.
        with self.assertQueryCount(13):
            self.assertEqual(self.url_open(f"/my/cases/{case.id}").status_code, 200)
        for _i in range(12):
            self._accepted(partner_id=partner)
        with self.assertQueryCount(10):
            self.assertEqual(self.url_open("/my/cases").status_code, 200)
        with self.assertQueryCount(13):
            self.assertEqual(self.url_open(f"/my/cases/{case.id}").status_code, 200)

    def test_the_public_guide_offers_to_apply(self):
        guide = self.url_open(f"/gov/items/{self.item_online.id}")
        self.assertIn(f"/my/cases/apply/{self.item_online.id}", guide.text)
        self.assertNotIn("/my/cases/apply/", self.url_open(f"/gov/items/{self.item.id}").text)
        # A visitor who is not logged in is sent to the login page first.
        response = self.url_open(f"/my/cases/apply/{self.item_online.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
