from odoo import fields, models


class HoaDisclosurePublishWizard(models.TransientModel):
    """A head publishes an income and expenditure statement the committee
    has not confirmed, with the reason recorded on the statement."""

    _name = "hoa.disclosure.publish.wizard"
    _description = "Publish a Statement Without the Committee's Confirmation"
    _inherit = ["hoa.input.mixin"]

    disclosure_id = fields.Many2one("hoa.disclosure", required=True, ondelete="cascade")
    review_state = fields.Selection(related="disclosure_id.review_state")
    review_comment = fields.Text(related="disclosure_id.review_comment")
    reason = fields.Text(required=True)

    def action_publish(self):
        self.check_access("write")
        self.ensure_one()
        self.disclosure_id._publish_unreviewed(self.reason)
        return {"type": "ir.actions.act_window_close"}
