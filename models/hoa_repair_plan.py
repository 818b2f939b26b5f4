from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.evaluation import is_period
from ..rules.periods import half_year_of


class HoaRepairPlan(models.Model):
    """The major and medium repair plan (大中修计划) of an estate's common
    facilities for a half year or a year: what is repaired where, its scope,
    budget, planned months and the fund that pays for it. Presented to the
    committee at the half-year visit, then archived. A line paid from the
    maintenance fund leads to its special-matter report and, through it, the
    owners' vote."""

    _name = "hoa.repair.plan"
    _description = "Major and Medium Repair Plan"
    _inherit = [
        "hoa.committee.record.mixin",
        "hoa.archive.mixin",
        "hoa.state.guard.mixin",
        "hoa.responsible.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _state_guard_fields = ("state", "presented_date")
    _order = "period desc, id desc"
    _sequence_code = "hoa.repair.plan"
    _committee_required = False

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    period = fields.Char(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: half_year_of(self.env.company._hoa_today()).label,
        help="The half year (2026-H2) or the year (2027) the plan covers.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("presented", "Presented"), ("archived", "Archived")],
        required=True,
        readonly=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    presented_date = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="The day the plan was presented to the committee.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("hoa.repair.plan.line", "plan_id", string="Items")
    total_budget = fields.Monetary(compute="_compute_totals", store=True)
    maintenance_fund_budget = fields.Monetary(
        string="From the Maintenance Fund", compute="_compute_totals", store=True
    )
    note = fields.Text(string="Notes")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(company_id, name)",
            "Repair plan numbers are unique.",
        ),
    ]

    @api.depends("line_ids.budget", "line_ids.fund_source")
    def _compute_totals(self):
        for plan in self:
            plan.total_budget = sum(plan.line_ids.mapped("budget"))
            plan.maintenance_fund_budget = sum(
                plan.line_ids.filtered(
                    lambda line: line.fund_source == "maintenance_fund"
                ).mapped("budget")
            )

    @api.constrains("period")
    def _check_period(self):
        for plan in self:
            if not is_period(plan.period):
                raise ValidationError(
                    self.env._(
                        "The period of a repair plan is a half year such as "
                        "2026-H2 or a year such as 2027, not “%(period)s”.",
                        period=plan.period,
                    )
                )

    def _frozen_reason(self):
        self.ensure_one()
        if self.state == "archived":
            return self.env._(
                "Repair plan %(name)s is archived: it no longer changes.",
                name=self.name,
            )
        return False

    def action_present(self):
        """The plan was presented to the committee (at the half-year visit)."""
        self.check_access("write")
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "Repair plan %(name)s was already presented.", name=plan.name
                    )
                )
            if not plan.line_ids:
                raise UserError(
                    self.env._(
                        "Repair plan %(name)s has no items: add what is to be "
                        "repaired before presenting it.",
                        name=plan.name,
                    )
                )
            plan._set_state(
                {
                    "state": "presented",
                    "presented_date": self.env.company._hoa_today(),
                }
            )
        return True

    def action_archive_plan(self):
        """File the presented plan: nothing of it changes any more."""
        self.check_access("write")
        for plan in self:
            if plan.state != "presented":
                raise UserError(
                    self.env._(
                        "Only a presented repair plan is archived; %(name)s is "
                        "not presented yet.",
                        name=plan.name,
                    )
                )
            plan._set_state({"state": "archived"})
        return True
