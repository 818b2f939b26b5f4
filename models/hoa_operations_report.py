from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.periods import period_of


class HoaOperationsReport(models.Model):
    """The operations report (经营情况报告) the service centre presents at a
    routine meeting: income and costs by category, the occupancy of common
    parts and what it earns, the contracts signed and the owners'
    complaints of the period. Structured, so that it adds up, and printed."""

    _name = "hoa.operations.report"
    _description = "Operations Report to the Committee"
    _inherit = [
        "hoa.committee.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_from desc, id desc"
    _sequence_code = "hoa.operations.report"
    _sequence_date_field = "date_to"
    _committee_required = False

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    meeting_id = fields.Many2one(
        "hoa.meeting",
        string="Routine Meeting",
        domain="[('community_id', '=', community_id), ('meeting_type', '=', 'routine')]",
        index="btree_not_null",
        tracking=True,
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    period = fields.Char(compute="_compute_period", store=True, readonly=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many(
        "hoa.operations.report.line", "report_id", string="Income and Costs"
    )
    income_line_ids = fields.One2many(
        "hoa.operations.report.line",
        "report_id",
        string="Income",
        domain=[("line_type", "=", "income")],
    )
    cost_line_ids = fields.One2many(
        "hoa.operations.report.line",
        "report_id",
        string="Costs",
        domain=[("line_type", "=", "cost")],
    )
    occupancy_ids = fields.One2many(
        "hoa.operations.report.occupancy",
        "report_id",
        string="Occupancy of Common Parts",
    )
    contract_ids = fields.One2many(
        "hoa.operations.report.contract", "report_id", string="Contracts Signed"
    )
    complaint_ids = fields.Many2many(
        "hoa.owner.request",
        string="Complaints",
        domain="[('community_id', '=', community_id), ('kind', '=', 'complaint')]",
    )
    complaint_count = fields.Integer(
        string="Complaints Received", compute="_compute_complaint_count", store=True
    )
    complaint_note = fields.Text(string="Main Complaints and What Was Done")
    note = fields.Text(string="Remarks")
    income_total = fields.Monetary(compute="_compute_totals", store=True)
    cost_total = fields.Monetary(compute="_compute_totals", store=True)
    balance = fields.Monetary(
        string="Surplus (Deficit)", compute="_compute_totals", store=True
    )
    occupancy_income = fields.Monetary(
        string="Common-Part Income", compute="_compute_totals", store=True
    )
    contract_total = fields.Monetary(
        string="Contracts Amount", compute="_compute_totals", store=True
    )

    @api.depends("date_from", "community_id.meeting_cadence")
    def _compute_period(self):
        for report in self:
            if report.date_from and report.community_id:
                report.period = period_of(
                    report.date_from, report.community_id.meeting_cadence
                ).label

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for report in self:
            report.complaint_count = len(report.complaint_ids)

    @api.depends(
        "line_ids.amount",
        "line_ids.line_type",
        "occupancy_ids.income",
        "contract_ids.amount",
    )
    def _compute_totals(self):
        for report in self:
            income = sum(
                report.line_ids.filtered(lambda l: l.line_type == "income").mapped(
                    "amount"
                )
            )
            cost = sum(
                report.line_ids.filtered(lambda l: l.line_type == "cost").mapped(
                    "amount"
                )
            )
            report.income_total = income
            report.cost_total = cost
            report.balance = income - cost
            report.occupancy_income = sum(report.occupancy_ids.mapped("income"))
            report.contract_total = sum(report.contract_ids.mapped("amount"))

    @api.onchange("meeting_id")
    def _onchange_meeting_id(self):
        """The meeting's period is the report's, by default."""
        meeting = self.meeting_id
        if meeting and meeting.date_start:
            period = period_of(
                self.env.company._hoa_date(meeting.date_start),
                meeting.community_id.meeting_cadence,
            )
            self.date_from, self.date_to = period.start, period.end

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_to < report.date_from:
                period = f"{report.date_from} – {report.date_to}"
                raise ValidationError(
                    self.env._(
                        "Operations report %(name)s ends before it starts.",
                        name=period,
                    )
                )

    @api.constrains("meeting_id", "community_id")
    def _check_meeting(self):
        for report in self:
            meeting = report.meeting_id
            if meeting and (
                meeting.community_id != report.community_id
                or meeting.meeting_type != "routine"
            ):
                raise ValidationError(
                    self.env._(
                        "The operations report is presented at a routine meeting of "
                        "estate %(estate)s.",
                        estate=report.community_id.name,
                    )
                )

    def action_fill_complaints(self):
        """Take the owners' complaints received in the period."""
        self.check_access("write")
        for report in self:
            complaints = self.env["hoa.owner.request"].search(
                [
                    ("community_id", "=", report.community_id.id),
                    ("kind", "=", "complaint"),
                    ("received_date", ">=", report.date_from),
                    ("received_date", "<=", report.date_to),
                    ("state", "!=", "cancelled"),
                ],
                order="received_date, id",
            )
            report.complaint_ids = complaints
        return True

    def action_print(self):
        self.check_access("read")
        for report in self:
            if not report.line_ids:
                raise UserError(
                    self.env._(
                        "Operations report %(name)s has no income or cost line.",
                        name=report.name,
                    )
                )
        return self.env.ref(
            "hoa_committee.action_report_operations_report"
        ).report_action(self)
