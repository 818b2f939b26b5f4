from odoo import api, fields, models


class HoaMeetingNoticeWizard(models.TransientModel):
    """Asks the head to confirm sending a notice that is late: without the
    notice period the special meeting cannot take a resolution unless a head
    records why."""

    _name = "hoa.meeting.notice.wizard"
    _inherit = ["hoa.input.mixin"]
    _description = "Confirm a Late Meeting Notice"

    meeting_ids = fields.Many2many("hoa.meeting", required=True)
    notice_days = fields.Integer(compute="_compute_late")
    late_names = fields.Char(string="Meetings", compute="_compute_late")

    @api.depends("meeting_ids")
    def _compute_late(self):
        for wizard in self:
            late = wizard.meeting_ids._notice_late()
            wizard.notice_days = late[:1].company_id.hoa_meeting_notice_days
            wizard.late_names = ", ".join(late.mapped("display_name"))

    def action_send(self):
        self.check_access("write")
        self.ensure_one()
        self.meeting_ids.with_context(
            hoa_late_notice_confirmed=True
        ).action_send_notice()
        return {"type": "ir.actions.act_window_close"}
