{
    "name": "Government Service Cases and Evaluation",
    "summary": "Cases and good/bad reviews (planned): today it installs the whole suite and holds its access matrix",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["gov_station", "gov_items", "gov_staff"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
