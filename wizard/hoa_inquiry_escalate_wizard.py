from odoo import fields, models
from odoo.exceptions import UserError


class HoaInquiryEscalateWizard(models.TransientModel):
    """Escalate to the company's leadership with the reason: what was tried
    and why the service centre cannot solve it. The reason stays on the
    inquiry, on its chatter and in leadership's activity."""

    _name = "hoa.inquiry.escalate.wizard"
    _description = "Escalate an Inquiry to Leadership"
    _inherit = ["hoa.input.mixin"]

    inquiry_ids = fields.Many2many("hoa.inquiry", string="Inquiries", required=True)
    reason = fields.Text(
        string="Why Escalated",
        required=True,
        help="What the service centre tried and why it cannot solve this: "
        "leadership reads it in their activity.",
    )

    def action_escalate(self):
        self.check_access("write")
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Say why the inquiry is escalated."))
        self.inquiry_ids._ensure_state(
            ("recorded", "assessed"), self.env._("escalated")
        )
        self.inquiry_ids._escalate("unresolvable", note=self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
