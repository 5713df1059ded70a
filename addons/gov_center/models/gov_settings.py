from odoo import api, fields, models

# The facts the district administrator sets, each defined here once: the map providers of the
# public finder's navigation links, the rectification period of inspections and the attainment
# targets of the plan (2023年底前: stations at basic or above 100%, sites at standard or above
# >= 90%, benchmark pilots 40% of the sites). Read them with gov_param().
MAP_PROVIDERS = {
    "amap": "https://uri.amap.com/marker?position={lng},{lat}&name={name}&src=gov-service&coordinate=gaode&callnative=1",
    "baidu": "https://api.map.baidu.com/marker?location={lat},{lng}&title={name}&content={name}"
    "&coord_type=gcj02&output=html&src=gov-service",
    "tencent": "https://apis.map.qq.com/uri/v1/marker?marker=coord:{lat},{lng};title:{name}&referer=gov-service",
}
DEFAULT_MAP_PROVIDER = "amap"
TARGET_TIERS = ("basic", "standard", "benchmark")
# Setting: (system parameter, default, type).
PARAMS = {
    "map_provider": ("gov_center.map_provider", DEFAULT_MAP_PROVIDER, str),
    "inspection_rectification_days": ("gov_center.rectification_working_days", 20, int),
    "target_basic": ("gov_center.target_basic", 100.0, float),
    "target_standard": ("gov_center.target_standard", 90.0, float),
    "target_benchmark": ("gov_center.target_benchmark", 40.0, float),
}


def gov_param(env, name):
    """The value of setting ``name`` of PARAMS: its system parameter, else (unset or not a valid
    value of its type) its default."""
    key, default, cast = PARAMS[name]
    value = env["ir.config_parameter"].sudo().get_param(key)
    if value in (None, False, ""):
        return default
    try:
        return cast(value)
    except ValueError:
        return default


def default_map_url():
    """The navigation link template of the default map provider (AMap URI API, GCJ-02)."""
    return MAP_PROVIDERS[DEFAULT_MAP_PROVIDER]


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
    inspection_rectification_days = fields.Integer(
        string="Inspection Rectification Period (working days)",
        required=True,
        help="Working days given to rectify an unmet requirement after an inspection.",
    )
    target_basic = fields.Float(string="Basic Attainment Target (%)", required=True)
    target_standard = fields.Float(string="Standard Attainment Target (%)", required=True)
    target_benchmark = fields.Float(string="Benchmark Pilot Target (%)", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        for fname in PARAMS:
            if fname in fields_list:
                values[fname] = gov_param(self.env, fname)
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
