from odoo import api, fields, models, tools
from odoo.tools import SQL

from .gov_settings import TARGET_TIERS, gov_param
from .gov_site import TIERS


class GovSiteAttainment(models.Model):
    """Attainment of the construction targets, one row per active site (a SQL view).

    Rates are averages of 0/100 columns so that pivot and graph views, and the grouped
    queries of `_attainment_figures`, give percentages per township and for the district.
    """

    _name = "gov.site.attainment"
    _description = "Site Attainment Analysis"
    _auto = False
    _order = "township_id, site_id"

    site_id = fields.Many2one("gov.site", readonly=True)
    kind = fields.Selection(selection="_selection_kind", string="Site Kind", readonly=True)
    township_id = fields.Many2one("gov.division", string="Township / Street", readonly=True)
    parent_id = fields.Many2one("gov.site", string="Parent Centre", readonly=True)
    target_tier = fields.Selection(TIERS, readonly=True)
    achieved_tier = fields.Selection(TIERS, readonly=True)
    remote_pastoral = fields.Boolean(string="Remote Pastoral Area", readonly=True)
    site_count = fields.Integer(string="Sites", readonly=True, aggregator="sum")
    station_count = fields.Integer(string="Stations (basic target)", readonly=True, aggregator="sum")
    basic_count = fields.Integer(string="Stations at Basic or Above", readonly=True, aggregator="sum")
    standard_count = fields.Integer(string="Sites at Standard or Above", readonly=True, aggregator="sum")
    benchmark_count = fields.Integer(string="Benchmark Sites", readonly=True, aggregator="sum")
    basic_rate = fields.Float(string="Basic Attainment (%)", readonly=True, aggregator="avg", digits=(5, 1))
    standard_rate = fields.Float(string="Standard Attainment (%)", readonly=True, aggregator="avg", digits=(5, 1))
    benchmark_rate = fields.Float(string="Benchmark Share (%)", readonly=True, aggregator="avg", digits=(5, 1))
    gap_count = fields.Integer(string="Missing Items", readonly=True, aggregator="sum")
    gap_area = fields.Float(string="Missing Area (m²)", readonly=True, aggregator="sum")

    @api.model
    def _selection_kind(self):
        return self.env["gov.site"]._fields["kind"]._description_selection(self.env)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT s.id AS id,
                           s.id AS site_id,
                           s.kind AS kind,
                           s.township_id AS township_id,
                           s.parent_id AS parent_id,
                           s.target_tier AS target_tier,
                           s.achieved_tier AS achieved_tier,
                           COALESCE(s.remote_pastoral, FALSE) AS remote_pastoral,
                           1 AS site_count,
                           CASE WHEN s.in_basic_target THEN 1 ELSE 0 END AS station_count,
                           CASE WHEN s.in_basic_target AND s.tier_rank >= 1 THEN 1 ELSE 0 END AS basic_count,
                           CASE WHEN s.tier_rank >= 2 THEN 1 ELSE 0 END AS standard_count,
                           CASE WHEN s.tier_rank >= 3 THEN 1 ELSE 0 END AS benchmark_count,
                           CASE WHEN s.in_basic_target THEN CASE WHEN s.tier_rank >= 1 THEN 100.0 ELSE 0.0 END END
                               AS basic_rate,
                           CASE WHEN s.tier_rank >= 2 THEN 100.0 ELSE 0.0 END AS standard_rate,
                           CASE WHEN s.tier_rank >= 3 THEN 100.0 ELSE 0.0 END AS benchmark_rate,
                           COALESCE(s.gap_count, 0) AS gap_count,
                           COALESCE(s.gap_area, 0.0) AS gap_area
                      FROM gov_site s
                     WHERE s.active AND s.is_graded
                )
                """,
                SQL.identifier(self._table),
            )
        )

    @api.model
    def _read_group(self, *args, **kwargs):
        # The view reads the stored tier fields of gov.site: write pending values first.
        self.env["gov.site"].flush_model()
        return super()._read_group(*args, **kwargs)

    @api.model
    def _targets(self):
        """The plan's targets (%) per tier, as set in the settings (gov.settings)."""
        return {tier: gov_param(self.env, f"target_{tier}") for tier in TARGET_TIERS}

    @api.model
    def _attainment_figures(self, domain=None):
        """Attainment per township and for the district, from two grouped queries.

        Returns {"targets": {...}, "district": row, "townships": [row, ...]} where a row is
        {"township": division or None, "sites", "stations", "basic", "standard", "benchmark",
        "basic_rate", "standard_rate", "benchmark_rate", "*_met"}.
        """
        domain = list(domain or [])
        aggregates = ["site_count:sum", "station_count:sum", "basic_count:sum", "standard_count:sum", "benchmark_count:sum"]
        targets = self._targets()

        def row(township, sites, stations, basic, standard, benchmark):
            basic_rate = round(100.0 * basic / stations, 1) if stations else None
            standard_rate = round(100.0 * standard / sites, 1) if sites else None
            benchmark_rate = round(100.0 * benchmark / sites, 1) if sites else None
            return {
                "township": township or None,
                "sites": sites,
                "stations": stations,
                "basic": basic,
                "standard": standard,
                "benchmark": benchmark,
                "basic_rate": basic_rate,
                "standard_rate": standard_rate,
                "benchmark_rate": benchmark_rate,
                "basic_met": basic_rate is None or basic_rate >= targets["basic"],
                "standard_met": standard_rate is not None and standard_rate >= targets["standard"],
                "benchmark_met": benchmark_rate is not None and benchmark_rate >= targets["benchmark"],
            }

        townships = [row(*values) for values in self._read_group(domain, ["township_id"], aggregates)]
        [total] = self._read_group(domain, [], aggregates)
        return {"targets": targets, "district": row(None, *(v or 0 for v in total)), "townships": townships}
