from odoo import fields, models

MAP_PROVIDERS = {
    "amap": "https://uri.amap.com/marker?position={lng},{lat}&name={name}&src=gov-service&coordinate=gaode&callnative=1",
    "baidu": "https://api.map.baidu.com/marker?location={lat},{lng}&title={name}&content={name}"
    "&coord_type=gcj02&output=html&src=gov-service",
    "tencent": "https://apis.map.qq.com/uri/v1/marker?marker=coord:{lat},{lng};title:{name}&referer=gov-service",
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    gov_map_provider = fields.Selection(
        [("amap", "AMap (高德地图)"), ("baidu", "Baidu Maps (百度地图)"), ("tencent", "Tencent Maps (腾讯地图)")],
        string="Map Provider",
        default="amap",
        config_parameter="gov_center.map_provider",
        help="Map used for the navigation links of the public site finder.",
    )
    gov_rectification_days = fields.Integer(
        string="Rectification Period (working days)",
        default=20,
        config_parameter="gov_center.rectification_working_days",
    )
    gov_target_basic = fields.Float(string="Basic Attainment Target (%)", default=100.0, config_parameter="gov_center.target_basic")
    gov_target_standard = fields.Float(
        string="Standard Attainment Target (%)", default=90.0, config_parameter="gov_center.target_standard"
    )
    gov_target_benchmark = fields.Float(
        string="Benchmark Pilot Target (%)", default=40.0, config_parameter="gov_center.target_benchmark"
    )

    def set_values(self):
        super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("gov_center.map_url_template", MAP_PROVIDERS.get(self.gov_map_provider or "amap"))
