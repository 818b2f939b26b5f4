from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.meetings import more_than_half
from ..rules.workdays import days_before
from ..tools.batches import run_in_batches
from ..tools.cron_lock import single_run
from ..tools.selection import selection_label

#: a report reached the committee: with a signed receipt and its scan, or a
#: member's confirmation in the portal (not a mail server's acceptance)
DELIVERED_STATES = ("delivered", "answered", "closed")
REPORT_EVIDENCE = ("received", "confirmed")
#: how the head sends the report → the channel it is served by
DELIVERY_CHANNEL = {
    "hand": "paper",
    "post": "paper",
    "email": "email",
    "portal": "portal",
}

CATEGORY_KIND = {
    "repair_fund": "application",
    "facility_fund": "application",
    "owner_interest": "notification",
    "new_measure": "application",
    "new_regulation": "notification",
    "incident": "incident",
    "activity": "notification",
    "other": "notification",
}


class HoaMatter(models.Model):
    """A matter the company must put to the committee in writing (专题报告):
    an application for work, a notification, or an incident report.

    Applications are filed a lead time ahead of the work, incidents within a
    number of working days; both are delivered in writing with proof of
    receipt. Sending the report serves it to every serving member; it is
    delivered only with evidence (a signed receipt with its scan, or a
    member's confirmation in the portal), and until then its deadline still
    runs. Late filing is shown and reported, never blocked.
    """

    _name = "hoa.matter"
    _description = "Special-Matter Report"
    _inherit = [
        "hoa.committee.record.mixin",
        "hoa.responsible.mixin",
        "hoa.unit.concern.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hoa.portal.mixin",
        "hoa.workday.deadline.mixin",
        "hoa.seal.mixin",
        "hoa.state.guard.mixin",
        "hoa.compliance.source.mixin",
        "hoa.service.mixin",
    ]
    _compliance_fields = (
        "state",
        "delivered_date",
        "deadline",
        "escalated",
        "category",
    )
    _state_guard_fields = (
        "state",
        "escalated",
        "sent_date",
        "delivered_date",
        "receipt_signed_by",
        "receipt_partner_id",
        "receipt_date",
        "answered_by_id",
    )
    _portal_path = "/my/committee/matters"
    _order = "create_date desc, id desc"
    _sequence_code = "hoa.matter"
    _mail_post_access = "read"
    _seal_fields = (
        "name",
        "subject",
        "category",
        "kind",
        "description",
        "planned_date",
        "occurred_date",
        "delivered_date",
        "delivery_method",
        "committee_id",
        "community_id",
    )

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    subject = fields.Char(required=True, tracking=True)
    category = fields.Selection(
        [
            ("repair_fund", "Maintenance-Fund Repairs"),
            ("facility_fund", "Public-Facility Fund Renewal"),
            ("owner_interest", "Work Touching Some Owners' Interests"),
            ("new_measure", "New Management Measure"),
            ("new_regulation", "New Property-Management Regulation"),
            ("incident", "Major Change or Incident"),
            ("activity", "Important Activity"),
            ("other", "Other Matter"),
        ],
        required=True,
        default="repair_fund",
        tracking=True,
        help="The eight cases the company reports to the committee in writing.",
    )
    kind = fields.Selection(
        [
            ("application", "Application"),
            ("notification", "Notification"),
            ("incident", "Incident Report"),
        ],
        compute="_compute_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="Application: filed a lead time before the work starts. Incident: "
        "notified within working days of the event. Notification: for the "
        "committee's information.",
    )
    requires_decision = fields.Boolean(
        string="Needs the Committee's Decision",
        compute="_compute_requires_decision",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    special_meeting_needed = fields.Boolean(
        tracking=True,
        help="The matter is to be discussed at a special meeting with the committee "
        "(written notice and materials at least 5 days before).",
    )
    meeting_ids = fields.One2many("hoa.meeting", "matter_id", string="Meetings")
    description = fields.Html()
    planned_date = fields.Date(
        string="Work Starts", tracking=True, help="Applications: when the work starts."
    )
    occurred_date = fields.Date(
        string="Occurred On", tracking=True, help="Incidents: when it happened."
    )
    deadline = fields.Date(
        compute="_compute_workday_deadlines",
        store=True,
        index=True,
        tracking=True,
        help="Applications: the lead time before the work starts (calendar days). "
        "Incidents: working days after the event on the estate's calendar.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("answered", "Answered"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        readonly=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    delivery_method = fields.Selection(
        [
            ("hand", "By Hand, Receipt Signed"),
            ("post", "Registered Post"),
            ("email", "Email"),
            ("portal", "Portal"),
        ],
        string="Sent By",
        tracking=True,
        copy=False,
        help="How the report is served to each serving member of the committee.",
    )
    sent_date = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="The day the report was sent to the committee (the letter's date).",
    )
    delivered_date = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="The day of the evidence that the report reached the committee: the "
        "day the receipt was signed, or the day a member confirmed it in the "
        "portal.",
    )
    receipt_signed_by = fields.Char(readonly=True, copy=False, tracking=True)
    receipt_partner_id = fields.Many2one(
        "res.partner",
        string="Receipt Confirmed By",
        readonly=True,
        copy=False,
        tracking=True,
        help="The committee member whose receipt delivered the report: confirmed "
        "in the portal, or the member the signed receipt was for.",
    )
    receipt_date = fields.Datetime(
        string="Receipt Confirmed On", readonly=True, copy=False, tracking=True
    )
    delivered_late = fields.Boolean(
        compute="_compute_delivered_late",
        store=True,
        help="Delivered after its deadline.",
    )
    late = fields.Boolean(
        compute="_compute_late",
        search="_search_late",
        help="Not delivered by its deadline, or delivered after it.",
    )
    escalated = fields.Boolean(readonly=True, copy=False, tracking=True)
    answer = fields.Selection(
        [
            ("acknowledged", "Receipt Acknowledged"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("noted", "Noted"),
        ],
        string="Committee's Answer",
        tracking=True,
        copy=False,
    )
    answer_date = fields.Date(tracking=True, copy=False)
    answered_by_id = fields.Many2one(
        "res.partner",
        string="Answer Entered By",
        readonly=True,
        tracking=True,
        copy=False,
        help="The chair (or the member the chair delegated) in the portal, or the "
        "service-centre head in the back office.",
    )
    answer_comment = fields.Text(copy=False)
    answer_delegate_id = fields.Many2one(
        "hoa.committee.member",
        string="Chair's Delegate",
        domain="[('committee_id', '=', committee_id)]",
        tracking=True,
        copy=False,
        help="The member the chair delegated, in writing, to enter the committee's "
        "answer to this report in the portal.",
    )
    resolution_id = fields.Many2one(
        "hoa.meeting.resolution",
        string="Meeting Resolution",
        domain="[('meeting_id.committee_id', '=', committee_id), ('passed', '=', True)]",
        tracking=True,
        copy=False,
        help="The committee's answer is a committee decision: the resolution, "
        "passed at a meeting by more than half of all members, that took it.",
    )
    written_signer_ids = fields.Many2many(
        "hoa.committee.member",
        "hoa_matter_written_signer_rel",
        "matter_id",
        "member_id",
        string="Written Resolution Signed By",
        domain="[('committee_id', '=', committee_id)]",
        copy=False,
        help="Or a written resolution: the members who signed it, more than half "
        "of all serving members.",
    )
    opinion_ids = fields.One2many(
        "hoa.matter.opinion", "matter_id", string="Members' Opinions"
    )
    owners_decision_id = fields.Many2one(
        "hoa.decision",
        string="Owners' Decision",
        domain="[('community_id', '=', community_id), ('item', '=', 'fund_use'), "
        "('state', 'in', ('closed', 'published'))]",
        tracking=True,
        copy=False,
        help="Using the maintenance fund is decided by the owners (民法典 art. 278 "
        "item 5): the passed owners' decision the repair is paid under.",
    )
    emergency_repair = fields.Boolean(
        tracking=True,
        help="A repair that cannot wait because the use or safety of the building "
        "is endangered: the emergency procedure applies instead of an owners' "
        "decision.",
    )
    emergency_basis = fields.Text(
        tracking=True,
        help="Why the repair cannot wait for the owners' vote: what endangers the "
        "use or safety of the building (住宅专项维修资金管理办法 art. 28).",
    )
    emergency_notice_id = fields.Many2one(
        "hoa.notice",
        string="Notice to Owners",
        domain="[('community_id', '=', community_id), "
        "('state', 'in', ('posted', 'expired'))]",
        tracking=True,
        copy=False,
        help="The notice posted to the owners about the emergency repair.",
    )
    fund_use_missing = fields.Text(
        string="Missing for the Maintenance Fund",
        compute="_compute_fund_use_missing",
        help="What the maintenance-fund repair still needs before it is closed.",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("name_company_uniq", "unique(company_id, name)", "Report numbers are unique."),
    ]

    @api.depends("category")
    def _compute_kind(self):
        for matter in self:
            matter.kind = CATEGORY_KIND.get(matter.category, "notification")

    @api.depends("kind", "category")
    def _compute_requires_decision(self):
        for matter in self:
            matter.requires_decision = matter.kind == "application"

    @api.constrains("owners_decision_id", "community_id")
    def _check_owners_decision(self):
        for matter in self.filtered("owners_decision_id"):
            decision = matter.owners_decision_id
            if not (
                decision.community_id == matter.community_id
                and decision.item == "fund_use"
                and decision.state in ("closed", "published")
                and decision.passed
            ):
                raise ValidationError(
                    self.env._(
                        "%(decision)s is not a passed owners' decision on using the "
                        "maintenance fund of %(estate)s.",
                        decision=decision.display_name,
                        estate=matter.community_id.name,
                    )
                )

    @api.depends(
        "kind",
        "planned_date",
        "occurred_date",
        "community_id.workday_calendar_id",
        "company_id.hoa_matter_lead_days",
        "company_id.hoa_incident_notify_days",
    )
    def _compute_workday_deadlines(self):
        for matter in self:
            deadline, missing = False, False
            company = matter.company_id
            if matter.kind == "application" and matter.planned_date:
                deadline = days_before(
                    matter.planned_date, company.hoa_matter_lead_days
                )
            elif matter.kind == "incident" and matter.occurred_date:
                calendar = matter.community_id.workday_calendar_id
                if calendar:
                    deadline = calendar._add_working_days(
                        matter.occurred_date, company.hoa_incident_notify_days
                    )
                    missing = bool(
                        calendar._missing_years(matter.occurred_date, deadline)
                    )
            matter.deadline = deadline
            matter.workday_data_missing = missing

    @api.model
    def _workday_affected_domain(self, dates):
        return [
            ("kind", "=", "incident"),
            ("occurred_date", "<=", dates[-1]),
            "|",
            ("deadline", ">=", dates[0]),
            ("workday_data_missing", "=", True),
        ]

    @api.depends("state", "delivered_date", "deadline")
    def _compute_delivered_late(self):
        for matter in self:
            matter.delivered_late = bool(
                matter.state in DELIVERED_STATES
                and matter.delivered_date
                and matter.deadline
                and matter.delivered_date > matter.deadline
            )

    def _compute_late(self):
        today = self.env.company._hoa_today()
        for matter in self:
            matter.late = matter.delivered_late or bool(
                matter.state in ("draft", "sent")
                and matter.deadline
                and matter.deadline < today
            )

    def _search_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Late."))
        today = self.env.company._hoa_today()
        domain = [
            "|",
            ("delivered_late", "=", True),
            "&",
            ("state", "in", ("draft", "sent")),
            ("deadline", "<", today),
        ]
        if (operator == "=") != value:
            domain = ["!", *domain]
        return domain

    _archive_drafts = True

    def _archive_deletable(self):
        """Only a draft, never delivered to the committee, may be deleted."""
        return self.state == "draft"

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def action_send(self):
        """Send the report to the committee: it is served to every serving
        member by the method chosen and is *sent*; it becomes delivered only
        when the evidence is recorded (:meth:`_hoa_service_changed`)."""
        self.check_access("write")
        for matter in self:
            if matter.state != "draft":
                raise UserError(
                    self.env._(
                        "Report %(name)s has already been sent.", name=matter.name
                    )
                )
            if matter.kind == "application" and not matter.planned_date:
                raise UserError(
                    self.env._(
                        "Give the day the work starts in application %(name)s.",
                        name=matter.name,
                    )
                )
            if matter.kind == "incident" and not matter.occurred_date:
                raise UserError(
                    self.env._(
                        "Give the day the incident of report %(name)s happened.",
                        name=matter.name,
                    )
                )
            if not matter.delivery_method:
                raise UserError(
                    self.env._(
                        "Report %(name)s is delivered in writing: choose how it is "
                        "sent (Sent By, on the Delivery and Receipt tab).",
                        name=matter.name,
                    )
                )
            if not matter._report_recipients():
                raise UserError(
                    self.env._(
                        "%(committee)s has no serving member to send report "
                        "%(name)s to.",
                        committee=matter.committee_id.name,
                        name=matter.name,
                    )
                )
        self._set_state({"state": "sent", "sent_date": self.env.company._hoa_today()})
        template = self.env.ref("hoa_committee.mail_template_matter_letter")
        for matter in self:
            services = matter._hoa_serve(
                "report",
                matter._report_recipients(),
                template,
                channel=DELIVERY_CHANNEL[matter.delivery_method],
            )
            matter._notify_committee(
                services.filtered(lambda s: s.channel == "portal").partner_id
            )
        return True

    def _hoa_service_awaiting(self):
        """A report waits for a receipt until it is delivered."""
        self.ensure_one()
        return self.state == "sent"

    def _hoa_service_print_template(self, kind):
        """On paper the report is the liaison letter, its receipt below."""
        if kind == "report":
            return "hoa_committee.report_matter_letter_document"
        return super()._hoa_service_print_template(kind)

    def _report_recipients(self):
        """A report is served to every serving member of the committee."""
        self.ensure_one()
        return self.committee_id.sudo().member_ids.filtered("active").partner_id

    def _hoa_service_changed(self, services):
        """A report sent is delivered by the first evidence that it reached
        the committee: a signed receipt with its scan, or a member's
        confirmation in the portal. The mail server's acceptance is not
        enough."""
        result = super()._hoa_service_changed(services)
        for matter in self.sudo():
            if matter.state == "sent":
                evidence = (
                    matter._hoa_services("report")
                    .filtered(lambda s: s.state in REPORT_EVIDENCE and s.served_date)
                    .sorted(lambda s: (s.served_date, s.id))
                )
                if evidence:
                    matter._deliver(evidence[0])
            confirmed = services.filtered(
                lambda s: s.document == "report" and s.state == "confirmed"
            )[:1]
            if (
                confirmed
                and matter.state == "delivered"
                and not matter.requires_decision
            ):
                # a member's confirmation acknowledges a report that asks no
                # decision
                matter._set_state(
                    {
                        "answer": "acknowledged",
                        "answer_date": confirmed.served_date,
                        "answered_by_id": confirmed.partner_id.id,
                        "state": "answered",
                    }
                )
        return result

    def _deliver(self, service):
        """Delivered by the evidence of ``service``, on its served day. The
        letter is sealed; a late delivery is noted."""
        self.ensure_one()
        partner = service.partner_id
        values = {
            "state": "delivered",
            "receipt_partner_id": partner.id,
            "receipt_signed_by": service.receipt_signed_by or partner.name,
            "receipt_date": service.confirmed_at or fields.Datetime.now(),
        }
        if not self.seal_id:
            values["delivered_date"] = service.served_date
        self._set_state(values)
        self._seal("letter")
        self.message_post(
            body=self.env._(
                "Report %(name)s delivered on %(date)s: %(evidence)s.",
                name=self.name,
                date=service.served_date,
                evidence=service.evidence,
            ),
            subtype_xmlid="mail.mt_note",
        )
        if self.delivered_late:
            self.message_post(
                body=self.env._(
                    "Delivered on %(delivered)s, after its deadline %(deadline)s.",
                    delivered=self.delivered_date,
                    deadline=self.deadline,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.activity_unlink(["hoa_committee.mail_activity_type_deadline"])

    def _frozen_reason(self):
        """Once sent, the letter the committee holds no longer changes; it is
        sealed when delivered."""
        if not self.seal_id and self.state == "sent":
            return self.env._(
                "%(name)s was sent to the committee: what it says can no longer "
                "change.",
                name=self.display_name,
            )
        return super()._frozen_reason()

    def _frozen_fnames(self, fnames):
        frozen = super()._frozen_fnames(fnames)
        if not self.seal_id and self.state == "sent":
            # stamped by the evidence, then sealed with the letter
            frozen -= {"delivered_date"}
        return frozen

    def _seal_payload(self):
        """What the delivered letter says, and to whom and how it went."""
        self.ensure_one()
        return {field: self[field] for field in self._seal_fields} | {
            "committee_id": self.committee_id.id,
            "community_id": self.community_id.id,
        }

    def _notify_committee(self, members):
        """Served in the portal: the ``members`` are told where to read the
        report and confirm its receipt."""
        if members:
            self._hoa_notify(
                self.env.ref("hoa_committee.mail_template_matter_in_portal"), members
            )

    def action_record_answer(self):
        """Record the committee's answer in the back office. A decision is
        entered by the service-centre head from the resolution that took it,
        with the same checks as the chair's in the portal; a report asking
        for no decision is simply acknowledged or noted."""
        self.check_access("write")
        decisions = self.filtered("requires_decision")
        if decisions and not (
            self.env.is_superuser()
            or self.env.user.has_group("hoa_committee.group_hoa_manager")
        ):
            raise UserError(
                self.env._(
                    "Only the service-centre head records the committee's answer."
                )
            )
        for matter in decisions:
            matter._record_committee_answer(
                matter.answer,
                matter.answer_comment,
                matter.resolution_id,
                matter.written_signer_ids,
                self.env.user.partner_id,
            )
        for matter in self - decisions:
            if matter.state != "delivered":
                raise UserError(
                    self.env._(
                        "Record the committee's answer once report %(name)s is "
                        "delivered.",
                        name=matter.name,
                    )
                )
            if matter.answer not in ("acknowledged", "noted"):
                raise UserError(
                    self.env._(
                        "Report %(name)s asks for no decision: record that the "
                        "committee acknowledged or noted it.",
                        name=matter.name,
                    )
                )
            matter._set_state(
                {
                    "answer_date": matter.answer_date or self.env.company._hoa_today(),
                    "answered_by_id": self.env.user.partner_id.id,
                    "state": "answered",
                }
            )
        return True

    def _record_committee_answer(self, answer, comment, resolution, signers, partner):
        """Record the committee's answer: a committee decision, taken by a
        resolution passed at a meeting or by a written resolution signed by
        more than half of all serving members, and cited here."""
        self.ensure_one()
        comment = (comment or "").strip()
        if self.state != "delivered":
            if self.state == "answered":
                raise UserError(
                    self.env._(
                        "%(name)s already answered report %(report)s.",
                        name=self.answered_by_id.name,
                        report=self.name,
                    )
                )
            raise UserError(
                self.env._(
                    "Record the committee's answer once report %(name)s is delivered.",
                    name=self.name,
                )
            )
        if not self.requires_decision:
            raise UserError(
                self.env._(
                    "Report %(name)s does not ask for the committee's decision.",
                    name=self.name,
                )
            )
        if answer not in ("approved", "rejected"):
            raise UserError(
                self.env._("Choose the committee's answer to %(name)s.", name=self.name)
            )
        if answer == "rejected" and not comment:
            raise UserError(
                self.env._(
                    "Give the reason for rejecting report %(name)s.", name=self.name
                )
            )
        self._check_committee_resolution(resolution, signers)
        values = {
            "answer": answer,
            "answer_comment": comment or False,
            "answer_date": self.env.company._hoa_today(),
            "answered_by_id": partner.id,
            "resolution_id": resolution.id,
            "written_signer_ids": [Command.set(signers.ids)],
            "state": "answered",
        }
        self._set_state(values)
        label = selection_label(self, "answer", answer)
        if resolution:
            basis = self.env._(
                "resolution of %(meeting)s: %(resolution)s",
                meeting=resolution.meeting_id.display_name,
                resolution=resolution.name,
            )
        else:
            basis = self.env._(
                "written resolution signed by %(names)s",
                names="、".join(signers.partner_id.mapped("name")),
            )
        body = Markup("<p>%s</p>") % self.env._(
            "%(name)s recorded the committee's answer: %(answer)s, by the %(basis)s.",
            name=partner.name,
            answer=label,
            basis=basis,
        )
        if comment:
            body += Markup("<blockquote>%s</blockquote>") % comment
        if answer == "approved" and self._needs_owners_decision():
            body += Markup("<p>%s</p>") % self.env._(
                "The committee's consent does not decide the use of the maintenance "
                "fund: the owners decide it (民法典 art. 278). Reference their passed "
                "decision before the report is closed."
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_comment")

    def _check_committee_resolution(self, resolution, signers):
        """The resolution cited is this committee's and passed: at a meeting
        (with its votes) or in writing by more than half of all serving
        members."""
        self.ensure_one()
        committee = self.committee_id
        if resolution and signers:
            raise UserError(
                self.env._(
                    "Cite either a meeting resolution or a written resolution, not "
                    "both."
                )
            )
        if not (resolution or signers):
            raise UserError(
                self.env._(
                    "The committee's answer to %(name)s is a committee decision: "
                    "cite the resolution that took it, passed at a meeting or signed "
                    "in writing by more than half of all members.",
                    name=self.name,
                )
            )
        if resolution:
            resolution = resolution.sudo()
            if resolution.meeting_id.committee_id != committee:
                raise UserError(
                    self.env._(
                        "The resolution “%(resolution)s” is not a resolution of "
                        "%(committee)s.",
                        resolution=resolution.name,
                        committee=committee.name,
                    )
                )
            if not resolution.passed:
                raise UserError(
                    self.env._(
                        "The resolution “%(resolution)s” did not pass: it needs the "
                        "agreement of more than half of all the committee's members.",
                        resolution=resolution.name,
                    )
                )
            return
        serving = committee.sudo().member_ids.filtered("active")
        if signers.sudo() - serving:
            raise UserError(
                self.env._(
                    "Only serving members of %(committee)s sign its written "
                    "resolutions.",
                    committee=committee.name,
                )
            )
        if not more_than_half(len(signers), len(serving)):
            raise UserError(
                self.env._(
                    "A written resolution needs the signatures of more than half of "
                    "all %(members)s serving members of %(committee)s; %(signed)s "
                    "signed.",
                    members=len(serving),
                    committee=committee.name,
                    signed=len(signers),
                )
            )

    def _needs_owners_decision(self):
        """A maintenance-fund repair is paid only under a passed owners'
        decision, unless it is an emergency repair."""
        self.ensure_one()
        return (
            self.category == "repair_fund"
            and not self.emergency_repair
            and not self.owners_decision_id
        )

    def _fund_use_missing(self):
        """What a maintenance-fund repair still lacks to be approved: the
        owners' passed decision on item (5) of its estate (民法典 art. 278), or
        for an emergency the procedure's basis, the committee's confirmation
        (its recorded answer citing the resolution) and the notice posted to
        the owners. Empty for any other report."""
        self.ensure_one()
        if self.category != "repair_fund":
            return []
        if not self.emergency_repair:
            decision = self.sudo().owners_decision_id
            if (
                decision.community_id == self.community_id
                and decision.item == "fund_use"
                and decision.state in ("closed", "published")
                and decision.passed
            ):
                return []
            return [
                self.env._(
                    "a passed owners' decision on using the maintenance fund of "
                    "this estate (民法典 art. 278 item 5)"
                )
            ]
        missing = []
        if not (self.emergency_basis or "").strip():
            missing.append(
                self.env._("the emergency basis: what endangers the building")
            )
        if not (
            self.answer == "approved"
            and self.answered_by_id
            and self.answer_date
            and (self.resolution_id or self.written_signer_ids)
        ):
            missing.append(
                self.env._(
                    "the committee's confirmation, recorded with the resolution "
                    "that took it"
                )
            )
        notice = self.sudo().emergency_notice_id
        if not (
            notice.community_id == self.community_id
            and notice.state in ("posted", "expired")
        ):
            missing.append(self.env._("the notice to the owners, posted"))
        return missing

    @api.depends(
        "category",
        "emergency_repair",
        "emergency_basis",
        "emergency_notice_id.state",
        "owners_decision_id.state",
        "answer",
        "resolution_id",
        "written_signer_ids",
    )
    def _compute_fund_use_missing(self):
        for matter in self:
            missing = matter._fund_use_missing()
            matter.fund_use_missing = "；".join(missing) if missing else False

    def action_close(self):
        self.check_access("write")
        if any(matter.state not in ("delivered", "answered") for matter in self):
            raise UserError(self.env._("Only a delivered report can be closed."))
        for matter in self:
            missing = matter.answer == "approved" and matter._fund_use_missing()
            if missing:
                raise UserError(
                    self.env._(
                        "Using the maintenance fund is decided by the owners (民法典 "
                        "art. 278), not by the committee: %(name)s cannot be closed "
                        "without %(missing)s.",
                        name=matter.name,
                        missing="; ".join(missing),
                    )
                )
        self._set_state({"state": "closed"})
        return True

    def action_cancel(self):
        self.check_access("write")
        if any(matter.state != "draft" for matter in self):
            raise UserError(
                self.env._("Only a report not yet delivered can be cancelled.")
            )
        self._set_state({"state": "cancelled"})
        return True

    def action_draft(self):
        self.check_access("write")
        self.filtered(lambda m: m.state == "cancelled")._set_state({"state": "draft"})
        return True

    def action_plan_special_meeting(self):
        """Open a new special-topic meeting on this matter."""
        self.check_access("write")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hoa.meeting",
            "view_mode": "form",
            "context": {
                "default_committee_id": self.committee_id.id,
                "default_meeting_type": "special",
                "default_trigger": "matter",
                "default_matter_id": self.id,
                "default_name": self.subject,
            },
        }

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _portal_locked(self):
        """The report locked for the current committee member, re-read
        after the lock: two members answering at once cannot both win."""
        self.ensure_one()
        member = self.committee_id.sudo()._portal_member(self.env.user.partner_id)
        if not member:
            raise AccessError(
                self.env._("Only members of the committee answer its reports.")
            )
        self.env.cr.execute(
            "SELECT id FROM hoa_matter WHERE id = %s FOR UPDATE", [self.id]
        )
        matter = self.sudo()
        matter.invalidate_recordset()
        if matter.state not in ("sent", "delivered", "answered"):
            raise UserError(
                self.env._(
                    "Report %(name)s is not awaiting the committee.", name=matter.name
                )
            )
        return matter, member.partner_id

    def _portal_confirm_receipt(self):
        """The written receipt, given online by a member for the report served
        to them: the first one delivers the report, and a member's
        confirmation acknowledges a report that asks for no decision."""
        matter, partner = self._portal_locked()
        matter._portal_service(partner)._hoa_portal_confirm()
        matter.message_post(
            body=self.env._(
                "%(name)s confirmed receipt of %(report)s in the portal.",
                name=partner.name,
                report=matter.name,
            ),
            subtype_xmlid="mail.mt_comment",
        )
        return True

    def _portal_service(self, partner):
        """The service of this report to ``partner``, in the member's own
        environment (they confirm only what was served to them)."""
        self.ensure_one()
        service = (
            self.sudo()
            ._hoa_services("report")
            .filtered(lambda s: s.partner_id == partner)
            .sorted("id")[-1:]
        )
        if not service:
            raise UserError(
                self.env._(
                    "Report %(name)s was not sent to you: ask the service centre "
                    "for it.",
                    name=self.name,
                )
            )
        return service.with_env(self.env(su=False))

    def _may_enter_answer(self, partner):
        """The chair, or the member the chair delegated for this report,
        enters the committee's answer in the portal."""
        self.ensure_one()
        member = self.committee_id.sudo()._portal_member(partner)
        return bool(member) and (
            member.role == "chair" or member == self.sudo().answer_delegate_id
        )

    def _portal_answer(self, answer, comment=None, resolution=None, signers=None):
        """The committee's answer, entered by the chair (or the chair's
        delegate) from the resolution that took it."""
        matter, partner = self._portal_locked()
        if not matter._may_enter_answer(partner):
            raise UserError(
                self.env._(
                    "Only the chair, or the member the chair delegates, enters the "
                    "committee's answer to %(name)s: it is a committee decision. Give "
                    "your own opinion instead.",
                    name=matter.name,
                )
            )
        matter._record_committee_answer(
            answer,
            comment,
            resolution or self.env["hoa.meeting.resolution"],
            signers or self.env["hoa.committee.member"],
            partner,
        )
        return True

    def _portal_give_opinion(self, opinion, text=None):
        """A member's own opinion on the report, recorded as such."""
        matter, partner = self._portal_locked()
        text = (text or "").strip()
        if opinion not in ("agree", "disagree", "comment"):
            raise UserError(self.env._("Say whether you agree, disagree or comment."))
        if opinion == "comment" and not text:
            raise UserError(self.env._("Write your comment."))
        member = matter.committee_id._portal_member(partner)
        matter.opinion_ids = [
            Command.create(
                {"member_id": member.id, "opinion": opinion, "text": text or False}
            )
        ]
        label = selection_label(self.env["hoa.matter.opinion"], "opinion", opinion)
        body = Markup("<p>%s</p>") % self.env._(
            "%(name)s gave an opinion as a member: %(opinion)s.",
            name=partner.name,
            opinion=label,
        )
        if text:
            body += Markup("<blockquote>%s</blockquote>") % text
        matter.message_post(body=body, subtype_xmlid="mail.mt_comment")
        return True

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------

    @api.model
    @single_run
    def _cron_sweep(self, batch_size=1000):
        """Daily: due-tomorrow and overdue activities for the responsible
        staff; incident reports not delivered in time escalated to leadership.
        Idempotent."""
        today = self.env.company._hoa_today()
        activity_type = self.env.ref("hoa_committee.mail_activity_type_deadline")
        model_id = self.env["ir.model"]._get_id(self._name)
        # each summary in the language of the staff member it is for
        for domain, summary_in in (
            (
                [("deadline", "=", today + timedelta(days=1))],
                lambda env: env._("Report due tomorrow"),
            ),
            ([("deadline", "<", today)], lambda env: env._("Report overdue")),
        ):
            matters = self.search(
                [("state", "in", ("draft", "sent")), ("user_id", "!=", False), *domain]
            )
            existing = {
                (a.res_id, a.summary)
                for a in self.env["mail.activity"].search(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", matters.ids),
                        ("activity_type_id", "=", activity_type.id),
                    ]
                )
            }
            summaries = {
                matter: summary_in(matter.with_context(lang=matter.user_id.lang).env)
                for matter in matters
            }
            vals_list = [
                {
                    "res_model_id": model_id,
                    "res_id": matter.id,
                    "activity_type_id": activity_type.id,
                    "summary": summaries[matter],
                    "date_deadline": matter.deadline,
                    "user_id": matter.user_id.id,
                    "automated": True,
                }
                for matter in matters
                if (matter.id, summaries[matter]) not in existing
            ]
            for start in range(0, len(vals_list), batch_size):
                self.env["mail.activity"].with_context(
                    mail_activity_quick_update=True
                ).create(vals_list[start : start + batch_size])
        overdue_incidents = self.search(
            [
                ("state", "in", ("draft", "sent")),
                ("kind", "=", "incident"),
                ("deadline", "<", today),
                ("escalated", "=", False),
            ]
        )

        def escalate(matters):
            for matter in matters:
                lang = matter.company_id.partner_id.lang or self.env.lang
                matter.with_context(lang=lang)._escalate_overdue()

        return run_in_batches(
            overdue_incidents,
            escalate,
            batch_size,
            "Escalating overdue reports",
            self._cron_sweep,
        )

    def _escalate_overdue(self):
        self.ensure_one()
        recipients = self.company_id._hoa_escalation_users()
        self._set_state({"escalated": True})
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Incident not notified to the committee by %(deadline)s: escalated "
                "to %(names)s.",
                deadline=self.deadline,
                names=", ".join(recipients.mapped("name")) or self.env._("leadership"),
            ),
            subtype_xmlid="mail.mt_note",
        )
        for user in recipients:
            self.activity_schedule(
                "hoa_committee.mail_activity_type_escalation",
                date_deadline=self.env.company._hoa_today(),
                summary=self.with_context(lang=user.lang).env._(
                    "Late incident report %(name)s", name=self.name
                ),
                user_id=user.id,
            )

    # ------------------------------------------------------------------
    # Mediation by the committee (case c)
    # ------------------------------------------------------------------

    mediation_ids = fields.One2many("hoa.mediation", "matter_id", string="Mediations")
    mediation_count = fields.Integer(compute="_compute_mediation_count")

    @api.depends("mediation_ids")
    def _compute_mediation_count(self):
        for matter in self:
            matter.mediation_count = len(matter.mediation_ids)

    def action_request_mediation(self):
        """Ask the committee to mediate work touching some owners' interests:
        the mediation record is opened with the report's owners as parties."""
        self.check_access("write")
        self.ensure_one()
        if self.category != "owner_interest":
            raise UserError(
                self.env._(
                    "Only a report of work touching some owners' interests asks "
                    "the committee to mediate; %(name)s is not one.",
                    name=self.name,
                )
            )
        mediation = self.mediation_ids.filtered(lambda m: m.state != "resolved")[:1]
        if not mediation:
            owners = self.unit_ids.filtered("owner_id")
            mediation = self.env["hoa.mediation"].create(
                {
                    "community_id": self.community_id.id,
                    "committee_id": self.committee_id.id,
                    "kind": "owners_interest",
                    "matter_id": self.id,
                    "subject": self.subject,
                    "party_ids": [
                        Command.create(
                            {
                                "partner_id": unit.owner_id.id,
                                "unit_id": unit.id,
                                "role": "affected",
                            }
                        )
                        for unit in owners
                    ],
                }
            )
            self.message_post(
                body=self.env._(
                    "The committee is asked to mediate: %(name)s.",
                    name=mediation.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return mediation._get_records_action()

    def action_view_mediations(self):
        self.env["hoa.mediation"].check_access("read")
        self.check_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hoa_committee.hoa_mediation_action"
        )
        action["domain"] = [("matter_id", "=", self.id)]
        action["context"] = {"default_matter_id": self.id}
        return action
