from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.inputs import (
    DATE_MAX,
    DATE_MIN,
    TEXT_MAX,
    check_text,
    date_in_window,
    format_bound,
    number_bounds,
    number_in_range,
)


class HoaInputMixin(models.AbstractModel):
    """Every value a person writes into a record is checked before anything
    is computed or stored (``rules/inputs.py``): texts without NUL
    characters and of a sane length, dates in a plausible window, numbers
    in range; and nothing the record computes is entered. Through the form,
    the portal and RPC alike.

    A model narrows a field's bounds in ``_input_limits``: a text field's
    greatest length, or a number field's ``(lowest, highest)`` value.
    """

    _name = "hoa.input.mixin"
    _description = "Checked Input"

    _input_limits = {}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)

    @api.model
    def _check_input(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if field.compute and field.readonly and not field.inverse:
                self._refuse_computed(field)
            if value is None or value is False:
                continue
            if field.type in TEXT_MAX:
                self._check_input_text(field, value)
            elif field.type in ("date", "datetime"):
                self._check_input_date(field, value)
            elif field.type in ("integer", "float", "monetary"):
                self._check_input_number(field, value)

    def _refuse_computed(self, field):
        """What the addon computes (a ballot's roll entry, a meeting's quorum,
        a statement's totals, a deadline) is never entered: the ORM writes
        it when what it is computed from changes."""
        raise UserError(
            self.env._(
                "%(field)s is computed from the record and cannot be entered.",
                field=field._description_string(self.env),
            )
        )

    def _check_input_text(self, field, value):
        limit = self._input_limits.get(field.name, TEXT_MAX[field.type])
        problem = check_text(value, limit)
        if problem == "nul":
            raise ValidationError(
                self.env._(
                    "%(field)s contains a NUL character (\\x00), which cannot be "
                    "stored: remove it and try again.",
                    field=field._description_string(self.env),
                )
            )
        if problem == "long":
            raise ValidationError(
                self.env._(
                    "%(field)s is too long: %(length)s characters, at most "
                    "%(max)s are allowed.",
                    field=field._description_string(self.env),
                    length=len(value),
                    max=limit,
                )
            )

    def _check_input_date(self, field, value):
        try:
            day = (
                fields.Date.to_date(value)
                if field.type == "date"
                else fields.Datetime.to_datetime(value)
            )
        except (TypeError, ValueError):
            day = None
        if day is None:
            raise ValidationError(
                self.env._(
                    "%(field)s: “%(value)s” is not a date.",
                    field=field._description_string(self.env),
                    value=value,
                )
            )
        if not date_in_window(day):
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)s is not a plausible date; enter a date "
                    "between %(min)s and %(max)s.",
                    field=field._description_string(self.env),
                    value=value,
                    min=DATE_MIN,
                    max=DATE_MAX,
                )
            )

    def _check_input_number(self, field, value):
        low, high = self._input_limits.get(field.name, number_bounds(field.type))
        if not number_in_range(value, low, high):
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)s is out of range; enter a number from "
                    "%(min)s to %(max)s.",
                    field=field._description_string(self.env),
                    value=value,
                    min=format_bound(low),
                    max=format_bound(high),
                )
            )
