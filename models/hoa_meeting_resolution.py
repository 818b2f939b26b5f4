from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..rules.meetings import resolution_passed
from ..tools.cron_lock import commit_job, single_run


class HoaMeetingResolution(models.Model):
    """A resolution of the committee taken at a meeting. It passes with the
    agreement of more than half of ALL the committee's members, and never
    without a quorum."""

    _name = "hoa.meeting.resolution"
    _description = "Committee Resolution"
    _inherit = ["hoa.input.mixin", "hoa.state.guard.mixin"]
    _state_guard_fields = ("published_date",)
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
    community_id = fields.Many2one(
        related="meeting_id.community_id", store=True, index=True, string="Estate"
    )
    company_id = fields.Many2one(
        related="meeting_id.company_id", store=True, index=True
    )
    date_made = fields.Date(
        string="Made On",
        compute="_compute_publish_deadline",
        store=True,
        help="A resolution is made on the day of its meeting (China time).",
    )
    published_date = fields.Date(readonly=True, copy=False)
    publish_deadline = fields.Date(
        compute="_compute_publish_deadline",
        store=True,
        help="Published to the owners within this many days of being made "
        "(指导规则: within 3 days; the day it is made is not counted, a last day "
        "that is a holiday or rest day moves to the next working day). "
        "Publication does not wait for the minutes' signatures.",
    )
    publish_late = fields.Boolean(
        string="Published Late",
        compute="_compute_publish_late",
        search="_search_publish_late",
        help="Not published by the deadline, or published after it.",
    )
    objection_end = fields.Date(
        string="Revocation Window Ends",
        compute="_compute_objection_end",
        store=True,
        help="An owner whose rights the resolution infringes may ask a court to "
        "revoke it within one year of its publication to the owners (民法典 art. "
        "280): the same day of the next year, moved to the next working day when "
        "it is a holiday or rest day (arts. 201–203).",
    )

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
        "meeting_id.date_start",
        "meeting_id.company_id.hoa_resolution_publish_days",
        "meeting_id.community_id.workday_calendar_id",
    )
    def _compute_publish_deadline(self):
        for resolution in self:
            meeting = resolution.meeting_id
            calendar = meeting.community_id.workday_calendar_id
            made = meeting.date_start and meeting._local_day()
            resolution.date_made = made
            resolution.publish_deadline = (
                made
                and calendar
                and calendar._period_end(
                    made, meeting.company_id.hoa_resolution_publish_days
                )
            )

    @api.depends("publish_deadline", "published_date")
    def _compute_publish_late(self):
        today = self.env.company._hoa_today()
        for resolution in self:
            deadline = resolution.publish_deadline
            resolution.publish_late = bool(deadline) and (
                (resolution.published_date or today) > deadline
            )

    def _search_publish_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Published Late."))
        self.flush_model(["publish_deadline", "published_date"])
        self.env.cr.execute(
            """
            SELECT id FROM hoa_meeting_resolution
             WHERE publish_deadline IS NOT NULL
               AND COALESCE(published_date, %s) > publish_deadline
            """,
            [self.env.company._hoa_today()],
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    @api.depends("published_date", "meeting_id.community_id.workday_calendar_id")
    def _compute_objection_end(self):
        for resolution in self:
            calendar = resolution.meeting_id.community_id.workday_calendar_id
            resolution.objection_end = (
                resolution.published_date
                and calendar
                and calendar._year_period_end(resolution.published_date)
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
                        "vote": "abstain" if line.present else "absent",
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
        for resolution in self.filtered("published_date"):
            raise UserError(
                self.env._(
                    "The resolution %(resolution)s was published to the owners on "
                    "%(date)s: it and its votes can no longer be changed.",
                    resolution=resolution.name,
                    date=resolution.published_date,
                )
            )
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
        """Publish the resolutions to the owners (portal and announcement):
        once the meeting is held and the votes recorded, without waiting for
        the last signature of the minutes (the 3-day period runs from the
        meeting)."""
        self.check_access("write")
        for resolution in self:
            if resolution.meeting_id.state not in ("held", "signed"):
                raise UserError(
                    self.env._(
                        "Publish a resolution once its meeting is held and the votes "
                        "are recorded."
                    )
                )
            if resolution.published_date:
                raise UserError(
                    self.env._(
                        "The resolution %(resolution)s is already published.",
                        resolution=resolution.name,
                    )
                )
        self._set_state({"published_date": self.env.company._hoa_today()})
        return True

    @api.model
    @single_run
    def _cron_remind_publication(self):
        """Daily: from the day before its deadline, the organiser of a meeting
        whose resolutions are not yet published gets one activity on the
        meeting."""
        today = self.env.company._hoa_today()
        resolutions = self.search(
            [
                ("published_date", "=", False),
                ("meeting_id.state", "in", ("held", "signed")),
                ("publish_deadline", ">=", today),
                ("publish_deadline", "<=", today + timedelta(days=1)),
            ]
        )
        for meeting in resolutions.meeting_id:
            user = meeting.user_id or meeting.community_id.manager_id
            if not user:
                continue
            meeting = meeting.with_context(
                lang=user.lang or meeting.company_id.partner_id.lang
            )
            deadline = min(
                resolutions.filtered(lambda r, m=meeting: r.meeting_id == m).mapped(
                    "publish_deadline"
                )
            )
            summary = meeting.env._(
                "Publish the resolutions of %(meeting)s by %(deadline)s",
                meeting=meeting.name,
                deadline=deadline,
            )
            if meeting.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                continue
            meeting.activity_schedule(
                "hoa_committee.mail_activity_type_deadline",
                date_deadline=deadline,
                summary=summary,
                note=meeting.env._(
                    "The committee's resolutions are published to the owners within "
                    "3 days of the meeting, without waiting for the minutes' "
                    "signatures."
                ),
                user_id=user.id,
            )
            if not commit_job(self.env):
                return False
        return True
