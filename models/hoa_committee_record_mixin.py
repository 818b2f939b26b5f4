from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HoaCommitteeRecordMixin(models.AbstractModel):
    """What every record exchanged with an owners' committee has: its estate,
    the estate's active committee (filled in, changeable), the company, and a
    number from a sequence.

    Concrete models set ``_sequence_code`` (and ``_sequence_date_field`` when
    the number's year follows a date of the record) and, where a record may
    exist without an active committee, ``_committee_required = False``.
    """

    _name = "hoa.committee.record.mixin"
    _description = "Record Exchanged With an Owners' Committee"
    _check_company_auto = True

    _sequence_code = None
    _sequence_field = "name"
    _sequence_date_field = None
    _committee_required = True

    community_id = fields.Many2one(
        "hoa.community",
        string="Estate",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    committee_id = fields.Many2one(
        "hoa.committee",
        compute="_compute_committee_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('community_id', '=', community_id)]",
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )

    @api.depends("community_id")
    def _compute_committee_id(self):
        for record in self:
            if record.committee_id.community_id != record.community_id:
                record.committee_id = record.community_id.committee_id

    @api.constrains("committee_id", "community_id")
    def _check_committee(self):
        for record in self:
            if not record.committee_id:
                if self._committee_required:
                    raise ValidationError(
                        self.env._(
                            "Estate %(estate)s has no active owners' committee.",
                            estate=record.community_id.name,
                        )
                    )
            elif record.committee_id.community_id != record.community_id:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the committee must be the one of estate %(estate)s.",
                        record=record.display_name,
                        estate=record.community_id.name,
                    )
                )

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
