import textwrap

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, html2plaintext

from ..rules.periods import next_period, period_of
from ..rules.quality_visit import report_range
from ..tools.selection import selection_labels

#: how much of an answer the report quotes
ANSWER_CHARS = 160


class HoaWorkReport(models.Model):
    """The periodic work report (工作情况通报) the service centre presents at a
    routine meeting: work done, the owners' main complaints and what came of
    them, the income and expenditure statement, open issues, the help needed
    from the committee and the next period's plan. Filled from the records,
    edited, then printed."""

    _name = "hoa.work.report"
    _description = "Work Report to the Committee"
    _inherit = [
        "hoa.committee.record.mixin",
        "hoa.archive.mixin",
        "hoa.responsible.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_from desc, id desc"
    _sequence_code = "hoa.work.report"
    _sequence_date_field = "date_to"
    _committee_required = False

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    meeting_id = fields.Many2one(
        "hoa.meeting",
        string="Presented At",
        domain="[('community_id', '=', community_id),"
        " ('meeting_type', '=', 'half_year' if report_kind != 'period' else 'routine')]",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    #: a work report is never deleted: one made by mistake is archived
    active = fields.Boolean(default=True, tracking=True)
    period = fields.Char(compute="_compute_period", store=True, readonly=False)
    disclosure_id = fields.Many2one(
        "hoa.disclosure",
        string="Income and Expenditure",
        domain="[('community_id', '=', community_id), ('state', '=', 'published')]",
        check_company=True,
    )
    work_done = fields.Html()
    complaints = fields.Html(string="Owners' Main Complaints and Outcomes")
    open_issues = fields.Html()
    help_needed = fields.Html(string="Help Needed From the Committee")
    next_plan = fields.Html(string="Next Period's Plan")

    @api.depends("date_from", "community_id.meeting_cadence", "report_kind")
    def _compute_period(self):
        for report in self:
            if report.date_from and report.report_kind in ("half_year", "annual"):
                # the label the visit, its report, repair plan and evaluation share
                report.period = report_range(report.date_from, report.report_kind).label
            elif report.date_from and report.community_id:
                report.period = period_of(
                    report.date_from, report.community_id.meeting_cadence
                ).label

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_to < report.date_from:
                # the number is not issued yet when the check fails
                period = f"{report.date_from} – {report.date_to}"
                raise ValidationError(
                    self.env._(
                        "Work report %(name)s ends before it starts.", name=period
                    )
                )

    # ------------------------------------------------------------------
    # Filled from the records
    # ------------------------------------------------------------------

    def action_fill(self):
        """Write every section from the records of the period (what was
        typed in them is replaced) and take the latest published statement."""
        self.check_access("write")
        for report in self:
            # written for the committee: in the company's language
            lang = report.company_id.partner_id.lang or self.env.lang
            report.write(report.with_context(lang=lang)._sections())
        return True

    def _in_period(self, field):
        return [
            ("community_id", "=", self.community_id.id),
            (field, ">=", self.date_from),
            (field, "<=", self.date_to),
        ]

    def _sections(self):
        self.ensure_one()
        Inquiry = self.env["hoa.inquiry"]
        answered = Inquiry.search(
            self._in_period("responded_date"), order="responded_date, id"
        )
        matters = self.env["hoa.matter"].search(
            [
                *self._in_period("delivered_date"),
                ("state", "in", ("delivered", "answered", "closed")),
            ],
            order="delivered_date, id",
        )
        actions = self.env["hoa.meeting.action"].search(
            self._in_period("done_date"), order="done_date, id"
        )
        open_inquiries = Inquiry.search(
            [
                ("community_id", "=", self.community_id.id),
                ("state", "in", ("recorded", "assessed", "escalated", "reply_sent")),
            ],
            order="received_date, id",
        )
        waiting = self.env["hoa.matter"].search(
            [
                ("community_id", "=", self.community_id.id),
                ("state", "in", ("sent", "delivered")),
            ]
        )
        upcoming = next_period(
            period_of(self.date_to, self.community_id.meeting_cadence),
            self.community_id.meeting_cadence,
        )
        planned = self.env["hoa.matter"].search(
            [
                ("community_id", "=", self.community_id.id),
                ("planned_date", ">=", upcoming.start),
                ("planned_date", "<=", upcoming.end),
                ("state", "!=", "cancelled"),
            ]
        )
        disclosure = self.env["hoa.disclosure"].search(
            [
                ("community_id", "=", self.community_id.id),
                ("state", "=", "published"),
                ("date_to", "<=", self.date_to),
            ],
            order="date_to desc, version desc",
            limit=1,
        )
        return {
            "work_done": self._work_done_html(answered, matters, actions),
            "complaints": self._complaints_html(),
            "open_issues": self._open_issues_html(open_inquiries, waiting),
            "next_plan": self._next_plan_html(upcoming, planned),
            "disclosure_id": disclosure.id or self.disclosure_id.id,
            **self._half_year_sections(),
        }

    def _day(self, day):
        """A date as the reader's language writes it (2026年11月25日 in
        Chinese), as the screens show it; "" for none."""
        return format_date(self.env, day) if day else ""

    def _section(self, title, items, empty=None, intro=None):
        """One section of the report, rendered by the editable QWeb template
        ``hoa_work_report_section``."""
        return (
            self.env["ir.qweb"]
            ._render(
                "hoa_committee.hoa_work_report_section",
                {"title": title, "intro": intro, "items": items, "empty": empty},
            )
            .strip()
        )

    def _work_done_html(self, answered, matters, actions):
        inquiries = [
            self.env._(
                "%(name)s %(subject)s — answered on %(date)s%(late)s: %(answer)s",
                name=inquiry.name,
                subject=inquiry.subject,
                date=self._day(inquiry.responded_date),
                late="" if inquiry.sla_met else self.env._(" (late)"),
                answer=textwrap.shorten(
                    html2plaintext(inquiry.response or ""),
                    ANSWER_CHARS,
                    placeholder="…",
                ),
            )
            for inquiry in answered
        ]
        state = selection_labels(self.env["hoa.matter"], "state")
        reports = [
            self.env._(
                "%(name)s %(subject)s — delivered on %(date)s, %(state)s",
                name=matter.name,
                subject=matter.subject,
                date=self._day(matter.delivered_date),
                state=state[matter.state],
            )
            for matter in matters
        ]
        done = [
            self.env._(
                "%(what)s — done on %(date)s",
                what=action.name,
                date=self._day(action.done_date),
            )
            for action in actions
        ]
        return (
            self._section(
                self.env._("Inquiries answered"), inquiries, self.env._("None.")
            )
            + self._section(
                self.env._("Reports to the committee"), reports, self.env._("None.")
            )
            + self._section(
                self.env._("Action items completed"), done, self.env._("None.")
            )
        )

    def _complaints_html(self):
        """The owners' complaints received in the period (the register of
        ``hoa.owner.request``), counted by category with their outcome:
        answered in time, answered late, still open. No owner is named."""
        complaints = self.env["hoa.owner.request"].search(
            [
                *self._in_period("received_date"),
                ("kind", "=", "complaint"),
                ("state", "!=", "cancelled"),
            ]
        )
        categories = selection_labels(self.env["hoa.owner.request"], "category")

        def outcome(requests):
            answered = requests.filtered("answered_date")
            return {
                "count": len(requests),
                "in_time": len(answered.filtered(lambda r: not r.late)),
                "late": len(answered.filtered("late")),
                "open": len(requests - answered),
            }

        items = [
            self.env._(
                "%(category)s: %(count)s — %(in_time)s answered in time, "
                "%(late)s answered late, %(open)s open",
                category=label,
                **outcome(group),
            )
            for code, label in categories.items()
            if (group := complaints.filtered(lambda r, c=code: r.category == c))
        ]
        return self._section(
            None,
            items,
            intro=self.env._(
                "%(count)s owners' complaints received in the period: "
                "%(in_time)s answered in time, %(late)s answered late, "
                "%(open)s open.",
                **outcome(complaints),
            ),
        )

    def _open_issues_html(self, open_inquiries, waiting):
        items = [
            self.env._(
                "%(name)s %(subject)s — due %(deadline)s",
                name=inquiry.name,
                subject=inquiry.subject,
                deadline=self._day(inquiry.deadline) or "—",
            )
            for inquiry in open_inquiries
        ] + [
            self.env._(
                "%(name)s %(subject)s — awaiting the committee's answer",
                name=matter.name,
                subject=matter.subject,
            )
            for matter in waiting
        ]
        return self._section(
            self.env._("Still open"), items, self.env._("Nothing open.")
        )

    def _next_plan_html(self, upcoming, planned):
        items = [
            self.env._("Routine work meeting of %(period)s", period=upcoming.label)
        ] + [
            self.env._(
                "%(subject)s — from %(date)s",
                subject=matter.subject,
                date=self._day(matter.planned_date),
            )
            for matter in planned
        ]
        return self._section(
            self.env._("Planned for %(period)s", period=upcoming.label), items, ""
        )

    # ------------------------------------------------------------------
    # Half-year and annual reports (the quality department's visit)
    # ------------------------------------------------------------------

    report_kind = fields.Selection(
        [
            ("period", "Routine Period"),
            ("half_year", "Half-Year"),
            ("annual", "Annual"),
        ],
        required=True,
        default="period",
        tracking=True,
        help="Routine period: presented at a routine meeting. Half-year and "
        "annual (December's): presented at the quality department's visit, "
        "bringing the whole half year or year together.",
    )
    incidents = fields.Html(string="Incidents and Emergencies")
    disclosures = fields.Html(string="Statements Published")
    compliance_figures = fields.Html()

    def _half_year_sections(self):
        """The sections only a half-year or annual report has: incidents,
        the statements published and the compliance figures of the routine
        periods in it. Empty for a routine period's report."""
        if self.report_kind == "period":
            return {}
        incidents = self.env["hoa.matter"].search(
            [
                *self._in_period("delivered_date"),
                "|",
                ("category", "=", "incident"),
                ("kind", "=", "incident"),
            ],
            order="delivered_date, id",
        )
        disclosures = self.env["hoa.disclosure"].search(
            [*self._in_period("published_date"), ("state", "=", "published")],
            order="published_date, id",
        )
        compliance = self.env["hoa.compliance"].search(
            [*self._in_period("date_start"), ("date_end", "<=", self.date_to)],
            order="date_start, id",
        )
        return {
            "incidents": self._section(
                self.env._("Incidents and emergencies"),
                [
                    self.env._(
                        "%(name)s %(subject)s — reported on %(date)s",
                        name=matter.name,
                        subject=matter.subject,
                        date=self._day(matter.delivered_date),
                    )
                    for matter in incidents
                ],
                self.env._("None."),
            ),
            "disclosures": self._section(
                self.env._("Income and expenditure statements published"),
                [
                    self.env._(
                        "%(name)s %(period)s — published on %(date)s",
                        name=disclosure.name,
                        period=disclosure.period,
                        date=self._day(disclosure.published_date),
                    )
                    for disclosure in disclosures
                ],
                self.env._("None."),
            ),
            "compliance_figures": self._compliance_html(compliance),
        }

    def _compliance_html(self, rows):
        """The compliance figures of the routine periods in the report, one
        line each, and the totals of the half year or year."""

        def rate(done, due):
            return f"{done}/{due} ({round(100 * done / due)}%)" if due else "—"

        def yes(flag):
            return self.env._("yes") if flag else self.env._("no")

        items = [
            self.env._(
                "%(period)s: routine meeting held: %(held)s; mandatory contacts "
                "made: %(contacts)s; inquiries answered in time: %(inquiries)s; "
                "reports filed on time: %(reports)s; incidents notified on "
                "time: %(incidents)s",
                period=row.period,
                held=yes(row.meeting_held),
                contacts=yes(row.contacts_ok),
                inquiries=rate(row.inquiry_on_time, row.inquiry_count),
                reports=rate(row.matter_on_time, row.matter_count),
                incidents=rate(row.incident_on_time, row.incident_count),
            )
            for row in rows
        ]
        if rows:
            items.append(
                self.env._(
                    "In all: %(held)s of %(periods)s routine meetings held; "
                    "inquiries answered in time: %(inquiries)s; reports filed "
                    "on time: %(reports)s",
                    held=len(rows.filtered("meeting_held")),
                    periods=len(rows),
                    inquiries=rate(
                        sum(rows.mapped("inquiry_on_time")),
                        sum(rows.mapped("inquiry_count")),
                    ),
                    reports=rate(
                        sum(rows.mapped("matter_on_time")),
                        sum(rows.mapped("matter_count")),
                    ),
                )
            )
        return self._section(
            self.env._("Compliance figures"),
            items,
            self.env._("No compliance figures for these periods."),
        )
