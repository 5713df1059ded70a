{
    "name": "Government Service Staff",
    "summary": "Window staff, A/B posts, rosters with weekend and holiday duty, whereabouts notices and training",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["gov_center", "hr_holidays"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
