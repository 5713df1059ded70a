{
    "name": "Government Service Cases and Evaluation",
    "summary": "Cases (办件) from the window to the delivered result: intake, one-time notice, decision, "
    "working-day deadlines, station relay, verifiable results; the suite's access matrix",
    "version": "19.0.1.1.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["gov_station", "gov_items", "gov_staff", "portal"],
    "external_dependencies": {"python": ["python-stdnum", "qrcode"]},
    "data": [
        "security/ir.model.access.csv",
        "security/gov_case_security.xml",
        "data/gov_case_data.xml",
        "views/gov_case_views.xml",
        "views/gov_case_line_views.xml",
        "views/gov_site_views.xml",
        "views/gov_settings_views.xml",
        "views/gov_appointment_views.xml",
        "views/gov_appointment_settings_views.xml",
        "views/gov_eval_menus.xml",
        "views/gov_case_portal_templates.xml",
        "report/gov_case_reports.xml",
        "report/gov_case_templates.xml",
        "views/gov_verify_templates.xml",
        "security/gov_appointment_security.xml",
        "data/gov_appointment_data.xml",
    ],
    "demo": [
        "demo/gov_case_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_eval/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
