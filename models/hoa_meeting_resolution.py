from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..rules.meetings import resolution_passed


class HoaMeetingResolution(models.Model):
    """A resolution of the committee taken at a meeting. It passes with the
    agreement of more than half of ALL the committee's members, and never
    without a quorum."""

    _name = "hoa.meeting.resolution"
    _description = "Committee Resolution"
    _inherit = ["hoa.input.mixin"]
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one(
        "hoa.meeting", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Resolution", required=True)
    vote_ids = fields.One2many("hoa.meeting.vote", "resolution_id", string="Votes")
    agree_count = fields.Integer(compute="_compute_result", store=True)
    oppose_count = fields.Integer(compute="_compute_result", store=True)
    abstain_count = fields.Integer(compute="_compute_result", store=True)
    passed = fields.Boolean(compute="_compute_result", store=True)
    published_date = fields.Date(readonly=True, copy=False)
    publish_deadline = fields.Date(compute="_compute_publish_deadline")

    @api.depends(
        "vote_ids.vote",
        "meeting_id.member_count",
        "meeting_id.present_member_count",
        "meeting_id.company_id.hoa_meeting_min_members",
    )
    def _compute_result(self):
        for resolution in self:
            votes = resolution.vote_ids.mapped("vote")
            resolution.agree_count = votes.count("agree")
            resolution.oppose_count = votes.count("oppose")
            resolution.abstain_count = votes.count("abstain")
            meeting = resolution.meeting_id
            resolution.passed = resolution_passed(
                meeting.member_count,
                meeting.present_member_count,
                resolution.agree_count,
                meeting.company_id.hoa_meeting_min_members,
            )

    @api.depends(
        "meeting_id.date_start", "meeting_id.company_id.hoa_resolution_publish_days"
    )
    def _compute_publish_deadline(self):
        for resolution in self:
            meeting = resolution.meeting_id
            resolution.publish_deadline = meeting.date_start and (
                meeting._local_day()
                + relativedelta(days=meeting.company_id.hoa_resolution_publish_days)
            )

    @api.model_create_multi
    def create(self, vals_list):
        resolutions = super().create(vals_list)
        resolutions._check_meeting_open()
        for resolution in resolutions.filtered(lambda r: not r.vote_ids):
            resolution.vote_ids = [
                Command.create(
                    {
                        "member_id": line.member_id.id,
                        "vote": "agree"
                        if False
                        else ("abstain" if line.present else "absent"),
                    }
                )
                for line in resolution.meeting_id.attendance_ids.filtered("member_id")
            ]
        return resolutions

    def write(self, vals):
        if set(vals) - {"published_date"}:
            self._check_meeting_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self._check_meeting_open()

    def _check_meeting_open(self):
        self.meeting_id._check_frozen("write")
        for meeting in self.meeting_id:
            if not meeting.requires_resolution:
                raise UserError(
                    self.env._(
                        "%(meeting)s is not held to take resolutions: mark it as taking "
                        "a resolution first.",
                        meeting=meeting.display_name,
                    )
                )

    def action_publish(self):
        self.check_access("write")
        for resolution in self:
            if resolution.meeting_id.state != "signed":
                raise UserError(
                    self.env._("Publish a resolution once the minutes are signed.")
                )
        self.write({"published_date": self.env.company._hoa_today()})
        return True
