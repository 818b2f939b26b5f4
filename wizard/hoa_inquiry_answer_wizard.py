from odoo import api, fields, models


class HoaInquiryAnswerWizard(models.TransientModel):
    """Answer an inquiry: the reply letter (答复函) is sent in the same step,
    by the channel chosen, to the member who raised it (or the committee's
    contact). The inquiry is answered once the letter is served."""

    _name = "hoa.inquiry.answer.wizard"
    _description = "Answer an Inquiry and Send the Reply Letter"
    _inherit = ["hoa.input.mixin"]

    inquiry_id = fields.Many2one("hoa.inquiry", required=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        string="Sent To",
        compute="_compute_partner_id",
        help="The member who raised the inquiry, or else the committee's contact.",
    )
    channel = fields.Selection(
        [("email", "Email"), ("portal", "Portal"), ("paper", "Paper")],
        string="Send By",
        compute="_compute_channel",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="Email: answered when the mail server accepts it. Portal: answered "
        "when the member opens or confirms it. Paper: answered when the signed "
        "receipt is recorded with its scan.",
    )

    @api.depends("inquiry_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = (
                wizard.inquiry_id._reply_recipient() if wizard.inquiry_id else False
            )

    @api.depends("inquiry_id")
    def _compute_channel(self):
        for wizard in self:
            partner = wizard.inquiry_id and wizard.inquiry_id._reply_recipient()
            wizard.channel = (
                wizard.inquiry_id._hoa_service_channels(partner)[0]
                if partner
                else "paper"
            )

    def action_send(self):
        self.ensure_one()
        self.inquiry_id._send_answer(self.channel)
        return {"type": "ir.actions.act_window_close"}
