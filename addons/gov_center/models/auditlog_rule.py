"""OCA auditlog patches a model's ORM methods when its rule is confirmed, wrapping the method the
model has at that moment. Our rules are confirmed while the suite installs (gov_center's data), so
the wrapper kept gov_center's ``create`` of ``gov.site`` and the modules installed after it in the
same process (gov_eval's queue services made with a site) were skipped until the next restart.
At the end of every registry load the wrappers are taken off and put back around the methods the
models have then, with all their modules."""

from odoo import models

METHODS = ("create", "read", "write", "unlink", "export_data")


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    def _register_hook(self):
        rules = self or self.search([("state", "=", "confirmed")])
        for rule in rules:
            model_class = self.env.registry.get(rule.model_id.model or rule.model_model)
            if model_class is None:
                continue
            for method in METHODS:
                if hasattr(model_class.__dict__.get(method), "origin"):
                    delattr(model_class, method)
                    if f"auditlog_ruled_{method}" in model_class.__dict__:
                        delattr(model_class, f"auditlog_ruled_{method}")
        return super(AuditlogRule, rules)._register_hook()
