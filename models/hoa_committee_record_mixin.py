from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HoaCommitteeRecordMixin(models.AbstractModel):
    """What every record exchanged with an owners' committee has: its estate
    and company (``hoa.estate.mixin``), the estate's active committee (filled
    in, changeable), and a number from a sequence (``hoa.sequence.mixin``).

    Concrete models set ``_sequence_code`` (and ``_sequence_date_field`` when
    the number's year follows a date of the record) and, where a record may
    exist without an active committee, ``_committee_required = False``.
    """

    _name = "hoa.committee.record.mixin"
    _inherit = ["hoa.estate.mixin", "hoa.input.mixin", "hoa.sequence.mixin"]
    _description = "Record Exchanged With an Owners' Committee"
    _check_company_auto = True

    _committee_required = True

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
                        # the record's number is not issued yet when this fails
                        record=record.committee_id.name,
                        estate=record.community_id.name,
                    )
                )
