from odoo import api, fields, models
from odoo.exceptions import UserError


class HoaServiceReceiptWizard(models.TransientModel):
    """签收回执: the member signed the receipt slip of a document served on
    paper; staff record who signed, when, and the scan of the slip, which
    becomes the proof of service."""

    _name = "hoa.service.receipt.wizard"
    _description = "Record a Signed Receipt"
    _inherit = ["hoa.input.mixin"]

    service_id = fields.Many2one("hoa.service", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="service_id.partner_id")
    document_name = fields.Char(related="service_id.document_name")
    signed_by = fields.Char(
        required=True,
        compute="_compute_signed_by",
        store=True,
        readonly=False,
        precompute=True,
        help="The name written on the receipt: the member, or who signed for them.",
    )
    receipt_date = fields.Date(
        string="Receipt Signed On",
        required=True,
        default=lambda self: self.env.company._hoa_today(),
    )
    scan = fields.Binary(string="Scan of the Signed Receipt", required=True)
    scan_name = fields.Char()

    @api.depends("service_id")
    def _compute_signed_by(self):
        for wizard in self:
            if not wizard.signed_by:
                wizard.signed_by = wizard.service_id.partner_id.name

    def action_confirm(self):
        self.ensure_one()
        service = self.service_id
        service._hoa_check_document_write()
        if not self.scan:
            raise UserError(
                self.env._(
                    "Attach the scan of the signed receipt: without it the "
                    "receipt proves nothing."
                )
            )
        # sudo: the scan belongs to the proof of service, which staff change
        # only through this action
        scan = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.scan_name
                    or self.env._("Signed receipt %(name)s", name=service.name),
                    "datas": self.scan,
                    "res_model": "hoa.service",
                    "res_id": service.id,
                }
            )
        )
        service._hoa_receive(self.signed_by, self.receipt_date, scan)
        # the form it was opened from reloads: who is still not served
        return {"type": "ir.actions.act_window_close"}
