from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty
from odoo.tools.mail import generate_tracking_message_id

from ..rules.periods import next_period, period_of, proposal_deadline
from ..tools.batches import run_in_batches
from ..tools.bulk_create import insert_rows
from ..tools.cron_lock import single_run
from ..tools.selection import selection_label
from .hoa_domains import PARTNER_DOMAIN

#: not answered yet: a reply letter sent but not yet served is still open
OPEN_STATES = ("recorded", "assessed", "escalated", "reply_sent")


class HoaInquiry(models.Model):
    """A query, suggestion or request of the owners' committee (质疑、建议、要求).

    Every one gets a written answer (有函必复): reasonable ones are resolved and
    answered within the answer period; unreasonable or unlawful ones get a
    patient written explanation; those the service centre cannot solve are
    escalated at once to the company's leadership.

    Answering serves the reply letter (答复函) by the channel chosen; the
    inquiry is answered on the day the letter was served (the mail server
    accepted it, the asker opened or confirmed it in the portal, or signed
    its paper receipt), and its answer period runs until then.
    """

    _name = "hoa.inquiry"
    _description = "Committee Inquiry"
    _overdue_states = OPEN_STATES
    _inherit = [
        "hoa.committee.record.mixin",
        "hoa.archive.mixin",
        "hoa.responsible.mixin",
        "hoa.unit.concern.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hoa.portal.mixin",
        "hoa.workday.deadline.mixin",
        "hoa.compliance.source.mixin",
        "hoa.state.guard.mixin",
        "hoa.service.mixin",
    ]
    _compliance_fields = ("state", "responded_date", "received_date", "deadline")
    _state_guard_fields = (
        "state",
        "assessed_date",
        "responded_date",
        "responded_by_id",
        "escalated_date",
        "escalation_reason",
        "escalation_note",
        "reply_date",
        "reply_service_ids",
    )
    _portal_path = "/my/committee/inquiries"
    _order = "received_date desc, id desc"
    _sequence_code = "hoa.inquiry"
    _sequence_date_field = "received_date"
    _mail_post_access = "read"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    subject = fields.Char(required=True, tracking=True)
    inquiry_type = fields.Selection(
        [("query", "Query"), ("suggestion", "Suggestion"), ("request", "Request")],
        string="Type",
        required=True,
        default="query",
        tracking=True,
    )
    received_date = fields.Date(
        required=True,
        default=lambda self: self.env.company._hoa_today(),
        tracking=True,
        help="The day the committee raised it; the answer period starts the day after.",
    )
    channel = fields.Selection(
        [
            ("meeting", "Routine Meeting"),
            ("letter", "Letter"),
            ("phone", "Phone"),
            ("wechat", "WeChat"),
            ("email", "Email"),
            ("visit", "Visit"),
            ("portal", "Portal"),
        ],
        required=True,
        default="letter",
        tracking=True,
    )
    raised_by_id = fields.Many2one(
        "res.partner",
        tracking=True,
        domain=PARTNER_DOMAIN,
        help="The committee member who raised it; the reply letter goes to them "
        "and to the committee's contact.",
    )
    description = fields.Html()
    assessment = fields.Selection(
        [
            ("reasonable", "Reasonable"),
            ("unreasonable", "Unreasonable"),
            ("unlawful", "Unlawful"),
            ("unresolvable", "Cannot Be Solved Here"),
        ],
        tracking=True,
        help="Reasonable: resolve and answer within the period. Unreasonable or "
        "unlawful: explain patiently in writing. Cannot be solved here: "
        "escalated at once to the company's leadership.",
    )
    assessed_date = fields.Date(readonly=True, copy=False)
    answer_at_meeting = fields.Boolean(
        string="Answer by Next Routine Meeting",
        compute="_compute_answer_at_meeting",
        store=True,
        readonly=False,
        precompute=True,
        help="Raised at a routine meeting in an estate whose rule is to answer "
        "such points by the next routine meeting.",
    )
    deadline = fields.Date(
        compute="_compute_workday_deadlines",
        store=True,
        index=True,
        tracking=True,
        help="The answer period counted in working days on the estate's calendar "
        "(the received day is not counted), or the next routine meeting's "
        "proposal day.",
    )
    response = fields.Html(string="Answer")
    responded_date = fields.Date(
        string="Answered On",
        readonly=True,
        copy=False,
        help="The day the reply letter was served on the committee.",
    )
    responded_by_id = fields.Many2one(
        "res.users", string="Answered By", readonly=True, copy=False
    )
    escalated_date = fields.Date(readonly=True, copy=False, tracking=True)
    escalation_reason = fields.Selection(
        [("unresolvable", "Cannot Be Solved Here"), ("overdue", "Overdue")],
        readonly=True,
        copy=False,
    )
    escalation_note = fields.Text(
        string="Why Escalated",
        readonly=True,
        copy=False,
        help="What the service centre told leadership when it escalated.",
    )
    state = fields.Selection(
        [
            ("recorded", "Recorded"),
            ("assessed", "Assessed"),
            ("escalated", "Escalated"),
            ("reply_sent", "Reply Sent"),
            ("answered", "Answered"),
            ("closed", "Closed"),
        ],
        required=True,
        readonly=True,
        default="recorded",
        tracking=True,
        index=True,
        copy=False,
    )
    reply_date = fields.Date(
        string="Reply Sent On",
        readonly=True,
        copy=False,
        help="The day the reply letter was sent (the letter's date).",
    )
    reply_service_ids = fields.Many2many(
        "hoa.service",
        "hoa_inquiry_reply_service_rel",
        "inquiry_id",
        "service_id",
        string="Reply Letter Served",
        readonly=True,
        copy=False,
        help="The service of the current reply letter: the inquiry is answered "
        "when one of them is served.",
    )
    active = fields.Boolean(default=True, tracking=True)
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Still unanswered after its deadline.",
    )
    sla_met = fields.Boolean(
        string="Answered in Time",
        compute="_compute_sla_met",
        store=True,
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(company_id, name)",
            "Inquiry numbers are unique.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("channel", "community_id.inquiry_answer_at_meeting")
    def _compute_answer_at_meeting(self):
        for inquiry in self:
            inquiry.answer_at_meeting = (
                inquiry.channel == "meeting"
                and inquiry.community_id.inquiry_answer_at_meeting
            )

    @api.depends(
        "received_date",
        "answer_at_meeting",
        "community_id.workday_calendar_id",
        "community_id.meeting_cadence",
        "company_id.hoa_inquiry_answer_days",
        "company_id.hoa_routine_quarter_day",
        "company_id.hoa_routine_month_day",
    )
    def _compute_workday_deadlines(self):
        # group by (calendar, answer days) so that a batch costs one table
        # look-up per calendar
        groups = {}
        for inquiry in self:
            calendar = inquiry.community_id.workday_calendar_id
            if not (inquiry.received_date and calendar):
                inquiry.deadline = False
                inquiry.workday_data_missing = False
                continue
            if inquiry.answer_at_meeting:
                inquiry.deadline = inquiry._next_meeting_deadline()
                inquiry.workday_data_missing = False
                continue
            key = (calendar, inquiry.company_id.hoa_inquiry_answer_days)
            groups.setdefault(key, []).append(inquiry)
        for (calendar, days), inquiries in groups.items():
            table = calendar._workday_table()
            deadlines = table.add_working_days_batch(
                [inquiry.received_date for inquiry in inquiries], days
            )
            for inquiry, deadline in zip(inquiries, deadlines, strict=True):
                inquiry.deadline = deadline
                inquiry.workday_data_missing = bool(
                    table.missing_years(inquiry.received_date, deadline)
                )

    def _next_meeting_deadline(self):
        """The proposal day of the next routine period: by then the next
        routine meeting is proposed and the point answered there."""
        cadence = self.community_id.meeting_cadence
        company = self.company_id
        day = (
            company.hoa_routine_month_day
            if cadence == "monthly"
            else company.hoa_routine_quarter_day
        )
        period = next_period(period_of(self.received_date, cadence), cadence)
        return proposal_deadline(period, day)

    @api.model
    def _workday_affected_domain(self, dates):
        return [
            ("received_date", "<=", dates[-1]),
            "|",
            ("deadline", ">=", dates[0]),
            ("workday_data_missing", "=", True),
        ]

    @api.depends("responded_date", "deadline")
    def _compute_sla_met(self):
        for inquiry in self:
            inquiry.sla_met = bool(
                inquiry.responded_date
                and inquiry.deadline
                and inquiry.responded_date <= inquiry.deadline
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        inquiries = super().create(vals_list)
        inquiries._subscribe_responsible()
        return inquiries

    def write(self, vals):
        result = super().write(vals)
        if vals.get("user_id"):
            self._subscribe_responsible()
        return result

    def _subscribe_responsible(self):
        """The responsible staff member follows the inquiry: replies and
        comments reach them."""
        for user, inquiries in self.grouped("user_id").items():
            if user:
                inquiries.message_subscribe(partner_ids=user.partner_id.ids)

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def _state_refusal(self, action):
        return self.env._(
            "Inquiry %(name)s is %(state)s: it cannot be %(action)s.",
            name=self.name,
            state=selection_label(self, "state", self.state),
            action=action,
        )

    def action_assess(self):
        """Record the assessment; one that cannot be solved here is escalated
        at once."""
        self.check_access("write")
        self._ensure_state(("recorded", "assessed"), self.env._("assessed"))
        for inquiry in self:
            if not inquiry.assessment:
                raise UserError(
                    self.env._(
                        "Choose an assessment for inquiry %(name)s first.",
                        name=inquiry.name,
                    )
                )
        today = self.env.company._hoa_today()
        self._set_state({"state": "assessed", "assessed_date": today})
        self.filtered(lambda i: i.assessment == "unresolvable")._escalate(
            "unresolvable"
        )
        return True

    def action_answer(self):
        """Answer: choose how the reply letter is served (the wizard sends
        it at once, :meth:`_send_answer`)."""
        self.check_access("write")
        self.ensure_one()
        self._check_answerable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answer and Send the Reply Letter"),
            "res_model": "hoa.inquiry.answer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inquiry_id": self.id},
        }

    def _check_answerable(self):
        """Every inquiry gets an answer in writing, to somebody."""
        self._ensure_state(("assessed", "escalated"), self.env._("answered"))
        for inquiry in self:
            if is_html_empty(inquiry.response):
                if inquiry.assessment in ("unreasonable", "unlawful"):
                    message = self.env._(
                        "Inquiry %(name)s was found %(assessment)s: write a patient "
                        "explanation for the committee before answering.",
                        name=inquiry.name,
                        assessment=selection_label(
                            inquiry, "assessment", inquiry.assessment, self.env
                        ).lower(),
                    )
                else:
                    message = self.env._(
                        "Write the answer to inquiry %(name)s first.",
                        name=inquiry.name,
                    )
                raise UserError(message)
            if not inquiry._reply_recipient():
                raise UserError(
                    self.env._(
                        "Nobody to send the reply letter to: say which member "
                        "raised inquiry %(name)s, or give the committee a contact.",
                        name=inquiry.name,
                    )
                )

    def _send_answer(self, channel):
        """Send the reply letter by ``channel`` (email, portal or paper): the
        inquiry is *reply sent* until the letter is served, then answered
        on the day it was (see :meth:`_hoa_service_changed`)."""
        self.check_access("write")
        self._check_answerable()
        template = self.env.ref("hoa_committee.mail_template_inquiry_reply")
        for inquiry in self:
            inquiry._set_state(
                {
                    "state": "reply_sent",
                    "reply_date": self.env.company._hoa_today(),
                    "responded_date": False,
                    "responded_by_id": self.env.user.id,
                    "reply_service_ids": [Command.clear()],
                }
            )
            services = inquiry._hoa_serve(
                "reply_letter", inquiry._reply_recipient(), template, channel=channel
            )
            inquiry._set_state(
                {"reply_service_ids": [Command.link(s.id) for s in services]}
            )
            inquiry._hoa_reply_check()
        return True

    def _hoa_service_changed(self, services):
        result = super()._hoa_service_changed(services)
        for inquiry in self.sudo():
            if inquiry.state == "reply_sent":
                # served again (another channel) while the reply is pending
                replies = services.filtered(lambda s: s.document == "reply_letter")
                if replies - inquiry.reply_service_ids:
                    inquiry._set_state(
                        {"reply_service_ids": [Command.link(s.id) for s in replies]}
                    )
            inquiry._hoa_reply_check()
        return result

    def _hoa_reply_check(self):
        """Answered on the day the reply letter was first served; back to
        *reply sent* if that evidence is lost (a bounce)."""
        for inquiry in self.sudo():
            served = inquiry.reply_service_ids.filtered("served")
            if inquiry.state == "reply_sent" and served:
                day = min(served.mapped("served_date"))
                inquiry._set_state({"state": "answered", "responded_date": day})
                inquiry.message_post(
                    body=self.env._(
                        "The reply letter reached the committee on %(date)s: "
                        "%(evidence)s.",
                        date=day,
                        evidence="; ".join(served.mapped("evidence")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                inquiry.activity_unlink(
                    [
                        "mail.mail_activity_data_todo",
                        "hoa_committee.mail_activity_type_deadline",
                    ]
                )
            elif (
                inquiry.state == "answered" and inquiry.reply_service_ids and not served
            ):
                inquiry._set_state({"state": "reply_sent", "responded_date": False})
                inquiry.message_post(
                    body=self.env._(
                        "The reply letter did not reach the committee: the inquiry "
                        "is not answered until it is served again."
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _hoa_service_awaiting(self):
        """A reply letter waits for a receipt until it is served."""
        self.ensure_one()
        return self.state == "reply_sent"

    def _hoa_service_print_template(self, kind):
        """On paper the reply letter is printed above its receipt slip."""
        if kind == "reply_letter":
            return "hoa_committee.report_inquiry_reply_document"
        return super()._hoa_service_print_template(kind)

    def action_close(self):
        self.check_access("write")
        self._ensure_state(("answered",), self.env._("closed"))
        self._set_state({"state": "closed"})
        return True

    def action_reopen(self):
        self.check_access("write")
        self._ensure_state(("answered", "closed"), self.env._("reopened"))
        self._set_state(
            {
                "state": "assessed",
                "responded_date": False,
                "reply_service_ids": [Command.clear()],
            }
        )
        return True

    def action_escalate(self):
        """Ask why, then escalate (the wizard calls :meth:`_escalate`)."""
        self.check_access("write")
        self._ensure_state(("recorded", "assessed"), self.env._("escalated"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalate to Leadership"),
            "res_model": "hoa.inquiry.escalate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inquiry_ids": self.ids},
        }

    def _escalate(self, reason, note=False):
        """Hand over to leadership: state, an activity for each recipient and
        a note on the chatter, both with the ``note`` that says why."""
        if not self:
            return
        today = self.env.company._hoa_today()
        to_escalate = self.filtered(lambda i: i.state != "escalated")
        to_escalate._set_state(
            {
                "state": "escalated",
                "escalated_date": today,
                "escalation_reason": reason,
                "escalation_note": note,
            }
        )
        for inquiry in self:
            recipients = inquiry.company_id._hoa_escalation_users()
            inquiry._post_escalation_note(reason, recipients, note)
            for user in recipients:
                inquiry.activity_schedule(
                    "hoa_committee.mail_activity_type_escalation",
                    date_deadline=today,
                    summary=inquiry.with_context(lang=user.lang)._escalation_summary(
                        reason
                    ),
                    note=note and Markup("<p>%s</p>") % note,
                    user_id=user.id,
                )

    def _escalation_summary(self, reason):
        if reason == "overdue":
            return self.env._("Overdue inquiry %(name)s", name=self.name)
        return self.env._("Inquiry %(name)s needs the company", name=self.name)

    def _post_escalation_note(self, reason, recipients, note=False):
        names = ", ".join(recipients.mapped("name")) or self.env._("leadership")
        if note:
            body = self.env._(
                "Escalated to %(names)s. Why: %(note)s", names=names, note=note
            )
        elif reason == "overdue":
            body = self.env._(
                "Not answered by its deadline %(deadline)s: escalated to %(names)s.",
                deadline=self.deadline,
                names=names,
            )
        else:
            body = self.env._(
                "The service centre cannot solve this: escalated to %(names)s for "
                "a solution.",
                names=names,
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Letters and email
    # ------------------------------------------------------------------

    def _reply_recipient(self):
        """The reply letter answers the member who raised the inquiry, or
        else the committee's correspondence contact."""
        self.ensure_one()
        return self.raised_by_id or self.committee_id.sudo().contact_partner_id

    # ------------------------------------------------------------------
    # Mail gateway: the estate's alias creates inquiries
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        # the mail gateway calls it as superuser; a client only with the right to create
        self.check_access("create")
        values = dict(custom_values or {})
        community = self.env["hoa.community"].browse(values.get("community_id"))
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        values.setdefault(
            "subject", msg_dict.get("subject") or self.env._("(no subject)")
        )
        values.setdefault("channel", "email")
        values.setdefault("received_date", self.env.company._hoa_today())
        if author:
            values.setdefault("raised_by_id", author.id)
        model = self.with_company(community.company_id) if community else self
        inquiry = super(HoaInquiry, model).message_new(msg_dict, custom_values=values)
        if not is_html_empty(msg_dict.get("body")):
            inquiry.description = msg_dict["body"]
        return inquiry

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    @single_run
    def _cron_sweep(self, batch_size=2000):
        """Daily: every open inquiry due by tomorrow gets a deadline activity
        for its responsible staff (due tomorrow, or already overdue), and the
        overdue ones are escalated to leadership with a note on the chatter.

        Idempotent (an inquiry gets one deadline activity, and is escalated
        once), set-based (a constant number of queries per batch of
        ``batch_size``), and one failing batch is retried record by record so
        that a bad record never stops the others.
        """
        today = self.env.company._hoa_today()
        if not self._schedule_deadline_activities(
            today + timedelta(days=1), batch_size
        ):
            return False
        overdue = self.search(
            [
                "|",
                ("state", "in", ("recorded", "assessed")),
                # a reply letter sent but not served by the deadline
                "&",
                ("state", "=", "reply_sent"),
                ("escalated_date", "=", False),
                *self.env["res.company"]._hoa_before_today_domain("deadline"),
            ],
            order="company_id, id",
        )
        done = run_in_batches(
            overdue.with_context(hoa_compliance_deferred=True),
            lambda batch: batch._in_company_language()._escalate_overdue_batch(),
            batch_size,
            "Inquiry sweep",
            self._cron_sweep,
        )
        # the dashboard rows of the estates escalated in: once for the run
        self.env["hoa.compliance"]._refresh_later(
            self.env["hoa.community"].union(
                *(
                    community
                    for [community] in self._read_group(
                        [("id", "in", overdue.ids)], ["community_id"]
                    )
                )
            )
        )
        return done

    def _schedule_deadline_activities(self, until, batch_size):
        activity_type = self.env.ref("hoa_committee.mail_activity_type_deadline")
        # grouped by responsible user: a batch then subscribes few users
        inquiries = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("deadline", "<=", until),
                ("user_id", "!=", False),
            ],
            order="user_id, id",
        )
        return run_in_batches(
            inquiries,
            lambda batch: batch._in_company_language()._create_deadline_activities(
                activity_type.id
            ),
            batch_size,
            "Inquiry sweep",
            self._cron_sweep,
        )

    def _create_deadline_activities(self, activity_type_id):
        self.env.cr.execute(
            """
            SELECT res_id FROM mail_activity
             WHERE res_model = %s AND res_id = ANY(%s) AND activity_type_id = %s
            """,
            [self._name, self.ids, activity_type_id],
        )
        has_one = {row[0] for row in self.env.cr.fetchall()}
        model_id = self.env["ir.model"]._get_id(self._name)
        todo = self.filtered(lambda inquiry: inquiry.id not in has_one)
        summaries = {}

        def summary(inquiry):
            # in the assignee's language; one translation per language and day
            key = (inquiry.user_id.lang, inquiry.deadline)
            if key not in summaries:
                summaries[key] = inquiry.with_context(lang=key[0]).env._(
                    "Answer the committee by %(deadline)s", deadline=key[1]
                )
            return summaries[key]

        vals_list = [
            {
                "res_model_id": model_id,
                "res_model": self._name,
                "res_id": inquiry.id,
                # what mail.activity's _compute_res_name writes, for the batch
                "res_name": inquiry.sudo().display_name,
                "activity_type_id": activity_type_id,
                "summary": summary(inquiry),
                "date_deadline": inquiry.deadline,
                "user_id": inquiry.user_id.id,
                "automated": True,
            }
            for inquiry in todo
        ]
        # one INSERT for the batch; then what mail.activity's create does
        # (with mail_activity_quick_update: no "assigned to you" email)
        activities = insert_rows(self.env["mail.activity"], vals_list)
        todo.invalidate_recordset(["activity_ids"])
        # the assignee follows the document (they normally do already: the
        # responsible follows their inquiries), as mail.activity's create has
        self.env.cr.execute(
            """
            SELECT i.id
              FROM hoa_inquiry i
              JOIN res_users u ON u.id = i.user_id
             WHERE i.id = ANY(%s)
               AND NOT EXISTS (
                   SELECT 1 FROM mail_followers f
                    WHERE f.res_model = %s AND f.res_id = i.id
                      AND f.partner_id = u.partner_id)
            """,
            [todo.ids, self._name],
        )
        to_follow = self.browse(row[0] for row in self.env.cr.fetchall())
        for user, inquiries in to_follow.grouped("user_id").items():
            inquiries.message_subscribe(partner_ids=user.partner_id.ids)
        # the users whose to-do list changes today (as mail.activity's create)
        today = fields.Date.today()
        due = [vals["user_id"] for vals in vals_list if vals["date_deadline"] <= today]
        if due:
            self.env["res.users"].browse(set(due))._bus_send(
                "mail.activity/updated", {"activity_created": True}
            )
        return activities

    def _in_company_language(self):
        """What a job writes on these records is in their company's language
        (batches are sorted by company or by responsible user, so one batch
        normally has one company)."""
        lang = self.company_id[:1].partner_id.lang
        return self.with_context(lang=lang) if lang else self

    def _escalate_overdue_batch(self):
        """Escalate the overdue inquiries of one batch: state, and one note
        each, logged in one go. They show in leadership's Escalations."""
        if not self:
            return
        today = self.env.company._hoa_today()
        # the note says it all: no tracking message on top of it
        quiet = self.with_context(tracking_disable=True)
        quiet._set_state({"escalated_date": today, "escalation_reason": "overdue"})
        # a reply letter not yet served stays "reply sent", escalated
        quiet.filtered(lambda i: i.state != "reply_sent")._set_state(
            {"state": "escalated"}
        )
        names_by_company = {
            company: ", ".join(company._hoa_escalation_users().mapped("name"))
            or self.env._("leadership")
            for company in self.company_id
        }
        notes = {}

        def note(inquiry):
            # one translation per company and day
            key = (inquiry.company_id, inquiry.deadline)
            if key not in notes:
                notes[key] = Markup("<p>%s</p>") % self.env._(
                    "Not answered by its deadline %(deadline)s: escalated to "
                    "%(names)s.",
                    deadline=key[1],
                    names=names_by_company[key[0]],
                )
            return notes[key]

        self._log_notes({inquiry.id: note(inquiry) for inquiry in self})

    def _log_notes(self, bodies):
        """``mail.thread._message_log_batch`` in one INSERT: the same
        messages (internal notes logged by the current user, no
        notification), without one ORM create per message."""
        author_id, email_from = self._message_compute_author(
            None, None, raise_on_email=False
        )
        base = {
            "author_id": author_id,
            "email_from": email_from,
            "model": self._name,
            "record_alias_domain_id": False,
            "record_company_id": False,
            "record_name": False,
            "message_type": "notification",
            "is_internal": True,
            "subject": False,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "email_add_signature": False,
            "message_id": generate_tracking_message_id("message-notify"),
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(
                default=email_from
            )[False],
        }
        messages = insert_rows(
            self.env["mail.message"].sudo(),
            [
                dict(base, res_id=record.id, body=bodies.get(record.id, ""))
                for record in self
            ],
        )
        # as mail.message's create does for the documents of its messages
        self.invalidate_recordset(
            ["message_ids", "message_needaction", "message_needaction_counter"]
        )
        return messages
