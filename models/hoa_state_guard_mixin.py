from odoo import api, models
from odoo.exceptions import UserError

from ..tools.selection import selection_label

#: held only by :meth:`HoaStateGuardMixin._set_state` and
#: :meth:`HoaStateGuardMixin._create_in_state`: a Python object, which no
#: context sent through RPC can carry
_FLOW = object()
_FLOW_KEY = "hoa_state_flow"


class HoaStateGuardMixin(models.AbstractModel):
    """A record whose workflow is moved only by its own buttons and crons.

    Its state, and what the transitions stamp on it (who and when), change
    through :meth:`_set_state`, called by the action methods after their
    checks; any other write or create that sets them is refused, so that
    nobody skips the checks, the seals and the chatter through the ORM or
    RPC."""

    _name = "hoa.state.guard.mixin"
    _description = "Workflow Changed Only by Its Actions"

    #: the workflow field and the stamps its transitions write
    _state_guard_fields = ("state",)

    def _in_flow(self):
        return self.env.context.get(_FLOW_KEY) is _FLOW

    def _set_state(self, vals):
        """Write ``vals`` (the state and the stamps of a transition, and
        anything else the transition writes with them)."""
        return self.with_context(**{_FLOW_KEY: _FLOW}).write(vals)

    @api.model
    def _create_in_state(self, vals_list):
        """Create records already in a state (demo data, imports of past
        records, test fixtures); the result is in the caller's environment."""
        records = self.with_context(**{_FLOW_KEY: _FLOW}).create(vals_list)
        return records.with_env(self.env)

    def _ensure_state(self, states, action):
        """Refuse ``action`` (what the button does, translated: "answered")
        on a record whose state is not one of ``states``."""
        for record in self:
            if record.state not in states:
                raise UserError(record._state_refusal(action))

    def _state_refusal(self, action):
        """Why ``action`` is refused in the record's present state."""
        return self.env._(
            "%(record)s is %(state)s: it cannot be %(action)s.",
            record=self.display_name,
            state=selection_label(self, "state", self.state),
            action=action,
        )

    def _check_state_guard(self, names):
        guarded = set(names) & set(self._state_guard_fields)
        if not guarded or self._in_flow():
            return
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in guarded)
        )
        raise UserError(
            self.env._(
                "%(fields)s of %(model)s change only through its buttons: use "
                "them instead.",
                fields=labels,
                model=self.env["ir.model"].sudo()._get(self._name).name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a new record starts in the default state, unstamped
            self._check_state_guard(
                name
                for name in vals
                if name in self._state_guard_fields
                and vals[name] != self._state_guard_default(name)
            )
        return super().create(vals_list)

    def _state_guard_default(self, name):
        field = self._fields[name]
        return field.default(self) if field.default else False

    def write(self, vals):
        self._check_state_guard(vals)
        return super().write(vals)
