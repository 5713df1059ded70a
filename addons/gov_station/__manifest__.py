{
    "name": "Government Service Stations",
    "summary": "Village and community stations, partner outlets, their checklists, agent service staff and service cards",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["gov_center"],
    "data": [
        "security/ir.model.access.csv",
        "security/gov_station_security.xml",
        "data/gov_site_standard_data.xml",
        "report/gov_station_reports.xml",
        "views/gov_site_agent_views.xml",
        "views/gov_site_views.xml",
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
