import base64
from datetime import date, datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from ..rules.meetings import notice_ok, notice_served_in_time, quorum_ok
from ..rules.periods import half_year_of, next_period, period_of, proposal_deadline
from ..rules.quality_visit import (
    is_visit_month,
    proposed_visit_day,
    report_kind_of,
    report_range,
)
from ..tools.batches import run_in_batches
from ..tools.cron_lock import single_run
from .hoa_archive_mixin import ARCHIVE_WRITABLE
from .hoa_domains import COMPANY_DOMAIN, USER_DOMAIN

#: estates prepared in one transaction by the nightly meeting jobs
CRON_BATCH = 50

#: fields that stay writable once the minutes are signed
FROZEN_WRITABLE = ARCHIVE_WRITABLE | {"signed_date", "calendar_event_id"}


#: the zones of mainland China (UTC+8, 北京时间)
CHINA_TIME_ZONES = frozenset(
    {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC"}
)


class HoaMeeting(models.Model):
    """A meeting between the service centre and the owners' committee.

    Routine meetings are proposed every period; special meetings take the
    committee's decision on a matter, with written notice and materials at
    least 5 days before. Minutes are signed by everyone present, after which
    the meeting, its minutes and resolutions are frozen and archived.
    """

    _name = "hoa.meeting"
    _description = "Committee Meeting"
    _inherit = [
        "hoa.input.mixin",
        "hoa.sequence.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hoa.portal.mixin",
        "hoa.responsible.mixin",
        "hoa.seal.mixin",
        "hoa.compliance.source.mixin",
        "hoa.state.guard.mixin",
        "hoa.service.mixin",
    ]
    _compliance_fields = ("state", "proposed_date", "date_start", "meeting_type")
    _state_guard_fields = ("state", "proposed_date", "signed_date")
    _portal_path = "/my/committee/meetings"
    _order = "date_start desc, id desc"
    _check_company_auto = True
    #: a meeting lasts at most a day
    _input_limits = {"duration": (0, 24)}
    _mail_post_access = "read"
    _sequence_code = "hoa.meeting"
    _sequence_field = "reference"

    reference = fields.Char(required=True, readonly=True, copy=False, default="/")
    name = fields.Char(string="Title", required=True, tracking=True)
    committee_id = fields.Many2one(
        "hoa.committee",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('company_id', 'in', allowed_company_ids),"
        " ('community_id', '=?', community_id)]",
    )
    community_id = fields.Many2one(
        "hoa.community",
        compute="_compute_community_id",
        store=True,
        readonly=False,
        index=True,
        precompute=True,
        string="Estate",
        domain=COMPANY_DOMAIN,
        help="Picking the estate proposes its serving committee.",
    )
    company_id = fields.Many2one(
        related="committee_id.company_id", store=True, index=True, precompute=True
    )
    meeting_type = fields.Selection(
        [
            ("routine", "Routine Work Meeting"),
            ("special", "Special-Topic Meeting"),
            ("half_year", "Half-Year Report Meeting"),
            ("assembly", "Owners' Assembly"),
        ],
        string="Type",
        required=True,
        default="routine",
        tracking=True,
    )
    period = fields.Char(
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="Routine meetings: the quarter (2026-Q4) or month (2026-11) they cover.",
    )
    proposal_deadline = fields.Date(
        compute="_compute_proposal_deadline",
        store=True,
        help="The head proposes the routine meeting to the chair on or before "
        "this day.",
    )
    proposed_date = fields.Date(readonly=True, copy=False, tracking=True)
    date_start = fields.Datetime(string="Starts", tracking=True, copy=False)
    duration = fields.Float(default=2.0, help="Hours.")
    location = fields.Char(tracking=True)
    user_id = fields.Many2one(string="Organiser")
    convener_id = fields.Many2one(
        "hoa.committee.member",
        string="Convened By",
        domain="[('committee_id', '=', committee_id)]",
        tracking=True,
        help="The chair; or the vice-chair or a member the chair delegates to.",
    )
    delegated = fields.Boolean(
        compute="_compute_delegated", help="Convened by someone other than the chair."
    )
    trigger = fields.Selection(
        [
            ("matter", "A Matter Needing the Committee's Consent"),
            ("complaints", "Many Owners Complaining About One Thing"),
            ("members", "A Majority of Members Raising a Major Issue"),
            ("other", "Other"),
        ],
        string="Why",
        tracking=True,
    )
    matter_id = fields.Many2one(
        "hoa.matter",
        string="Special-Matter Report",
        domain="[('committee_id', '=', committee_id)]",
        tracking=True,
        check_company=True,
    )
    agenda = fields.Html()
    material_ids = fields.Many2many(
        "ir.attachment",
        "hoa_meeting_material_rel",
        "meeting_id",
        "attachment_id",
        string="Materials",
    )
    notice_date = fields.Date(
        string="Notice Sent",
        tracking=True,
        copy=False,
        help="The day the written notice and the materials were sent to the "
        "members; when each of them received it is in the proof of service.",
    )
    notice_ok = fields.Boolean(
        string="Notice in Time",
        compute="_compute_notice_ok",
        store=True,
        help="Special meetings: every member was served the notice, with evidence "
        "(mail server acceptance, portal, signed receipt), at least the notice "
        "period before the meeting day.",
    )
    notice_override_reason = fields.Text(
        tracking=True,
        copy=False,
        help="Why the meeting may take a resolution although its notice was late "
        "(recorded by a head).",
    )
    requires_resolution = fields.Boolean(
        string="Takes a Resolution",
        compute="_compute_requires_resolution",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    attendance_ids = fields.One2many(
        "hoa.meeting.attendance", "meeting_id", string="Attendees", copy=False
    )
    member_count = fields.Integer(
        string="Committee Members",
        compute="_compute_attendance",
        store=True,
        help="Serving members of the committee: the basis of quorum and votes.",
    )
    present_member_count = fields.Integer(
        string="Members Present", compute="_compute_attendance", store=True
    )
    quorum_ok = fields.Boolean(
        string="Quorum",
        compute="_compute_attendance",
        store=True,
        help="With a resolution: more than half of the members present. Without: at "
        "least two members (a setting).",
    )
    unsigned_count = fields.Integer(compute="_compute_attendance", store=True)
    signed_count = fields.Integer(
        string="Signatures",
        compute="_compute_attendance",
        store=True,
        help="From the first signature the minutes and everything they cover are "
        "frozen.",
    )
    minutes = fields.Html()
    resolution_ids = fields.One2many(
        "hoa.meeting.resolution", "meeting_id", string="Resolutions", copy=False
    )
    action_ids = fields.One2many(
        "hoa.meeting.action", "meeting_id", string="Action Items", copy=False
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("proposed", "Proposed"),
            ("notified", "Notified"),
            ("held", "Held"),
            ("signed", "Signed"),
            ("declined", "Declined"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        readonly=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    signed_date = fields.Datetime(readonly=True, copy=False)
    declined_by_id = fields.Many2one(
        "hoa.committee.member",
        domain="[('committee_id', '=', committee_id), ('active', '=', True),"
        " ('role', 'in', ('chair', 'vice_chair'))]",
        tracking=True,
        copy=False,
        help="Only the chair or a vice-chair declines a meeting on the "
        "committee's behalf.",
    )
    decline_reason = fields.Text(tracking=True, copy=False)
    contact_required = fields.Boolean(
        compute="_compute_contact_required",
        help="The chair declined: the head must instead have a contact with the chair "
        "and with the vice-chair in this period.",
    )
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
    notice_undelivered = fields.Char(
        string="Notice Not Served To",
        compute="_compute_notice_undelivered",
        help="Members the notice has not reached, by proof of service: no email "
        "address, the email failed or bounced, not yet opened in the portal, or "
        "the paper receipt not yet recorded.",
    )
    date_in_past = fields.Boolean(compute="_compute_date_in_past")
    quorum_warning = fields.Boolean(
        compute="_compute_quorum_warning",
        help="No quorum, once the meeting is held or its attendance is being taken.",
    )

    _sql_constraints = [
        (
            "reference_uniq",
            "unique(company_id, reference)",
            "Meeting numbers are unique.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("committee_id.community_id")
    def _compute_community_id(self):
        for meeting in self:
            meeting.community_id = meeting.committee_id.community_id

    @api.onchange("community_id")
    def _onchange_community_id(self):
        if self.community_id and self.committee_id.community_id != self.community_id:
            self.committee_id = self.community_id.committee_id

    @api.depends(
        "meeting_type", "date_start", "committee_id.community_id.meeting_cadence"
    )
    def _compute_period(self):
        for meeting in self:
            # a meeting being entered follows its date; once saved it keeps
            # the period it covers (the job's meeting of a period, held late)
            follows = not meeting.period or not meeting._origin
            if meeting.meeting_type == "routine" and follows and meeting.date_start:
                cadence = (
                    meeting.committee_id.community_id.meeting_cadence or "quarterly"
                )
                meeting.period = period_of(meeting._local_day(), cadence).label
            elif meeting.meeting_type == "half_year" and follows and meeting.date_start:
                meeting.period = half_year_of(meeting._local_day()).label

    @api.depends(
        "period",
        "meeting_type",
        "committee_id.community_id.meeting_cadence",
        "company_id.hoa_routine_quarter_day",
        "company_id.hoa_routine_month_day",
    )
    def _compute_proposal_deadline(self):
        for meeting in self:
            period = meeting._period()
            if meeting.meeting_type != "routine" or not period:
                meeting.proposal_deadline = False
                continue
            company = meeting.company_id
            cadence = meeting.committee_id.community_id.meeting_cadence
            day = (
                company.hoa_routine_month_day
                if cadence == "monthly"
                else company.hoa_routine_quarter_day
            )
            meeting.proposal_deadline = proposal_deadline(period, day)

    def _period(self):
        """The :class:`~..rules.periods.Period` named by ``period``."""
        self.ensure_one()
        label = self.period or ""
        try:
            if "-Q" in label:
                year, quarter = label.split("-Q")
                return period_of(date(int(year), 3 * int(quarter) - 2, 1), "quarterly")
            if len(label) == 7 and label[4] == "-":
                return period_of(date(int(label[:4]), int(label[5:]), 1), "monthly")
        except ValueError:
            return None
        return None

    @api.depends("meeting_type", "matter_id")
    def _compute_requires_resolution(self):
        for meeting in self:
            meeting.requires_resolution = meeting.meeting_type == "special" and bool(
                meeting.matter_id.requires_decision
            )

    @api.depends("convener_id", "committee_id.chair_id")
    def _compute_delegated(self):
        for meeting in self:
            meeting.delegated = bool(
                meeting.convener_id
                and meeting.convener_id.partner_id != meeting.committee_id.chair_id
            )

    @api.depends(
        "meeting_type",
        "date_start",
        "company_id.hoa_meeting_notice_days",
        "committee_id.member_ids.active",
        "committee_id.member_ids.partner_id",
        "service_ids.served",
        "service_ids.served_date",
    )
    def _compute_notice_ok(self):
        for meeting in self:
            if meeting.meeting_type != "special":
                meeting.notice_ok = True
                continue
            served = meeting._notice_served_dates()
            meeting.notice_ok = notice_served_in_time(
                served.values(),
                meeting._local_day() if meeting.date_start else None,
                meeting.company_id.hoa_meeting_notice_days,
            )

    def _notice_members(self):
        """The members owed the notice: the committee's active members."""
        self.ensure_one()
        return self.committee_id.member_ids.filtered("active").partner_id

    def _notice_served_dates(self):
        """For each member owed the notice, the day their service of it is
        proven (the earliest), or ``None``."""
        self.ensure_one()
        services = self.sudo()._hoa_services("meeting_notice").filtered("served")
        dates = {}
        for partner in self._notice_members():
            days = services.filtered(lambda s, p=partner: s.partner_id == p).mapped(
                "served_date"
            )
            dates[partner] = min(days) if days else None
        return dates

    @api.depends(
        "attendance_ids.present",
        "attendance_ids.signed_at",
        "attendance_ids.member_id",
        "requires_resolution",
        "committee_id.member_count",
        "company_id.hoa_meeting_min_members",
    )
    def _compute_attendance(self):
        for meeting in self:
            members = meeting.attendance_ids.filtered("member_id")
            present = members.filtered("present")
            meeting.member_count = meeting.committee_id.member_count
            meeting.present_member_count = len(present)
            meeting.quorum_ok = quorum_ok(
                meeting.member_count,
                len(present),
                meeting.requires_resolution,
                meeting.company_id.hoa_meeting_min_members,
            )
            meeting.unsigned_count = len(
                meeting.attendance_ids.filtered(lambda a: a.present and not a.signed_at)
            )
            meeting.signed_count = len(meeting.attendance_ids.filtered("signed_at"))

    @api.depends(
        "state",
        "notice_date",
        "committee_id.member_ids.active",
        "service_ids.served",
    )
    def _compute_notice_undelivered(self):
        for meeting in self:
            if meeting.state not in ("notified", "held") or not meeting.notice_date:
                meeting.notice_undelivered = False
                continue
            missed = [p for p, day in meeting._notice_served_dates().items() if not day]
            meeting.notice_undelivered = ", ".join(p.name for p in missed)

    @api.depends("quorum_ok", "state", "present_member_count")
    def _compute_quorum_warning(self):
        for meeting in self:
            meeting.quorum_warning = not meeting.quorum_ok and (
                meeting.state == "held"
                or (
                    meeting.state in ("proposed", "notified")
                    and meeting.present_member_count > 0
                )
            )

    @api.depends("date_start", "state")
    def _compute_date_in_past(self):
        now = fields.Datetime.now()
        for meeting in self:
            meeting.date_in_past = bool(
                meeting.state == "draft"
                and meeting.date_start
                and meeting.date_start < now
            )

    @api.depends("state", "period", "community_id")
    def _compute_contact_required(self):
        for meeting in self:
            meeting.contact_required = meeting.state == "declined" and not all(
                meeting._contact_status()
            )

    def _tz(self):
        """The company's time zone (China's by default)."""
        self.ensure_one()
        return self.company_id.partner_id.tz or "Asia/Shanghai"

    def _tz_label(self):
        """The company's time zone as the notice names it: China Standard
        Time (北京时间) for mainland China's zone, else the zone's name."""
        self.ensure_one()
        tz = self._tz()
        if tz in CHINA_TIME_ZONES:
            return self.env._("China Standard Time")
        return tz

    def _local_day(self):
        """The meeting day in the company's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self._tz())
        return pytz.utc.localize(self.date_start).astimezone(tz).date()

    def _held_days(self):
        """The days (company time) on which those of these meetings that
        took place were held."""
        return [
            meeting._local_day()
            for meeting in self
            if meeting.state in ("held", "signed") and meeting.date_start
        ]

    # ------------------------------------------------------------------
    # CRUD, freezing, calendar
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        # one calendar sync for all of them at the end, not one per line added
        unsynced = meetings.with_context(hoa_meeting_calendar_later=True)
        for meeting, vals in zip(unsynced, vals_list, strict=True):
            if not meeting.attendance_ids:
                meeting._add_default_attendance()
            if vals.get("minutes_keeper_id"):
                # a keeper the head names attends (as staff); the default one,
                # the housekeeping supervisor, attends routine meetings anyway
                meeting._add_minutes_keeper_attendance()
            if not meeting.convener_id:
                meeting.convener_id = meeting.committee_id.member_ids.filtered(
                    lambda m: m.active and m.role == "chair"
                )[:1]
        meetings._sync_calendar()
        return meetings

    def _frozen_reason(self):
        """Signed minutes and what they cover (the meeting, its attendance,
        votes, resolutions and action items and its archived files): from the
        first signature nothing changes. While not everyone has signed, a
        head may void the signatures with a reason (:meth:`_void_signatures`)
        and have everyone sign again."""
        if self.state == "signed":
            return self.env._(
                "The minutes of %(meeting)s are signed by everyone present: "
                "the meeting is archived and can no longer change.",
                meeting=self.display_name,
            )
        signed = self.attendance_ids.filtered("signed_at")
        if signed:
            return self.env._(
                "%(names)s signed the minutes of %(meeting)s: the minutes, "
                "attendance, votes, resolutions and action items can no longer "
                "change. To correct them, a head voids the signatures with a "
                "reason and everyone signs again.",
                names=", ".join(signed.mapped("name")),
                meeting=self.display_name,
            )
        return super()._frozen_reason()

    def _frozen_fnames(self, fnames):
        """Everything but the bookkeeping; the state only leaves "signed"
        through the void action."""
        frozen = set(fnames) - FROZEN_WRITABLE
        if isinstance(fnames, dict) and fnames.get("state", "signed") != "signed":
            frozen.add("state")
        return frozen

    _archive_drafts = True

    def _archive_deletable(self):
        """A meeting never proposed to the committee may be deleted."""
        return self.state == "draft"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("minutes_keeper_id"):
            self._add_minutes_keeper_attendance()
        if {
            "date_start",
            "duration",
            "location",
            "name",
            "attendance_ids",
            "state",
        } & set(vals) and not self.env.context.get("hoa_meeting_calendar_later"):
            self._sync_calendar()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_calendar_event(self):
        self.calendar_event_id.unlink()

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for meeting in self:
            parts = [
                part
                for part in (meeting.reference, meeting.name)
                if part and part != "/"
            ]
            meeting.display_name = " ".join(parts) or self.env._("New Meeting")

    @api.onchange("date_start")
    def _onchange_date_start_past(self):
        if self.date_in_past:
            return {
                "warning": {
                    "title": self.env._("Date in the past"),
                    "message": self.env._(
                        "This meeting starts in the past: the notice cannot be sent "
                        "for it. Give it a date to come."
                    ),
                }
            }
        return None

    def _add_default_attendance(self):
        """Every serving member; for routine meetings also the head and the
        three supervisors."""
        self.ensure_one()
        lines = [
            Command.create({"member_id": member.id})
            for member in self.committee_id.member_ids.filtered("active")
        ]
        staff = self.user_id
        if self.meeting_type in ("routine", "half_year"):
            community = self.community_id
            staff |= (
                community.manager_id
                | community.housekeeping_supervisor_id
                | community.engineering_supervisor_id
                | community.customer_supervisor_id
            )
        if self.meeting_type == "half_year":
            staff |= self._half_year_department_users()
        lines += [Command.create({"user_id": user.id}) for user in staff]
        self.attendance_ids = lines

    def _calendar_partners(self):
        self.ensure_one()
        return (
            self.attendance_ids.member_id.partner_id
            | self.attendance_ids.user_id.partner_id
        )

    def _sync_calendar(self):
        """Keep one calendar event per dated meeting, with its attendees."""
        Event = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True, mail_create_nosubscribe=True)
        )
        new_events = []
        for meeting in self:
            if meeting.state in ("cancelled", "declined") or not meeting.date_start:
                if meeting.calendar_event_id:
                    meeting.calendar_event_id.active = False
                continue
            values = {
                "name": meeting.display_name,
                "start": meeting.date_start,
                "stop": meeting.date_start + timedelta(hours=meeting.duration or 1.0),
                "location": meeting.location or False,
                "user_id": meeting.user_id.id or self.env.user.id,
                "partner_ids": [Command.set(meeting._calendar_partners().ids)],
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": meeting.id,
                "active": True,
            }
            if meeting.calendar_event_id:
                # the notice is the members' invitation: no calendar emails
                Event.browse(meeting.calendar_event_id.id).with_context(
                    active_test=False
                ).write(values)
            else:
                new_events.append((meeting, values))
        if new_events:
            events = Event.create([values for _meeting, values in new_events])
            for (meeting, _values), event in zip(new_events, events, strict=True):
                meeting.calendar_event_id = event

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def action_propose(self):
        """The head proposes the meeting to the chair (or the convener)."""
        self.check_access("write")
        self._ensure_state(("draft",), self.env._("proposed"))
        for meeting in self:
            if not meeting.date_start:
                raise UserError(
                    self.env._(
                        "Give %(meeting)s a date before proposing it.",
                        meeting=meeting.display_name,
                    )
                )
        self._set_state(
            {"state": "proposed", "proposed_date": self.env.company._hoa_today()}
        )
        self.activity_feedback(["hoa_committee.mail_activity_type_deadline"])
        return True

    def action_decline(self):
        """The chair (or vice-chair) sees no need for the meeting: do not
        insist, but the mandatory contacts of the period become due."""
        self.check_access("write")
        self._ensure_state(("draft", "proposed"), self.env._("declined"))
        for meeting in self:
            if not (meeting.declined_by_id and (meeting.decline_reason or "").strip()):
                raise UserError(
                    self.env._(
                        "Record who declined %(meeting)s and why.",
                        meeting=meeting.display_name,
                    )
                )
            meeting._check_declined_by_role()
        self._set_state({"state": "declined"})
        for meeting in self:
            meeting.message_post(
                body=self.env._(
                    "%(who)s declined the meeting. Instead, the head must have at least "
                    "one contact with the chair and with the vice-chair in this period.",
                    who=meeting.declined_by_id.partner_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if meeting.user_id:
                meeting.activity_schedule(
                    "hoa_committee.mail_activity_type_deadline",
                    date_deadline=(
                        meeting._period()
                        or period_of(self.env.company._hoa_today(), "monthly")
                    ).end,
                    summary=meeting.with_context(lang=meeting.user_id.lang).env._(
                        "Contact the chair and the vice-chair instead"
                    ),
                    user_id=meeting.user_id.id,
                )
        return True

    def _contact_status(self):
        """For a declined meeting: ``(chair_ok, vice_chair_ok)`` in its period."""
        self.ensure_one()
        period = self._period()
        day = period.start if period else self.env.company._hoa_today()
        _period, chair_ok, vice_ok = self.community_id._mandatory_contact_status(day)[
            self.community_id
        ]
        return chair_ok, vice_ok

    def _notice_late(self):
        """Special meetings whose notice, sent today, would not reach the
        members the notice period before the meeting day."""
        today = self.env.company._hoa_today()
        return self.filtered(
            lambda m: (
                m.meeting_type == "special"
                and m.date_start
                and not notice_ok(
                    today, m._local_day(), m.company_id.hoa_meeting_notice_days
                )
            )
        )

    def action_send_notice(self):
        """Serve every member the notice (``mail_template_meeting_notice``)
        with the notice PDF and the materials — by email, else in the portal,
        else on paper with a receipt slip — and record the day it was sent.
        Late for a special meeting: the head confirms first. Whom it does not
        reach is named on the form, with an activity for the head; each
        member's proof of service says when it arrived."""
        self.check_access("write")
        self._ensure_state(("draft", "proposed"), self.env._("notified"))
        for meeting in self:
            if not (meeting.date_start and meeting.location):
                raise UserError(
                    self.env._(
                        "Give %(meeting)s a date and a place before sending the notice.",
                        meeting=meeting.display_name,
                    )
                )
            if meeting.date_start <= fields.Datetime.now():
                raise UserError(
                    self.env._(
                        "%(meeting)s was to start on %(when)s, which is past: give it a "
                        "new date before sending the notice.",
                        meeting=meeting.display_name,
                        when=meeting._local_day(),
                    )
                )
        late = self._notice_late()
        if late and not self.env.context.get("hoa_late_notice_confirmed"):
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Late Notice"),
                "res_model": "hoa.meeting.notice.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_meeting_ids": [Command.set(self.ids)]},
            }
        self._set_state(
            {"state": "notified", "notice_date": self.env.company._hoa_today()}
        )
        # notified straight from draft: the proposal to the chair is done too
        self.activity_feedback(["hoa_committee.mail_activity_type_deadline"])
        for meeting in self:
            meeting._serve_notice(meeting._notice_members())
        return True

    def _serve_notice(self, partners):
        """Serve ``partners`` the notice PDF and the materials, each by the
        best channel they have (proof of service per member); the head is
        told whom it does not reach."""
        self.ensure_one()
        report = self.env.ref("hoa_committee.action_report_meeting_notice")
        template = self.env.ref("hoa_committee.mail_template_meeting_notice")
        pdf, _kind = report._render_qweb_pdf(report.report_name, self.ids)
        notice = self.env["ir.attachment"].create(
            {
                "name": self.env._("Meeting notice %(ref)s.pdf", ref=self.reference),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        attachments = notice | self.material_ids
        services = self._hoa_serve(
            "meeting_notice", partners, template, attachments=attachments
        )
        self.message_post(
            body=self.env._(
                "Notice of %(meeting)s sent to %(names)s with %(count)s "
                "attachments: it is served on each of them only with evidence, see "
                "the proof of service for who received it.",
                meeting=self.name,
                names=", ".join(services.partner_id.mapped("name")) or "-",
                count=len(attachments),
            ),
            attachment_ids=notice.ids,
            subtype_xmlid="mail.mt_note",
        )
        return services

    def action_serve_notice_unserved(self):
        """Serve the notice to the members who have no proof of service of it
        at all (e.g. joined the committee after it was sent)."""
        self.check_access("write")
        self._ensure_state(("notified",), self.env._("served"))
        for meeting in self:
            served = meeting.sudo()._hoa_services("meeting_notice").partner_id
            missing = meeting._notice_members() - served
            if missing:
                meeting._serve_notice(missing)
        return True

    def _hoa_service_awaiting(self):
        """A notice waits for receipts until the meeting is held."""
        self.ensure_one()
        return self.state == "notified"

    def _hoa_service_print_template(self, kind):
        if kind == "meeting_notice":
            return "hoa_committee.report_meeting_notice_document"
        return super()._hoa_service_print_template(kind)

    def _notice_email_from(self):
        """Who the notice comes from: the organiser, else the company."""
        self.ensure_one()
        return (
            self.user_id.email_formatted
            or self.company_id.email_formatted
            or self.env.user.email_formatted
        )

    def action_hold(self):
        """Record that the meeting took place, with who attended."""
        self.check_access("write")
        self._ensure_state(("proposed", "notified"), self.env._("held"))
        for meeting in self:
            if not meeting.quorum_ok:
                if meeting.requires_resolution:
                    message = self.env._(
                        "%(meeting)s has %(present)s of %(members)s members present: a "
                        "resolution needs more than half. Reschedule, or hold it without "
                        "a resolution.",
                        meeting=meeting.display_name,
                        present=meeting.present_member_count,
                        members=meeting.member_count,
                    )
                else:
                    message = self.env._(
                        "%(meeting)s has %(present)s members present: at least %(min)s "
                        "are needed. Reschedule or use another channel.",
                        meeting=meeting.display_name,
                        present=meeting.present_member_count,
                        min=meeting.company_id.hoa_meeting_min_members,
                    )
                raise UserError(message)
            meeting._check_notice_for_resolution()
        self._set_state({"state": "held"})
        # the members present sign the minutes in the portal: they are told
        template = self.env.ref("hoa_committee.mail_template_meeting_minutes_to_sign")
        for meeting in self:
            present = meeting.attendance_ids.filtered("present").member_id.partner_id
            if present:
                meeting._hoa_notify(template, present)
        return True

    def _check_notice_for_resolution(self):
        for meeting in self:
            if (
                meeting.requires_resolution
                and not meeting.notice_ok
                and not (meeting.notice_override_reason or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "The notice of %(meeting)s did not reach the members %(days)s days "
                        "before the meeting: it cannot take a resolution unless a head "
                        "records why.",
                        meeting=meeting.display_name,
                        days=meeting.company_id.hoa_meeting_notice_days,
                    )
                )

    @api.constrains("notice_date", "date_start")
    def _check_notice_before_meeting(self):
        for meeting in self:
            if (
                meeting.notice_date
                and meeting.date_start
                and meeting.notice_date > meeting._local_day()
            ):
                raise ValidationError(
                    self.env._(
                        "The notice of %(meeting)s is dated %(notice)s, after the "
                        "meeting itself (%(day)s).",
                        meeting=meeting.name,
                        notice=meeting.notice_date,
                        day=meeting._local_day(),
                    )
                )

    @api.constrains("notice_override_reason")
    def _check_override_by_head(self):
        if self.env.su or self.env.user.has_group("hoa_committee.group_hoa_manager"):
            return
        if any((m.notice_override_reason or "").strip() for m in self):
            raise ValidationError(
                self.env._("Only a service-centre head can override a late notice.")
            )

    def action_cancel(self):
        self.check_access("write")
        self._ensure_state(("draft", "proposed", "notified"), self.env._("cancelled"))
        self._set_state({"state": "cancelled"})
        return True

    def action_draft(self):
        self.check_access("write")
        self._ensure_state(("cancelled", "declined"), self.env._("reset to draft"))
        self._set_state({"state": "draft"})
        return True

    def _check_all_signed(self):
        """Once every present attendee has signed: freeze and archive."""
        for meeting in self.filtered(lambda m: m.state == "held"):
            present = meeting.attendance_ids.filtered("present")
            if present and all(present.mapped("signed_at")):
                meeting._freeze()

    def _freeze(self):
        self.ensure_one()
        if is_html_empty(self.minutes):
            raise UserError(
                self.env._(
                    "Write the minutes of %(meeting)s first.", meeting=self.display_name
                )
            )
        self._set_state({"state": "signed", "signed_date": fields.Datetime.now()})
        self._seal("minutes")
        report = self.env.ref("hoa_committee.action_report_meeting_minutes")
        pdf, _kind = report._render_qweb_pdf(report.report_name, self.ids)
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Minutes %(ref)s.pdf", ref=self.reference),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        self.message_post(
            body=self.env._(
                "Minutes signed by all %(count)s attendees present: archived.",
                count=len(self.attendance_ids.filtered("present")),
            ),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )

    def action_sign_as_staff(self):
        """The current user signs the minutes (their own attendance line)."""
        self.check_access("write")
        for meeting in self:
            line = meeting.attendance_ids.filtered(
                lambda a: a.user_id == self.env.user and a.present
            )
            if not line:
                raise UserError(
                    self.env._(
                        "You are not recorded as present at %(meeting)s.",
                        meeting=meeting.display_name,
                    )
                )
            line._sign(method="web")
        return True

    def _void_signatures(self, reason):
        """A head voids every signature of minutes not yet signed by all, with
        the reason, and asks everyone present to sign again."""
        if not self.env.user.has_group("hoa_committee.group_hoa_manager"):
            raise UserError(self.env._("Only a service-centre head voids signatures."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for voiding the signatures."))
        for meeting in self:
            if meeting.state != "held":
                raise UserError(
                    self.env._(
                        "The minutes of %(meeting)s are signed by everyone present: "
                        "the meeting is archived and can no longer change.",
                        meeting=meeting.display_name,
                    )
                )
            signed = meeting.attendance_ids.filtered("signed_at")
            if not signed:
                continue
            names = ", ".join(signed.mapped("name"))
            signed._set_state(
                {
                    "signed_at": False,
                    "sign_method": False,
                    "signed_ip": False,
                    "paper_scan_id": False,
                }
            )
            meeting.message_post(
                body=self.env._(
                    "%(user)s voided the signatures of %(names)s: %(reason)s",
                    user=self.env.user.name,
                    names=names,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            members = meeting.attendance_ids.filtered("present").member_id.partner_id
            if members:
                meeting.with_context(hoa_void_reason=reason)._hoa_notify(
                    self.env.ref("hoa_committee.mail_template_meeting_minutes_to_sign"),
                    members,
                )
        return True

    def action_open_void_wizard(self):
        self.check_access("write")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Void the Signatures"),
            "res_model": "hoa.meeting.void.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_meeting_id": self.id},
        }

    def _seal_payload(self):
        """What signed minutes say: the meeting, who attended and signed how,
        the minutes and the resolutions with every member's vote."""
        self.ensure_one()
        return {
            "reference": self.reference,
            "name": self.name,
            "type": self.meeting_type,
            "committee": self.committee_id.id,
            "starts": self.date_start,
            "location": self.location,
            "agenda": self.agenda,
            "minutes": self.minutes,
            "signed": self.signed_date,
            "attendance": [
                [
                    line.id,
                    line.member_id.partner_id.id,
                    line.user_id.id,
                    line.present,
                    line.signed_at,
                    line.sign_method,
                    line.signed_ip,
                ]
                for line in self.attendance_ids.sorted("id")
            ],
            "resolutions": [
                [
                    resolution.id,
                    resolution.name,
                    [
                        [v.member_id.id, v.vote]
                        for v in resolution.vote_ids.sorted("id")
                    ],
                ]
                for resolution in self.resolution_ids.sorted("id")
            ],
        }

    def action_open_work_report(self):
        """The work report presented at this routine meeting: the previous
        period's work, filled from the records the first time."""
        self.check_access("write")
        self.ensure_one()
        report = self.env["hoa.work.report"].search(
            [("meeting_id", "=", self.id)], limit=1
        )
        if not report:
            period = self._period() or period_of(
                self.env.company._hoa_today(), self.community_id.meeting_cadence
            )
            previous = period_of(
                period.start - timedelta(days=1), self.community_id.meeting_cadence
            )
            report = self.env["hoa.work.report"].create(
                {
                    "community_id": self.community_id.id,
                    "committee_id": self.committee_id.id,
                    "meeting_id": self.id,
                    "date_from": previous.start,
                    "date_to": previous.end,
                }
            )
            report.action_fill()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hoa.work.report",
            "res_id": report.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _portal_attendance(self, partner):
        """``partner``'s attendance line, if they attended as a member."""
        self.ensure_one()
        return self.sudo().attendance_ids.filtered(
            lambda a: a.member_id.partner_id == partner
        )[:1]

    def _portal_can_read_minutes(self):
        self.ensure_one()
        return self.state in ("held", "signed") and not is_html_empty(self.minutes)

    def _portal_sign(self, ip=None):
        """A committee member signs the minutes from the portal, as
        themselves: their own attendance line, recorded with the IP."""
        self.ensure_one()
        line = self._portal_attendance(self.env.user.partner_id)
        if not line:
            raise AccessError(
                self.env._(
                    "Only members who attended %(meeting)s sign its minutes.",
                    meeting=self.sudo().display_name,
                )
            )
        return line._sign(method="portal", ip=ip)

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    @single_run
    def _cron_prepare_routine_meetings(self):
        """Daily: each estate with an active committee has a draft routine
        meeting for the current period and, from 30 days before it starts,
        the next one, with its agenda prefilled and an activity for the head
        before the proposal deadline. Idempotent."""
        today = self.env.company._hoa_today()
        communities = self.env["hoa.community"].search(
            [("committee_id", "!=", False), ("manager_id", "!=", False)]
        )
        existing = {
            (m["committee_id"][0], m["period"])
            for m in self.with_context(active_test=False).search_read(
                [
                    ("meeting_type", "=", "routine"),
                    ("committee_id", "in", communities.committee_id.ids),
                ],
                ["committee_id", "period"],
            )
        }
        return run_in_batches(
            communities,
            lambda estates: self._create_routine_meetings(estates, today, existing),
            CRON_BATCH,
            "Preparing the routine meetings",
            self._cron_prepare_routine_meetings,
        )

    def _create_routine_meetings(self, communities, today, existing):
        """The missing routine meetings of ``communities`` (the current period
        and, from 30 days before it starts, the next one): one ``create`` per
        company language, the open items of their agendas read in three
        queries, the head's activities in one ``create``."""
        todo = []
        for community in communities:
            cadence = community.meeting_cadence
            current = period_of(today, cadence)
            periods = [current]
            following = next_period(current, cadence)
            if (following.start - today).days <= 30:
                periods.append(following)
            todo.extend(
                (community, period)
                for period in periods
                if (community.committee_id.id, period.label) not in existing
            )
        if not todo:
            return self
        open_items = self._routine_open_items(communities)
        by_lang = {}
        for community, period in todo:
            lang = community.company_id.partner_id.lang or self.env.lang
            by_lang.setdefault(lang, []).append((community, period))
        meetings = self
        for lang, pairs in by_lang.items():
            # written in the estate's company language, whoever runs the job
            this = self.with_context(lang=lang)
            meetings |= this.create(
                [
                    {
                        "name": this.env._(
                            "Routine work meeting %(period)s", period=period.label
                        ),
                        "committee_id": community.committee_id.id,
                        "meeting_type": "routine",
                        "period": period.label,
                        "agenda": this._routine_agenda(community, period, open_items),
                    }
                    for community, period in pairs
                ]
            )
        company_today = self.env.company._hoa_today()
        summaries = {}
        activities = []
        for meeting in meetings:
            if not (meeting.user_id and meeting.proposal_deadline):
                continue
            lang = meeting.user_id.lang
            if lang not in summaries:
                summaries[lang] = meeting.with_context(lang=lang).env._(
                    "Propose the routine meeting to the chair"
                )
            activities.append(
                (
                    meeting,
                    max(meeting.proposal_deadline, company_today),
                    summaries[lang],
                    meeting.user_id,
                    "hoa_committee.mail_activity_type_deadline",
                )
            )
        self._schedule_activities(activities)
        return meetings

    @api.model
    def _routine_open_items(self, communities):
        """``{estate id: (inquiries, matters, action items)}``: what routine
        agendas of ``communities`` report on, in three queries."""
        inquiries = self.env["hoa.inquiry"].search(
            [
                ("community_id", "in", communities.ids),
                ("state", "in", ("recorded", "assessed", "escalated", "reply_sent")),
            ]
        )
        matters = self.env["hoa.matter"].search(
            [
                ("community_id", "in", communities.ids),
                ("state", "in", ("draft", "sent", "delivered")),
            ]
        )
        actions = self.env["hoa.meeting.action"].search(
            [
                ("meeting_id.community_id", "in", communities.ids),
                ("state", "=", "open"),
            ]
        )
        items = {
            community.id: (inquiries.browse(), matters.browse(), actions.browse())
            for community in communities
        }
        for index, (records, estate) in enumerate(
            (
                (inquiries, lambda r: r.community_id),
                (matters, lambda r: r.community_id),
                (actions, lambda r: r.meeting_id.community_id),
            )
        ):
            grouped = {}
            for record in records:
                grouped.setdefault(estate(record).id, []).append(record.id)
            for community_id, ids in grouped.items():
                if community_id in items:
                    found = list(items[community_id])
                    found[index] = records.browse(ids)
                    items[community_id] = tuple(found)
        return items

    def _create_routine_meeting(self, community, period):
        # written in the estate's company language, whoever runs the job
        return self.with_context(
            lang=community.company_id.partner_id.lang or self.env.lang
        )._create_routine_meeting_in_lang(community, period)

    def _create_routine_meeting_in_lang(self, community, period):
        meeting = self.create(
            {
                "name": self.env._(
                    "Routine work meeting %(period)s", period=period.label
                ),
                "committee_id": community.committee_id.id,
                "meeting_type": "routine",
                "period": period.label,
                "agenda": self._routine_agenda(community, period),
            }
        )
        if meeting.user_id and meeting.proposal_deadline:
            meeting.activity_schedule(
                "hoa_committee.mail_activity_type_deadline",
                date_deadline=max(
                    meeting.proposal_deadline, self.env.company._hoa_today()
                ),
                summary=meeting.with_context(lang=meeting.user_id.lang).env._(
                    "Propose the routine meeting to the chair"
                ),
                user_id=meeting.user_id.id,
            )
        return meeting

    @api.model
    def _routine_agenda(self, community, period, open_items=None):
        """The agenda of a routine meeting: the fixed points of the procedure
        and the open items to report on (read here, or taken from
        ``open_items`` as :meth:`_routine_open_items` returns them)."""
        if open_items is not None:
            return self._routine_agenda_of(period, *open_items[community.id])
        inquiries = self.env["hoa.inquiry"].search(
            [
                ("community_id", "=", community.id),
                ("state", "in", ("recorded", "assessed", "escalated", "reply_sent")),
            ]
        )
        matters = self.env["hoa.matter"].search(
            [
                ("community_id", "=", community.id),
                ("state", "in", ("draft", "sent", "delivered")),
            ]
        )
        actions = self.env["hoa.meeting.action"].search(
            [("meeting_id.community_id", "=", community.id), ("state", "=", "open")]
        )
        return self._routine_agenda_of(period, inquiries, matters, actions)

    @api.model
    def _routine_agenda_of(self, period, inquiries, matters, actions):
        # the pages showing the agenda give it its heading
        return (
            self.env["ir.qweb"]
            ._render(
                "hoa_committee.hoa_meeting_agenda_routine",
                {
                    # the period's place in the sentence is the language's
                    "plan": self.env._(
                        "Plan for the period %(period)s", period=period.label
                    ),
                    "inquiries": inquiries,
                    "matters": matters,
                    "actions": actions,
                },
            )
            .strip()
        )

    @api.model
    @single_run
    def _cron_prepare_half_year_meetings(self):
        """In June and December: the half-year (or annual) report meeting with
        the quality department's visit, once per half-year, dated in the last
        weeks of the month at 9:30 and organised by the quality department,
        the property-management department attending. Idempotent."""
        today = self.env.company._hoa_today()
        if not is_visit_month(today):
            return True
        label = half_year_of(today).label
        communities = self.env["hoa.community"].search([("committee_id", "!=", False)])
        done = set(
            self.search(
                [("meeting_type", "=", "half_year"), ("period", "=", label)]
            ).committee_id.ids
        )
        todo = communities.filtered(lambda c: c.committee_id.id not in done)
        return run_in_batches(
            todo,
            lambda communities: self._create_half_year_meetings(
                communities, today, label
            ),
            CRON_BATCH,
            "Preparing the half-year meetings",
            self._cron_prepare_half_year_meetings,
        )

    def _create_half_year_meetings(self, communities, today, label):
        """The half-year meetings of ``communities`` in one ``create``, and
        their activities for leadership and the organiser in another."""
        communities.fetch(["committee_id", "company_id", "workday_calendar_id"])
        name = self.env._("Half-year report meeting %(period)s", period=label)
        agenda = (
            self.env["ir.qweb"]
            ._render("hoa_committee.hoa_meeting_agenda_half_year")
            .strip()
        )
        meetings = self.create(
            [
                {
                    "name": name,
                    "committee_id": community.committee_id.id,
                    "meeting_type": "half_year",
                    "period": label,
                    **self._half_year_schedule(community, today),
                    "agenda": agenda,
                }
                for community in communities
            ]
        )
        deadline = date(today.year, today.month, 1) + timedelta(days=27)
        escalation = {}
        summaries = {}
        activities = []
        for meeting, community in zip(meetings, communities, strict=True):
            company = community.company_id
            if company not in escalation:
                escalation[company] = company._hoa_escalation_users()
            users = escalation[company]
            for user in users | (meeting.user_id - users):
                key = (user.lang, community.name)
                if key not in summaries:
                    summaries[key] = meeting.with_context(lang=user.lang).env._(
                        "Quality visit to the committee of %(estate)s",
                        estate=community.name,
                    )
                activities.append(
                    (
                        meeting,
                        deadline,
                        summaries[key],
                        user,
                        "mail.mail_activity_data_todo",
                    )
                )
        self._schedule_activities(activities)
        return meetings

    def _schedule_activities(self, activities):
        """What ``activity_schedule`` does, for many meetings in one
        ``create``: ``activities`` is a list of ``(meeting, deadline, summary,
        user, activity type xmlid)``."""
        if not activities or self.env.context.get("mail_activity_automation_skip"):
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id(self._name)
        types = {}
        vals_list = []
        for meeting, deadline, summary, user, type_xmlid in activities:
            if type_xmlid not in types:
                types[type_xmlid] = self.env.ref(type_xmlid)
            activity_type = types[type_xmlid]
            vals_list.append(
                {
                    "activity_type_id": activity_type.id,
                    "summary": summary or activity_type.summary,
                    "automated": True,
                    "note": activity_type.default_note,
                    "date_deadline": deadline,
                    "res_model_id": model_id,
                    "res_id": meeting.id,
                    "user_id": user.id,
                }
            )
        return self.env["mail.activity"].create(vals_list)

    @api.model
    def _default_start(self, day):
        """9:30 in China on ``day``, as a naive UTC datetime."""
        local = pytz.timezone("Asia/Shanghai").localize(
            datetime.combine(day, time(9, 30))
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------------
    # The half-year quality visit
    # ------------------------------------------------------------------

    def _half_year_schedule(self, community, today):
        """The visit's proposed start (9:30 on a working day of the month's
        last weeks) and its organiser from the quality department."""
        calendar = community.workday_calendar_id
        day = proposed_visit_day(
            today,
            calendar._is_working_day if calendar else (lambda day: day.weekday() < 5),
        )
        values = {"date_start": self._default_start(day)}
        organiser = community.company_id._hoa_quality_user()
        if organiser:
            values["user_id"] = organiser.id
        return values

    @api.depends("community_id", "meeting_type")
    def _compute_user_id(self):
        """A half-year visit is organised by the quality department; every
        other meeting by the estate's head."""
        for meeting in self:
            heads = (
                meeting.community_id.manager_id
                | meeting._origin.community_id.manager_id
            )
            if meeting.meeting_type == "half_year" and (
                not meeting.user_id or meeting.user_id in heads
            ):
                company = meeting.company_id or self.env.company
                meeting.user_id = company._hoa_quality_user() or meeting.user_id
        return super()._compute_user_id()

    def _half_year_department_users(self):
        """Who attends a half-year visit for the company besides the
        organiser and the estate's staff: the property-management
        department."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return company._hoa_department_users("hoa_committee.group_hoa_property_dept")

    def _half_year_records(self):
        """What belongs to this half-year visit, by estate and half year
        (model name → records): its work report, the repair plan presented
        (of the half year, or of its year) and the committee's evaluation."""
        self.ensure_one()
        estate = [("community_id", "=", self.community_id.id)]
        year = (self.period or "").split("-")[0]
        return {
            "hoa.work.report": self.env["hoa.work.report"].search(
                [
                    *estate,
                    ("period", "=", self.period),
                    ("report_kind", "in", ("half_year", "annual")),
                ]
            ),
            "hoa.repair.plan": self.env["hoa.repair.plan"].search(
                [*estate, ("period", "in", [self.period, year])]
            ),
            "hoa.evaluation": self.env["hoa.evaluation"].search(
                [
                    ("committee_id", "=", self.committee_id.id),
                    ("period", "=", self.period),
                ]
            ),
        }

    def action_open_half_year_repair_plans(self):
        """The major and medium repair plan presented at this visit (a new
        one of the estate and half year when there is none)."""
        self.ensure_one()
        plans = self._half_year_records()["hoa.repair.plan"]
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hoa_committee.hoa_repair_plan_action"
        )
        action["domain"] = [("id", "in", plans.ids)]
        action["context"] = {
            "default_community_id": self.community_id.id,
            "default_period": self.period,
        }
        if len(plans) <= 1:
            action.update(views=[(False, "form")], res_id=plans.id)
        return action

    def action_open_half_year_evaluation(self):
        """The committee's evaluation of the centre for this half year:
        created the first time, then opened to the committee in the portal."""
        self.ensure_one()
        evaluation = self._half_year_records()["hoa.evaluation"][:1]
        if not evaluation:
            evaluation = self.env["hoa.evaluation"].create(
                {
                    "community_id": self.community_id.id,
                    "committee_id": self.committee_id.id,
                    "period": self.period,
                }
            )
        if evaluation.state == "draft":
            evaluation.action_open_for_committee()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hoa.evaluation",
            "res_id": evaluation.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_half_year_report(self):
        """The half-year (in December: annual) work report of this visit,
        covering the whole half year or year, filled from the records the
        first time."""
        self.check_access("write")
        self.ensure_one()
        report = self._half_year_records()["hoa.work.report"][:1]
        if not report:
            day = (
                self._local_day() if self.date_start else self.env.company._hoa_today()
            )
            kind = report_kind_of(day)
            covered = report_range(day, kind)
            report = self.env["hoa.work.report"].create(
                {
                    "community_id": self.community_id.id,
                    "committee_id": self.committee_id.id,
                    "meeting_id": self.id,
                    "report_kind": kind,
                    "date_from": covered.start,
                    "date_to": covered.end,
                }
            )
            report.action_fill()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hoa.work.report",
            "res_id": report.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Routine meetings, staff attendance, minutes keeper, decline (issue 17)
    # ------------------------------------------------------------------

    period_end = fields.Date(
        string="Period Ends",
        compute="_compute_period_end",
        store=True,
        help="Routine meetings: the last day of their period. Not held by then, "
        "the meeting is a shortfall.",
    )
    minutes_keeper_id = fields.Many2one(
        "res.users",
        compute="_compute_minutes_keeper_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=USER_DOMAIN,
        tracking=True,
        help="Who keeps the minutes: the estate's housekeeping supervisor, or whom "
        "the head names. A staff secretary is not a committee member: never "
        "counted in the committee's size or the quorum.",
    )
    staff_absent_ids = fields.Many2many(
        "res.users",
        "hoa_meeting_staff_absent_rel",
        "meeting_id",
        "user_id",
        compute="_compute_staff_absent_ids",
        store=True,
        help="Routine and half-year meetings: the head and the three supervisors "
        "must attend; those not recorded present at the held meeting.",
    )
    routine_reminded_date = fields.Date(
        string="Reminder Sent",
        readonly=True,
        copy=False,
        help="The day the head was reminded that the period's routine meeting "
        "was not yet held nor scheduled.",
    )

    @api.depends("period", "meeting_type")
    def _compute_period_end(self):
        for meeting in self:
            period = meeting.meeting_type == "routine" and meeting._period()
            meeting.period_end = period.end if period else False

    @api.depends("community_id.housekeeping_supervisor_id")
    def _compute_minutes_keeper_id(self):
        for meeting in self:
            if not meeting.minutes_keeper_id:
                meeting.minutes_keeper_id = (
                    meeting.community_id.housekeeping_supervisor_id
                )

    def _required_staff(self):
        """The staff who must attend a routine (or half-year) meeting: the
        head and the three supervisors of the estate."""
        self.ensure_one()
        if self.meeting_type not in ("routine", "half_year"):
            return self.env["res.users"]
        community = self.community_id
        return (
            community.manager_id
            | community.housekeeping_supervisor_id
            | community.engineering_supervisor_id
            | community.customer_supervisor_id
        )

    @api.depends(
        "state",
        "meeting_type",
        "attendance_ids.present",
        "attendance_ids.user_id",
        "community_id.manager_id",
        "community_id.housekeeping_supervisor_id",
        "community_id.engineering_supervisor_id",
        "community_id.customer_supervisor_id",
    )
    def _compute_staff_absent_ids(self):
        for meeting in self:
            if meeting.state not in ("held", "signed"):
                meeting.staff_absent_ids = False
                continue
            present = meeting.attendance_ids.filtered("present").user_id
            meeting.staff_absent_ids = meeting._required_staff() - present

    @api.constrains("declined_by_id")
    def _check_declined_by_role(self):
        for meeting in self.filtered("declined_by_id"):
            member = meeting.declined_by_id
            if (
                member.committee_id != meeting.committee_id
                or not member.active
                or member.role not in ("chair", "vice_chair")
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot decline %(meeting)s: only the chair or a "
                        "vice-chair declines a meeting on the committee's behalf.",
                        name=member.partner_id.name,
                        meeting=meeting.display_name,
                    )
                )

    def _add_minutes_keeper_attendance(self):
        """The minutes keeper attends as staff (never as a member)."""
        for meeting in self:
            keeper = meeting.minutes_keeper_id
            if keeper and keeper not in meeting.attendance_ids.user_id:
                meeting.attendance_ids = [Command.create({"user_id": keeper.id})]

    @api.model
    @single_run
    def _cron_remind_routine_meetings(self):
        """Daily: from N days (a setting) before a routine period ends, remind
        the head (activity and mail) when the period's routine meeting is
        neither held nor scheduled nor declined. Once per period."""
        today = self.env.company._hoa_today()
        communities = self.env["hoa.community"].search(
            [("committee_id", "!=", False), ("manager_id", "!=", False)]
        )

        def due(community):
            period = period_of(today, community.meeting_cadence)
            days = community.company_id.hoa_routine_reminder_days
            return today >= period.end - timedelta(days=days)

        def remind(estates):
            for community in estates:
                period = period_of(today, community.meeting_cadence)
                self._remind_routine_meeting(community, period)

        return run_in_batches(
            communities.filtered(due),
            remind,
            CRON_BATCH,
            "Routine meeting reminders",
            self._cron_remind_routine_meetings,
        )

    def _remind_routine_meeting(self, community, period):
        meetings = self.search(
            [
                ("committee_id", "=", community.committee_id.id),
                ("meeting_type", "=", "routine"),
                ("period", "=", period.label),
            ]
        )
        if meetings.filtered(
            lambda m: (
                m.routine_reminded_date
                or m.state in ("held", "signed", "declined")
                or (m.state in ("proposed", "notified") and m.date_start)
            )
        ):
            return False
        meeting = meetings.filtered(lambda m: m.state in ("draft", "proposed"))[:1]
        if not meeting:
            meeting = self._create_routine_meeting(community, period)
        head = community.manager_id
        meeting.activity_schedule(
            "hoa_committee.mail_activity_type_deadline",
            date_deadline=period.end,
            summary=meeting.with_context(lang=head.lang).env._(
                "%(period)s: the routine meeting is not held yet",
                period=period.label,
            ),
            user_id=head.id,
        )
        self.env.ref(
            "hoa_committee.mail_template_routine_meeting_reminder"
        ).with_context(lang=head.lang).send_mail(meeting.id)
        meeting._set_state({"routine_reminded_date": self.env.company._hoa_today()})
        return True

    # ------------------------------------------------------------------
    # Publication of the resolutions (H4): within 3 days of the meeting,
    # without waiting for the minutes' signatures
    # ------------------------------------------------------------------

    resolution_unpublished_count = fields.Integer(
        string="Resolutions to Publish",
        compute="_compute_resolution_unpublished_count",
    )

    @api.depends("resolution_ids.published_date")
    def _compute_resolution_unpublished_count(self):
        for meeting in self:
            meeting.resolution_unpublished_count = len(
                meeting.resolution_ids.filtered(lambda r: not r.published_date)
            )

    def action_publish_resolutions(self):
        """Publish the meeting's unpublished resolutions to the owners (their
        portal and the resolution announcement)."""
        self.check_access("write")
        self.resolution_ids.filtered(lambda r: not r.published_date).action_publish()
        return True

    # ------------------------------------------------------------------
    # The operations report of a routine meeting
    # ------------------------------------------------------------------

    operations_report_ids = fields.One2many(
        "hoa.operations.report", "meeting_id", string="Operations Reports"
    )
    operations_report_count = fields.Integer(compute="_compute_operations_report_count")

    @api.depends("operations_report_ids")
    def _compute_operations_report_count(self):
        for meeting in self:
            meeting.operations_report_count = len(meeting.operations_report_ids)

    def action_view_operations_reports(self):
        """The meeting's operations report (a new one for its period when
        there is none)."""
        self.env["hoa.operations.report"].check_access("read")
        self.check_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hoa_committee.hoa_operations_report_action"
        )
        context = {
            "default_meeting_id": self.id,
            "default_community_id": self.community_id.id,
        }
        if self.date_start:
            period = period_of(
                self.env.company._hoa_date(self.date_start),
                self.community_id.meeting_cadence,
            )
            context.update(default_date_from=period.start, default_date_to=period.end)
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = context
        if len(self.operations_report_ids) == 1:
            action.update(views=[(False, "form")], res_id=self.operations_report_ids.id)
        return action
