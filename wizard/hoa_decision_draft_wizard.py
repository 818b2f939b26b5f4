from odoo import fields, models


class HoaDecisionDraftWizard(models.TransientModel):
    """Reopen an open vote to draft to correct its voter roll, with the
    reason, which goes on the decision's chatter. A new roll is frozen when
    voting opens again."""

    _name = "hoa.decision.draft.wizard"
    _inherit = ["hoa.input.mixin"]
    _description = "Reopen an Owners' Vote to Draft"

    decision_ids = fields.Many2many("hoa.decision", string="Decisions", required=True)
    reason = fields.Text(
        string="Why Reopened",
        required=True,
        help="What is wrong with the voter roll: it goes on the decision's record.",
    )

    def action_reopen(self):
        self.check_access("write")
        self.ensure_one()
        self.decision_ids._reopen_to_draft(self.reason)
        return {"type": "ir.actions.act_window_close"}
