"""History and computed fields, guarded in the ORM for every caller (docs/DESIGN.md, "Security").

A record that is history (a done inspection, a closed training session, a published roster...) is
locked in ``write`` and never deleted; the application's own actions unlock it explicitly for the
fields they change (``_gov_unlocked()``), and those actions check who may call them and leave a
trace in the chatter. Fields the application computes, and the fields it alone sets, are refused
to every caller but the superuser: no JSON-RPC client can set a tier, a certificate number or a
related value by hand.
"""

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.models import LOG_ACCESS_COLUMNS
from odoo.tools import clean_context

# The value of the ``gov_unlocked`` context key that opens a locked record. It is a Python object:
# a JSON-RPC caller can put any JSON value in its context, never this one.
_UNLOCKED = object()

# Fields that Odoo's mail and activity mixins maintain on any record, locked or not.
_ALWAYS_WRITABLE_PREFIXES = ("message_", "activity_", "website_message_")


class GovGuardMixin(models.AbstractModel):
    _name = "gov.guard.mixin"
    _description = "Locked History and Protected Fields"

    # Values of ``_gov_state_field`` in which the record is history: locked, never deleted.
    _gov_locked_states = ()
    _gov_state_field = "state"
    # Fields still writable on a locked record (notes, archiving).
    _gov_locked_writable = frozenset()

    # ------------------------------------------------------------------ API
    def _gov_unlocked(self):
        """These records in a context that lets the application's own actions change locked
        records and protected fields. Call it only after checking that the user may act."""
        return self.with_context(gov_unlocked=_UNLOCKED)

    def _gov_as_application(self):
        """These records as the application writes them for a citizen (a rating, a complaint from the
        portal or a public form): superuser, unlocked, and without the caller's ``default_*`` context
        keys, so that only the values the application checked are written. Call it only with values
        built from an allowlist."""
        return self.sudo().with_context(clean_context(self.env.context))._gov_unlocked()

    def _gov_create_from(self, vals_list, allowed, message):
        """This model for creating records from a caller's ``vals_list``: refused with ``message``
        (an AccessError; ``%(fields)s`` names the others) when a caller other than the superuser sends
        fields outside ``allowed``, and without the caller's ``default_*`` context keys, so that
        nothing the application sets (a state, a file, an approval) comes from the caller."""
        if not self.env.su:
            for vals in vals_list:
                extra = set(vals) - set(allowed)
                if extra:
                    raise AccessError(message % {"fields": ", ".join(sorted(extra))})
        return self.with_context(clean_context(self.env.context))

    def _gov_is_unlocked(self):
        return self.env.context.get("gov_unlocked") is _UNLOCKED

    def _gov_locked_records(self):
        """The records of ``self`` that are history."""
        if not self._gov_locked_states:
            return self.browse()
        return self.filtered(lambda r: r[self._gov_state_field] in self._gov_locked_states)

    def _gov_protected_fields(self):
        """Fields no caller sets by hand: computed without an inverse, read-only related fields, and
        fields declared read-only (set by the application's actions)."""
        cache = type(self).__dict__.get("_gov_protected_cache")
        if cache is None:
            cache = frozenset(
                name
                for name, field in self._fields.items()
                if field.readonly
                and not field.inverse
                and name not in LOG_ACCESS_COLUMNS
                and not name.startswith(_ALWAYS_WRITABLE_PREFIXES)
                and name not in ("id", "display_name")
            )
            type(self)._gov_protected_cache = cache
        return cache

    def _gov_check_protected(self, vals):
        if self.env.su or self._gov_is_unlocked():
            return
        protected = sorted(set(vals) & self._gov_protected_fields())
        if protected:
            labels = "、".join(self._fields[name]._description_string(self.env) for name in protected)
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are set by the application, not by hand: use the buttons on the "
                    "form instead.",
                    fields=labels,
                    model=self._description,
                )
            )

    def _gov_check_locked_write(self, vals):
        if self._gov_is_unlocked():
            return
        changed = {
            name
            for name in vals
            if name not in self._gov_locked_writable and not name.startswith(_ALWAYS_WRITABLE_PREFIXES)
        }
        locked = self._gov_locked_records() if changed else self.browse()
        if locked:
            raise UserError(
                self.env._(
                    "%(record)s is part of the record and locked; it can no longer be changed. Use the "
                    "correction action on the form (reset to draft), which is logged, if it must be corrected.",
                    record=locked[0].display_name,
                )
            )

    def _gov_check_created(self, message):
        """For lines created under a locked record (a checklist item of a done inspection, an
        attendee of a closed session): refuse them with ``message`` unless an action unlocked."""
        if not self._gov_is_unlocked() and self._gov_locked_records():
            raise UserError(message)

    def _gov_check_correction_rights(self, message):
        """Reopening or cancelling locked history is the district administrator's correction."""
        if self._gov_locked_records() and not self.env.user.has_group("gov_center.group_gov_admin"):
            raise AccessError(message)

    # ------------------------------------------------------------------ ORM
    def write(self, vals):
        # Rights first, so that a caller without them hears so, then the record's own locks.
        self.check_access("write")
        self._gov_check_protected(vals)
        self._gov_check_locked_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        # Odoo's unlink() checks the caller's rights first, then calls this
        locked = self._gov_locked_records()
        if locked:
            raise UserError(
                self.env._(
                    "%(record)s is part of the record and is never deleted; cancel or archive it instead.",
                    record=locked[0].display_name,
                )
            )
