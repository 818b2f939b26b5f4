from odoo import fields, models

from ..models.access import check_admin


class HoaArchiveSealAcknowledgeWizard(models.TransientModel):
    """An administrator acknowledges what the verification found on seals,
    with the reason: the nightly alert stops for that finding."""

    _name = "hoa.archive.seal.acknowledge.wizard"
    _description = "Acknowledge a Failing Seal"
    _inherit = ["hoa.input.mixin"]

    seal_ids = fields.Many2many("hoa.archive.seal", string="Seals", required=True)
    reason = fields.Text(required=True)

    def action_acknowledge(self):
        check_admin(self.env)
        self.ensure_one()
        self.seal_ids._acknowledge(self.reason)
        return {"type": "ir.actions.act_window_close"}
