{
    "name": "Government Service Stations",
    "summary": "Village and community stations, partner outlets, their checklists, agent service staff, service cards and the public 帮办代办 pages and posters",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["gov_center", "gov_items"],
    "external_dependencies": {"python": ["qrcode"]},
    "data": [
        "security/ir.model.access.csv",
        "security/gov_station_security.xml",
        "data/gov_site_standard_data.xml",
        "data/gov_agency_data.xml",
        "report/gov_station_reports.xml",
        "report/gov_agency_poster.xml",
        "views/gov_site_agent_views.xml",
        "views/gov_site_views.xml",
        "views/gov_settings_views.xml",
        "views/gov_public_templates.xml",
    ],
    "demo": [
        "demo/gov_station_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_station/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
