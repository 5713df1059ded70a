import datetime

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.gov_center.controllers.params import DATE, PATH_ID, public_params
from odoo.addons.gov_center.controllers.public import public_site, set_public_lang
from odoo.http import request

from ..models.gov_service_slot import CHINA_TZ, format_hour

WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


class GovStaffPublic(http.Controller):
    """Public, login-free pages of a site: its published roster and its window board.

    Parameters are parsed by gov_center's `params.public_params` (site id, week).
    """

    _set_public_lang = staticmethod(set_public_lang)

    def _public_site(self, site_id):
        # The same sites as the public site finder: active and published.
        site = public_site(site_id)
        if not site:
            raise NotFound()
        return site

    @staticmethod
    def _labels(model, field):
        return dict(request.env[model]._fields[field]._description_selection(request.env))

    @http.route(
        "/gov/sites/<site_id>/roster",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    @public_params(site_id=PATH_ID, week=DATE)
    def public_roster(self, site_id, week=None, **kwargs):
        site = self._public_site(site_id)
        today = datetime.datetime.now(CHINA_TZ).date()
        day = week or today  # a date of 2000..2100, or absent
        monday = day - datetime.timedelta(days=day.weekday())
        sunday = monday + datetime.timedelta(days=6)
        shifts = (
            request.env["gov.roster.shift"]
            .sudo()
            .search(
                [
                    ("site_id", "=", site.id),
                    ("roster_state", "=", "published"),
                    ("date", ">=", monday),
                    ("date", "<=", sunday),
                ],
                order="date, hour_from, window_id",
            )
        )
        holidays = {
            h.date: h
            for h in request.env["gov.holiday"].sudo().search([("date", ">=", monday), ("date", "<=", sunday)])
        }
        modes = self._labels("gov.roster.shift", "mode")
        day_types = self._labels("gov.roster.shift", "day_type")
        days = []
        for i in range(7):
            date = monday + datetime.timedelta(days=i)
            # One row per period of the day, one column per window: as posted on the counter.
            rows = {}
            for shift in shifts:
                if shift.date != date:
                    continue
                key = (shift.hour_from, shift.hour_to, shift.mode)
                row = rows.setdefault(
                    key,
                    {
                        "time": f"{format_hour(shift.hour_from)}–{format_hour(shift.hour_to)}",
                        "mode": modes.get(shift.mode, ""),
                        "mode_key": shift.mode,
                        "note": shift.note or "",
                        "cells": {},
                    },
                )
                row["cells"][shift.window_id.id] = {
                    "person": shift.employee_id.name or "",
                    "badge": shift.employee_id.gov_badge or "",
                }
            rows = [rows[key] for key in sorted(rows)]
            holiday = holidays.get(date)
            if holiday and holiday.day_type == "holiday":
                kind = day_types["holiday"]
            elif holiday or date.weekday() < 5:
                kind = day_types["working"]
            else:
                kind = day_types["saturday" if date.weekday() == 5 else "sunday"]
            days.append(
                {
                    "date": date,
                    "weekday": WEEKDAYS[i],
                    "kind": kind,
                    "festival": holiday.name if holiday else "",
                    "is_today": date == today,
                    "rows": rows,
                }
            )
        values = {
            "site": site,
            "windows": shifts.window_id.sorted(lambda w: (w.sequence, w.code)),
            "days": days,
            "monday": monday,
            "sunday": sunday,
            "prev_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
            "has_shifts": bool(shifts),
        }
        return request.render("gov_staff.public_roster", values)

    @http.route(
        "/gov/sites/<site_id>/board",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    @public_params(site_id=PATH_ID)
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
