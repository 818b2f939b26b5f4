from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.cron_lock import single_run
from .hoa_domains import PARTNER_DOMAIN


class HoaNotice(models.Model):
    """A notice the committee asks the service centre to post publicly; the
    service-centre head reviews it first (公告张贴审核)."""

    _name = "hoa.notice"
    _description = "Notice-Posting Request"
    _inherit = [
        "hoa.committee.record.mixin",
        "mail.thread",
        "hoa.archive.mixin",
        "mail.activity.mixin",
        "hoa.portal.mixin",
        "hoa.compliance.source.mixin",
        "hoa.state.guard.mixin",
    ]
    _compliance_fields = ("state", "requested_date")
    _state_guard_fields = ("state", "reviewer_id", "review_date")
    _portal_path = "/my/committee/notices"
    _order = "create_date desc, id desc"
    _sequence_code = "hoa.notice"
    _mail_post_access = "read"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    requested_by_id = fields.Many2one(
        "res.partner", tracking=True, domain=PARTNER_DOMAIN
    )
    requested_date = fields.Date(
        default=lambda self: self.env.company._hoa_today(), tracking=True
    )
    body = fields.Html(string="Text")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments", copy=False)
    location = fields.Char(
        string="Where", help="Notice boards, lobbies or screens to post it on."
    )
    date_from = fields.Date(string="Posted From", required=True, tracking=True)
    date_to = fields.Date(string="Posted Until", required=True, tracking=True)
    state = fields.Selection(
        [
            ("submitted", "Awaiting Review"),
            ("approved", "Approved"),
            ("posted", "Posted"),
            ("expired", "Taken Down"),
            ("rejected", "Rejected"),
        ],
        required=True,
        readonly=True,
        default="submitted",
        tracking=True,
        index=True,
        copy=False,
    )
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    review_date = fields.Date(readonly=True, copy=False)
    reject_reason = fields.Text(
        string="Reason for Rejection", tracking=True, copy=False
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for notice in self:
            if (
                notice.date_from
                and notice.date_to
                and notice.date_to < notice.date_from
            ):
                # the number is not issued yet when the check fails
                title = f"“{notice.title}”"
                raise ValidationError(
                    self.env._(
                        "Notice %(name)s must be taken down after it is put up.",
                        name=title,
                    )
                )

    @api.model
    def _portal_submit(self, values, files=()):
        """A member asks for a notice to be posted: from today on at the
        earliest (the reviewed notice is posted later still)."""
        date_to = fields.Date.to_date(values.get("date_to"))
        if date_to and date_to < self.env.company._hoa_today():
            raise UserError(
                self.env._(
                    "The posting period you asked for (%(start)s to %(end)s) is "
                    "already over: choose days from today on.",
                    start=values.get("date_from"),
                    end=date_to,
                )
            )
        return super()._portal_submit(values, files)

    @api.model_create_multi
    def create(self, vals_list):
        notices = super().create(vals_list)
        for notice in notices:
            manager = notice.community_id.manager_id
            if manager:
                notice.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=self.env.company._hoa_today(),
                    summary=notice.with_context(lang=manager.lang).env._(
                        "Review the notice before it is posted"
                    ),
                    user_id=manager.id,
                )
        return notices

    def _check_reviewer(self):
        if not self.env.user.has_group("hoa_committee.group_hoa_manager"):
            raise AccessError(
                self.env._("Only the service-centre head reviews notices.")
            )
        for notice in self:
            if notice.state != "submitted":
                raise UserError(
                    self.env._(
                        "Notice %(name)s has already been reviewed.", name=notice.name
                    )
                )

    def action_approve(self):
        self.check_access("write")
        self._check_reviewer()
        today = self.env.company._hoa_today()
        for notice in self:
            notice._set_state(
                {
                    "state": notice._state_on(today, "approved"),
                    "reviewer_id": self.env.user.id,
                    "review_date": today,
                }
            )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self._notify_review()
        return True

    def action_reject(self):
        self.check_access("write")
        self._check_reviewer()
        for notice in self:
            if not (notice.reject_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the committee the reason for rejecting notice %(name)s.",
                        name=notice.name,
                    )
                )
        self._set_state(
            {
                "state": "rejected",
                "reviewer_id": self.env.user.id,
                "review_date": self.env.company._hoa_today(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self._notify_review()
        return True

    def _notify_review(self):
        """Tell the member who asked for the notice what the head decided,
        with a link to the notice in the portal."""
        approved = self.env.ref("hoa_committee.mail_template_notice_approved")
        rejected = self.env.ref("hoa_committee.mail_template_notice_rejected")
        for notice in self.filtered("requested_by_id"):
            template = rejected if notice.state == "rejected" else approved
            notice._hoa_notify(template, notice.requested_by_id)

    def _state_on(self, day, state):
        """What an approved notice is on ``day``."""
        if state in ("approved", "posted", "expired"):
            if self.date_to < day:
                return "expired"
            if self.date_from <= day:
                return "posted"
            return "approved"
        return state

    @api.model
    @single_run
    def _cron_update_posting(self):
        """Daily: approved notices go up on their first day and come down
        after their last. Idempotent."""
        today = self.env.company._hoa_today()
        self.search(
            [
                ("state", "=", "approved"),
                ("date_from", "<=", today),
                ("date_to", ">=", today),
            ]
        )._set_state({"state": "posted"})
        self.search(
            [("state", "in", ("approved", "posted")), ("date_to", "<", today)]
        )._set_state({"state": "expired"})
        return True
