{
    "name": "Government Service Items",
    "summary": "Service item catalogue with standard elements, per-site implementation lists, service guides and the public catalogue",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service",
    "website": "https://github.com/gov-service/gov-service",
    "author": "gov-service",
    "license": "LGPL-3",
    "depends": ["gov_center"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
