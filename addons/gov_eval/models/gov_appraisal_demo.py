"""Demo staff appraisals of the demo centre t100: last quarter's, approved (its staff read their own
result under Staff and Duty › My Appraisals), and this year's, computed and still a draft. Called
from demo/gov_appraisal_demo.xml; does nothing when the centre already has appraisals."""

from odoo import api, fields, models


class GovAppraisal(models.Model):
    _inherit = "gov.appraisal"

    @api.model
    def _demo_generate(self):
        centre = self.env.ref("gov_center.site_centre_t100", raise_if_not_found=False)
        manager = self.env.ref("gov_center.user_gov_manager", raise_if_not_found=False)
        if not centre or not manager or self.sudo().search_count([("centre_id", "=", centre.id)]):
            return False
        today = fields.Date.context_today(self)
        quarter = (today.month - 1) // 3  # the last complete quarter: 0 means Q4 of last year
        year = today.year if quarter else today.year - 1
        Appraisal = self.with_user(manager).with_context(mail_notrack=True, mail_create_nolog=True)
        last_quarter = Appraisal.create({"centre_id": centre.id, "year": year, "quarter": str(quarter or 4)})
        this_year = Appraisal.create({"centre_id": centre.id, "year": today.year})
        (last_quarter | this_year).action_compute()
        for appraisal in last_quarter | this_year:
            for index, line in enumerate(appraisal.line_ids.sorted("id")):
                line.score_ids.filtered(lambda s: s.method == "manual").manual_score = 10 if index % 3 else 9
        best = last_quarter.line_ids.sorted("total", reverse=True)[:1]
        if best:
            best.write({"adjustment": 3, "adjustment_reason": "获评本季度“窗口服务之星”，群众来信表扬2次。"})
        last_quarter.action_approve()
        return True
