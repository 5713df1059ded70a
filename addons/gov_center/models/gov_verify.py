"""The public verification of a document's number (结果核验, /gov/verify): which records can answer.

Each module that issues numbered documents (results of cases, compliance certificates, training
certificates) adds its model to :meth:`_verify_models`; the model's ``_verify_public(number)``
returns None or what the public page may show: ``number``, ``name``, ``holder`` (masked for a
person), ``issued_on``, ``issuer``, ``revoked``. Numbers of different documents never collide (each
sequence has its own prefix), so the first answer is the answer.
"""

from odoo import api, models


class GovVerify(models.AbstractModel):
    _name = "gov.verify"
    _description = "Public Verification of Issued Documents"

    @api.model
    def _verify_models(self):
        """The models whose ``_verify_public(number)`` is asked, in order: here the compliance
        certificates (达标证书, numbered on the inspection that established the tier)."""
        return ["gov.site.inspection"]

    @api.model
    def _verify_public(self, number):
        for model in self._verify_models():
            result = self.env[model]._verify_public(number)
            if result:
                return result
        return None
