from odoo import api, fields, models

MAP_PROVIDERS = {
    "amap": "https://uri.amap.com/marker?position={lng},{lat}&name={name}&src=gov-service&coordinate=gaode&callnative=1",
    "baidu": "https://api.map.baidu.com/marker?location={lat},{lng}&title={name}&content={name}"
    "&coord_type=gcj02&output=html&src=gov-service",
    "tencent": "https://apis.map.qq.com/uri/v1/marker?marker=coord:{lat},{lng};title:{name}&referer=gov-service",
}
PARAMS = {
    "map_provider": ("gov_center.map_provider", "amap", str),
    "rectification_days": ("gov_center.rectification_working_days", 20, int),
    "target_basic": ("gov_center.target_basic", 100.0, float),
    "target_standard": ("gov_center.target_standard", 90.0, float),
    "target_benchmark": ("gov_center.target_benchmark", 40.0, float),
}


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    """Settings of the suite the district administrator changes (stored as system parameters).

    A model of its own rather than res.config.settings, which only system administrators may open.
    """

    _name = "gov.settings"
    _description = "Government Service Settings"

    map_provider = fields.Selection(
        [("amap", "AMap (高德地图)"), ("baidu", "Baidu Maps (百度地图)"), ("tencent", "Tencent Maps (腾讯地图)")],
        required=True,
        help="Map used for the navigation links of the public site finder.",
    )
    rectification_days = fields.Integer(
        string="Rectification Period (working days)",
        required=True,
        help="Working days given to rectify an unmet requirement after an inspection.",
    )
    target_basic = fields.Float(string="Basic Attainment Target (%)", required=True)
    target_standard = fields.Float(string="Standard Attainment Target (%)", required=True)
    target_benchmark = fields.Float(string="Benchmark Pilot Target (%)", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for fname, (key, default, cast) in PARAMS.items():
            if fname in fields_list:
                values[fname] = cast(params.get_param(key) or default)
        return values

    def action_save(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()
        for fname, (key, _default, _cast) in PARAMS.items():
            params.set_param(key, str(self[fname]))
        params.set_param("gov_center.map_url_template", MAP_PROVIDERS[self.map_provider])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Settings saved."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
