{
    "name": "Government Service Staff",
    "summary": "Window staff, A/B posts, rosters with weekend and holiday duty, whereabouts notices and training",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["gov_center", "hr_holidays", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/gov_staff_security.xml",
        "data/gov_staff_data.xml",
        "data/gov_staff_audit_data.xml",
        "views/hr_employee_views.xml",
        "views/gov_window_views.xml",
        "views/gov_site_views.xml",
        "views/gov_roster_views.xml",
        "views/gov_whereabouts_views.xml",
        "views/gov_training_views.xml",
        "views/gov_staff_templates.xml",
        "views/gov_staff_menus.xml",
        "report/gov_training_certificate.xml",
    ],
    "demo": [
        "demo/gov_staff_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_staff/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
