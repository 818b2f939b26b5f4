from odoo import api, models


class HoaComplianceSourceMixin(models.AbstractModel):
    """Work the compliance dashboard counts (inquiries, reports, meetings,
    notices, contacts): when a record is created or one of its
    ``_compliance_fields`` changes, its estate's dashboard rows are computed
    again as the transaction commits, so that what a head has just done is
    counted at once."""

    _name = "hoa.compliance.source.mixin"
    _description = "Counted on the Compliance Dashboard"

    #: the fields whose change moves the figures (besides estate and archiving)
    _compliance_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._compliance_changed()
        return records

    def write(self, vals):
        watched = {"community_id", "committee_id", "active", *self._compliance_fields}
        if not watched.intersection(vals):
            return super().write(vals)
        self._compliance_changed()  # the estate before a move, too
        result = super().write(vals)
        self._compliance_changed()
        return result

    def _compliance_changed(self):
        # a job changing many records (the inquiry sweep) refreshes their
        # estates once at its end, not at every batch's commit
        if self.env.context.get("hoa_compliance_deferred"):
            return
        self.env["hoa.compliance"]._refresh_later(self.sudo().community_id)
