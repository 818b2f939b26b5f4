from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.cron_lock import commit_job, single_run
from ..tools.selection import selection_label

MAX_TERM_YEARS = 5
#: 指导规则 (2009): the committee holds its first meeting, to choose its chair
#: and vice-chairs, within 7 days of its election
FIRST_MEETING_DAYS = 7


class HoaCommittee(models.Model):
    _name = "hoa.committee"
    _description = "Owners' Committee"
    _inherit = [
        "hoa.estate.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hoa.workday.deadline.mixin",
        "hoa.input.mixin",
        "hoa.state.guard.mixin",
    ]
    _order = "community_id, term_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    state = fields.Selection(
        [
            ("forming", "Forming"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("dissolved", "Dissolved"),
        ],
        required=True,
        readonly=True,
        default="forming",
        tracking=True,
        copy=False,
        index=True,
    )
    election_date = fields.Date(tracking=True)
    term_start = fields.Date(tracking=True)
    term_end = fields.Date(tracking=True, help="A term lasts at most five years.")
    filing_deadline = fields.Date(
        compute="_compute_workday_deadlines",
        store=True,
        help="The committee is filed (备案) with the district authority and the "
        "street office by this day: the filing period counted per 民法典 arts. "
        "201–203 (a last day that is a rest day moves to the next working day).",
    )
    filing_date = fields.Date(string="Filed On", tracking=True, copy=False)
    filing_ref = fields.Char(string="Filing Reference", tracking=True, copy=False)
    filing_late = fields.Boolean(
        compute="_compute_filing_late",
        search="_search_filing_late",
        help="Not filed by the deadline, or filed after it.",
    )
    member_ids = fields.One2many(
        "hoa.committee.member", "committee_id", string="Members"
    )
    member_count = fields.Integer(
        compute="_compute_member_stats", string="Serving Members", store=True
    )
    chair_id = fields.Many2one(
        "res.partner", compute="_compute_member_stats", store=True
    )
    contact_partner_id = fields.Many2one(
        "res.partner",
        string="Correspondence Contact",
        compute="_compute_contact_partner_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Receives the company's letters and replies for the committee; the "
        "chair by default.",
    )
    note = fields.Html()
    wecom_webhook_url = fields.Char(
        string="WeCom Group Robot Webhook",
        groups="hoa_committee.group_hoa_user",
        help="The webhook of the group robot (群机器人) of the committee's WeCom "
        "group: meeting notices and published documents are posted there "
        "once.",
    )

    @api.depends(
        "election_date",
        "company_id.hoa_committee_filing_days",
        "community_id.workday_calendar_id",
    )
    def _compute_workday_deadlines(self):
        for committee in self:
            calendar = committee.community_id.workday_calendar_id
            if not (committee.election_date and calendar):
                committee.filing_deadline = False
                committee.first_meeting_deadline = False
                committee.workday_data_missing = False
                continue
            deadline = calendar._period_end(
                committee.election_date, committee.company_id.hoa_committee_filing_days
            )
            committee.filing_deadline = deadline
            committee.first_meeting_deadline = calendar._period_end(
                committee.election_date, FIRST_MEETING_DAYS
            )
            committee.workday_data_missing = bool(
                calendar._missing_years(committee.election_date, deadline)
            )

    @api.model
    def _workday_affected_domain(self, dates):
        return [
            ("election_date", "<=", dates[-1]),
            "|",
            ("filing_deadline", ">=", dates[0]),
            ("workday_data_missing", "=", True),
        ]

    @api.depends("filing_deadline", "filing_date")
    def _compute_filing_late(self):
        today = self.env.company._hoa_today()
        for committee in self:
            deadline = committee.filing_deadline
            committee.filing_late = bool(deadline) and (
                (committee.filing_date or today) > deadline
            )

    def _search_filing_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Filing Late."))
        today = self.env.company._hoa_today()
        ids = self._filing_late_ids(today)
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _filing_late_ids(self, today):
        self.flush_model(["filing_deadline", "filing_date"])
        self.env.cr.execute(
            """
            SELECT id FROM hoa_committee
             WHERE filing_deadline IS NOT NULL
               AND COALESCE(filing_date, %s) > filing_deadline
            """,
            [today],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.depends("member_ids.role", "member_ids.active", "member_ids.partner_id")
    def _compute_member_stats(self):
        for committee in self:
            serving = committee.member_ids.filtered("active")
            committee.member_count = len(serving)
            committee.chair_id = serving.filtered(lambda m: m.role == "chair")[
                :1
            ].partner_id

    @api.depends("chair_id")
    def _compute_contact_partner_id(self):
        for committee in self:
            if not committee.contact_partner_id:
                committee.contact_partner_id = committee.chair_id

    @api.constrains("term_start", "term_end")
    def _check_term(self):
        for committee in self:
            start, end = committee.term_start, committee.term_end
            if not (start and end):
                continue
            if end <= start:
                raise ValidationError(
                    self.env._(
                        "The term of %(committee)s must end after it starts.",
                        committee=committee.name,
                    )
                )
            if end > start + relativedelta(years=MAX_TERM_YEARS):
                raise ValidationError(
                    self.env._(
                        "The term of %(committee)s runs from %(start)s to %(end)s: "
                        "a committee's term is at most %(years)s years.",
                        committee=committee.name,
                        start=start,
                        end=end,
                        years=MAX_TERM_YEARS,
                    )
                )

    @api.constrains("election_date", "term_start")
    def _check_election_date(self):
        for committee in self:
            if (
                committee.election_date
                and committee.term_start
                and committee.term_start < committee.election_date
            ):
                raise ValidationError(
                    self.env._(
                        "The term of %(committee)s cannot start before its election.",
                        committee=committee.name,
                    )
                )

    def _check_no_other_active(self):
        """Before activating: the estate must have no other active committee.

        Checked ahead of the write, so that the user gets this message rather
        than the database's unique index, which still guards concurrent
        activations.
        """
        for committee in self:
            other = self.search(
                [
                    ("community_id", "=", committee.community_id.id),
                    ("state", "=", "active"),
                    ("id", "not in", self.ids),
                ],
                limit=1,
            )
            if (
                other
                or len(
                    self.filtered(
                        lambda c, e=committee.community_id: c.community_id == e
                    )
                )
                > 1
            ):
                raise ValidationError(
                    self.env._(
                        "Estate %(estate)s already has an active committee "
                        "(%(other)s). Mark it expired or dissolved first.",
                        estate=committee.community_id.name,
                        other=other.name or committee.name,
                    )
                )

    def init(self):
        # The database guards the rule too, so two concurrent activations
        # cannot both succeed.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS hoa_committee_one_active_per_community
                ON hoa_committee (community_id) WHERE state = 'active'
            """
        )

    def _check_composition(self):
        """Raise unless the serving members make a valid committee."""
        for committee in self:
            company = committee.company_id
            serving = committee.member_ids.filtered("active")
            count = len(serving)
            minimum = company.hoa_committee_min_members
            maximum = company.hoa_committee_max_members
            if not minimum <= count <= maximum:
                raise ValidationError(
                    self.env._(
                        "%(committee)s has %(count)s serving members: a committee "
                        "needs between %(min)s and %(max)s.",
                        committee=committee.name,
                        count=count,
                        min=minimum,
                        max=maximum,
                    )
                )
            if company.hoa_committee_odd_members and count % 2 == 0:
                raise ValidationError(
                    self.env._(
                        "%(committee)s has %(count)s serving members: the number "
                        "of members must be odd.",
                        committee=committee.name,
                        count=count,
                    )
                )
            chairs = serving.filtered(lambda m: m.role == "chair")
            if len(chairs) != 1:
                raise ValidationError(
                    self.env._(
                        "%(committee)s must have exactly one chair (it has %(count)s).",
                        committee=committee.name,
                        count=len(chairs),
                    )
                )

    def _portal_member(self, partner):
        """``partner``'s serving membership of this committee, if any."""
        self.ensure_one()
        return self.member_ids.filtered(lambda m: m.active and m.partner_id == partner)[
            :1
        ]

    @api.model
    def _portal_committee(self, partner):
        """The active committee ``partner`` serves on (a member sits on
        one estate's committee), read with the caller's rights."""
        return self.search(
            [
                ("state", "=", "active"),
                ("member_ids.partner_id", "=", partner.id),
            ],
            limit=1,
        )

    def action_activate(self):
        self.check_access("write")
        for committee in self:
            if committee.state != "forming":
                raise UserError(
                    self.env._(
                        "Only a forming committee can be activated; %(committee)s "
                        "is %(state)s.",
                        committee=committee.name,
                        state=selection_label(
                            committee, "state", committee.state, self.env
                        ),
                    )
                )
            if not (committee.term_start and committee.term_end):
                raise UserError(
                    self.env._(
                        "Set the term of %(committee)s before activating it.",
                        committee=committee.name,
                    )
                )
        self._check_composition()
        self._check_no_other_active()
        self._set_state({"state": "active"})
        return True

    def action_expire(self):
        self.check_access("write")
        self.filtered(lambda c: c.state == "active")._set_state({"state": "expired"})
        return True

    def action_dissolve(self):
        self.check_access("write")
        self.filtered(lambda c: c.state in ("forming", "active"))._set_state(
            {"state": "dissolved"}
        )
        return True

    def action_reset_forming(self):
        self.check_access("write")
        self.filtered(lambda c: c.state == "dissolved")._set_state({"state": "forming"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_forming(self):
        if any(committee.state != "forming" for committee in self):
            raise UserError(
                self.env._(
                    "A committee that has been active is part of the archive and "
                    "cannot be deleted."
                )
            )

    # ------------------------------------------------------------------
    # The first meeting of the committee (指导规则: within 7 days of the
    # election, to choose the chair and vice-chairs)
    # ------------------------------------------------------------------

    meeting_ids = fields.One2many("hoa.meeting", "committee_id", string="Meetings")
    first_meeting_deadline = fields.Date(
        compute="_compute_workday_deadlines",
        store=True,
        help="The committee meets for the first time, to choose its chair and "
        "vice-chairs, within 7 days of its election: the election day is not "
        "counted, a last day that is a holiday or rest day moves to the next "
        "working day (民法典 arts. 201–203).",
    )
    first_meeting_date = fields.Date(
        string="First Meeting Held On",
        compute="_compute_first_meeting_date",
        store=True,
        readonly=False,
        tracking=True,
        copy=False,
        help="The day of the committee's first held meeting; enter it when the "
        "committee met without the service centre.",
    )
    first_meeting_late = fields.Boolean(
        compute="_compute_first_meeting_late",
        search="_search_first_meeting_late",
        help="No first meeting by the deadline, or held after it.",
    )

    @api.depends("meeting_ids.state", "meeting_ids.date_start")
    def _compute_first_meeting_date(self):
        for committee in self:
            days = committee.meeting_ids._held_days()
            if committee.first_meeting_date:
                days.append(committee.first_meeting_date)
            committee.first_meeting_date = min(days, default=False)

    @api.depends("first_meeting_deadline", "first_meeting_date")
    def _compute_first_meeting_late(self):
        today = self.env.company._hoa_today()
        for committee in self:
            deadline = committee.first_meeting_deadline
            committee.first_meeting_late = bool(deadline) and (
                (committee.first_meeting_date or today) > deadline
            )

    def _search_first_meeting_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on First Meeting Late."))
        self.flush_model(["first_meeting_deadline", "first_meeting_date"])
        self.env.cr.execute(
            """
            SELECT id FROM hoa_committee
             WHERE first_meeting_deadline IS NOT NULL
               AND COALESCE(first_meeting_date, %s) > first_meeting_deadline
            """,
            [self.env.company._hoa_today()],
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    @api.model
    @single_run
    def _cron_remind_first_meeting(self):
        """Daily: two days before the first meeting is due, the estate's head
        gets one activity to offer the new committee the centre's support."""
        today = self.env.company._hoa_today()
        committees = self.search(
            [
                ("state", "in", ("forming", "active")),
                ("first_meeting_date", "=", False),
                ("first_meeting_deadline", ">=", today),
                ("first_meeting_deadline", "<=", today + timedelta(days=2)),
                ("community_id.manager_id", "!=", False),
            ]
        )
        for committee in committees:
            manager = committee.community_id.manager_id
            committee = committee.with_context(
                lang=manager.lang or committee.company_id.partner_id.lang
            )
            summary = committee.env._(
                "First meeting of %(committee)s due by %(deadline)s",
                committee=committee.name,
                deadline=committee.first_meeting_deadline,
            )
            if committee.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                continue
            committee.activity_schedule(
                "hoa_committee.mail_activity_type_deadline",
                date_deadline=committee.first_meeting_deadline,
                summary=summary,
                note=committee.env._(
                    "A newly elected committee meets within 7 days of its election "
                    "to choose its chair and vice-chairs: offer the service "
                    "centre's support and record the meeting."
                ),
                user_id=manager.id,
            )
            if not commit_job(self.env):
                return False
        return True
