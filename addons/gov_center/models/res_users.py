from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    gov_site_ids = fields.Many2many(
        "gov.site",
        "gov_site_res_users_rel",
        "user_id",
        "site_id",
        string="Service Sites",
        help="Sites this user works at. Record rules give clerks their own sites and managers "
        "their centres with the stations below them.",
    )

    @api.model
    @tools.ormcache("self.env.uid")
    def _gov_rule_sites(self):
        """(the user's site ids, those and the ids of the sites directly below them), archived sites
        included: ``gov_site_ids`` and ``gov_scope_site_ids`` of the record rules (models/ir_rule.py),
        read once per user and kept until a change of staff or of a site's parent clears the cache."""
        sites = self.env.user.sudo().with_context(active_test=False).gov_site_ids
        below = sites.search([("parent_id", "in", sites.ids)]).ids if sites else []
        return tuple(sites.ids), tuple(sites.ids + below)

    # The rules' ``gov_site_ids`` (models/ir_rule.py) are cached per user: a change of the user's
    # sites clears them.
    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any(vals.get("gov_site_ids") for vals in vals_list):
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "gov_site_ids" in vals:
            self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------------ 等保 password rules in Chinese
    # password_security and Odoo's auth_password_policy ship no Chinese for their refusals (their
    # zh_CN.po leave them empty, and Odoo reads a module's code translations from that module
    # only): the same rules are worded here, in the suite's catalogue, so a clerk reads them in
    # Chinese. The rules themselves stay theirs (ir.config_parameter values, gov_security_policy_data).

    def _check_password_policy(self, passwords):
        try:
            return super()._check_password_policy(passwords)
        except ValidationError:
            raise  # the rules (password_match_message, below) or another module's check
        except UserError:
            # auth_password_policy's length refusal; other refusals (history) pass unchanged
            minlength = int(self.env["ir.config_parameter"].sudo().get_param("auth_password_policy.minlength", 0) or 0)
            short = [password for password in passwords if password and len(password) < minlength]
            if not short:
                raise
            raise UserError(
                self.env._(
                    "A password needs at least %(min)s characters; this one has %(count)s.",
                    min=minlength,
                    count=len(short[0]),
                )
            ) from None

    def password_match_message(self):
        self.ensure_one()
        params = self._get_all_password_params()
        labels = {
            "lower": self.env._("a lower-case letter"),
            "upper": self.env._("an upper-case letter"),
            "numeric": self.env._("a digit"),
            "special": self.env._("a special character such as # or !"),
        }
        needed = "、".join(label for key, label in labels.items() if params[key])
        return self.env._(
            "The password must be at least %(min)s characters long and contain %(kinds)s.",
            min=params["minlength"],
            kinds=needed or "-",
        )

    def _check_password_history(self, password):
        try:
            return super()._check_password_history(password)
        except UserError:
            raise UserError(
                self.env._(
                    "This password was one of your last %(count)s: choose one you have not used before.",
                    count=self._get_all_password_params()["history"],
                )
            ) from None
