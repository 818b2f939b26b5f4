from odoo import api, models


class HoaSequenceMixin(models.AbstractModel):
    """A record numbered from one of the addon's sequences (``ZX2026-0001``).

    Numbers have no gaps: the sequences are ``no_gap``, so the number is
    drawn in the record's own transaction and goes back to the sequence when
    the record is refused (a failed check rolls the transaction back). Checks
    therefore never quote the number in their messages: a refused record
    never had one.

    Concrete models set ``_sequence_code``, the field it fills
    (``_sequence_field``, "name" unless said) and, when the number's year
    follows a date of the record, ``_sequence_date_field``.
    """

    _name = "hoa.sequence.mixin"
    _description = "Numbered Record"

    _sequence_code = None
    _sequence_field = "name"
    _sequence_date_field = None

    @api.model_create_multi
    def create(self, vals_list):
        if self._sequence_code:
            for vals in vals_list:
                if vals.get(self._sequence_field, "/") == "/":
                    day = (
                        vals.get(self._sequence_date_field)
                        if self._sequence_date_field
                        else None
                    )
                    vals[self._sequence_field] = (
                        self.env["ir.sequence"].next_by_code(
                            self._sequence_code, sequence_date=day
                        )
                        or "/"
                    )
        return super().create(vals_list)
