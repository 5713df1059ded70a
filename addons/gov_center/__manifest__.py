{
    "name": "Government Service Centres",
    "summary": "Roles, menus, administrative divisions, service centres, windows and China's working calendar",
    "description": """
Root module of the gov-service suite for a district's government service network
(区政务服务中心, 乡镇/街道便民服务中心, 村/社区便民服务站).

* Security groups of the suite: district administrator, centre manager, window
  clerk, back-office approver, station agent, with access by site.
* Administrative divisions (行政区划) with the national 12-digit statistical codes.
* The site registry (centres) and their windows (综合受理, 办不成事反映, 统一出证 …).
* China's working calendar: statutory holidays and make-up working days (调休),
  one table used by rosters and case deadlines alike.
""",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["mail", "portal", "resource"],
    "external_dependencies": {"python": ["chinesecalendar"]},
    "data": [
        "security/gov_security.xml",
        "security/ir.model.access.csv",
        "data/gov_holiday_data.xml",
        "views/gov_division_views.xml",
        "views/gov_site_views.xml",
        "views/gov_window_views.xml",
        "views/gov_holiday_views.xml",
        "views/res_users_views.xml",
        "views/gov_menus.xml",
    ],
    "demo": [
        "demo/gov_division_demo.xml",
        "demo/gov_site_demo.xml",
        "demo/gov_users_demo.xml",
    ],
    "application": True,
    "installable": True,
}
