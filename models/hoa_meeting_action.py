from odoo import api, fields, models

from .hoa_archive_mixin import ARCHIVE_WRITABLE
from .hoa_domains import PARTNER_DOMAIN, USER_DOMAIN

#: what an action item's follow-up changes once the minutes are signed
FOLLOW_UP_FIELDS = ARCHIVE_WRITABLE | {"done_date"}


class HoaMeetingAction(models.Model):
    """A follow-up decided at a meeting: who does what by when. Open items
    roll into the next routine meeting's agenda."""

    _name = "hoa.meeting.action"
    _description = "Meeting Action Item"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hoa.input.mixin",
        "hoa.state.guard.mixin",
    ]
    _state_guard_fields = ("state", "done_date")
    _order = "state, deadline, id"

    meeting_id = fields.Many2one(
        "hoa.meeting", required=True, index=True, ondelete="cascade"
    )
    community_id = fields.Many2one(related="meeting_id.community_id", store=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    name = fields.Char(string="What", required=True)
    user_id = fields.Many2one("res.users", string="Who", domain=USER_DOMAIN)
    partner_id = fields.Many2one(
        "res.partner",
        string="Or Committee Member",
        help="When the committee acts.",
        domain=PARTNER_DOMAIN,
    )
    deadline = fields.Date(string="By When")
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
    )
    done_date = fields.Date(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hoa.meeting"].browse(
            {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        )._check_frozen("write")
        actions = super().create(vals_list)
        for action in actions.filtered(lambda a: a.user_id and a.deadline):
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=action.deadline,
                summary=action.name,
                user_id=action.user_id.id,
            )
        return actions

    def write(self, vals):
        if set(vals) - FOLLOW_UP_FIELDS:
            self.meeting_id._check_frozen("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.meeting_id._check_frozen("write")

    def action_done(self):
        self.check_access("write")
        self._set_state({"state": "done", "done_date": self.env.company._hoa_today()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True
