from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.gov_center.controllers.params import DATE, PATH_ID, public_page
from odoo.addons.gov_center.controllers.public import public_site
from odoo.http import request


class GovStaffPublic(http.Controller):
    """Public, login-free pages of a site: its published roster and its window board.

    Parameters are parsed by gov_center's `params.public_params` (site id, week).
    """


    def _public_site(self, site_id):
        # The same sites as the public site finder: active and published.
        site = public_site(site_id)
        if not site:
            raise NotFound()
        return site

    @staticmethod
    def _labels(model, field):
        return dict(request.env[model]._fields[field]._description_selection(request.env))

    @public_page("/gov/sites/<site_id>/roster", site_id=PATH_ID, week=DATE)
    def public_roster(self, site_id, week=None, **kwargs):
        site = self._public_site(site_id)
        values = site._public_roster_week(week)  # a date of 2000..2100, or absent: this week
        return request.render("gov_staff.public_roster", dict(values, site=site))

    @public_page("/gov/sites/<site_id>/board", site_id=PATH_ID)
    def public_board(self, site_id, **kwargs):
        site = self._public_site(site_id)
        now = fields.Datetime.now()
        windows = site.window_ids.filtered("is_open")
        duty = windows._get_on_duty_map(now)
        notices = request.env["gov.whereabouts"]._public_notices(site, now)
        away_by_window = {}
        for notice in notices:
            away_by_window.setdefault(notice.window_id.id, []).append(notice)

        def local(dt):
            return fields.Datetime.context_timestamp(request.env.user.with_context(tz="Asia/Shanghai"), dt)

        rows = []
        for window in windows:
            employee, state, _label = duty[window.id]
            rows.append(
                {
                    "window": window,
                    "state": state,
                    "person": employee.name if employee else "",
                    "badge": employee.gov_badge if employee else "",
                    "phone": employee.gov_public_phone if employee and employee.gov_contact_public else "",
                    "notices": away_by_window.get(window.id, []),
                }
            )
        values = {
            "site": site,
            "rows": rows,
            "notices": notices,
            "reasons": self._labels("gov.whereabouts", "reason_type"),
            "local": local,
            "now": local(now),
        }
        return request.render("gov_staff.public_board", values)
