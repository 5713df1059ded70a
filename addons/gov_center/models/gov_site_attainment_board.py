from odoo import fields, models


class GovSiteAttainmentBoard(models.TransientModel):  # pylint: disable=no-wizard-in-models  # a board computed on opening, not a wizard
    """The district's attainment board: rates per township and district against the plan's targets."""

    _name = "gov.site.attainment.board"
    _description = "Attainment Board"

    summary_html = fields.Html(compute="_compute_summary_html", sanitize=False, string="Attainment")

    def _compute_summary_html(self):
        values = self.env["gov.site.attainment"]._attainment_figures()
        values["fmt"] = lambda rate: "—" if rate is None else f"{rate:g}%"
        html = self.env["ir.qweb"]._render("gov_center.attainment_board_table", values)
        for board in self:
            board.summary_html = html

    def action_open_pivot(self):
        return self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_site_attainment")

    def action_open_gaps(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_site")
        action["context"] = {"search_default_filter_target_missed": 1, "search_default_group_township": 1}
        return action

    def _compute_display_name(self):
        for board in self:
            board.display_name = self.env._("Attainment Board")
