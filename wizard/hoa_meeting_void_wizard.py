from odoo import fields, models


class HoaMeetingVoidWizard(models.TransientModel):
    """A head voids the signatures of minutes not yet signed by everyone,
    with the reason: everyone present signs the corrected minutes again."""

    _name = "hoa.meeting.void.wizard"
    _description = "Void the Signatures of the Minutes"
    _inherit = ["hoa.input.mixin"]

    meeting_id = fields.Many2one("hoa.meeting", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_void(self):
        self.check_access("write")
        self.ensure_one()
        self.meeting_id._void_signatures(self.reason)
        return {"type": "ir.actions.act_window_close"}
