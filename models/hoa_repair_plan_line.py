from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html


class HoaRepairPlanLine(models.Model):
    """One item of a repair plan: a facility, where it is, what is done,
    the budget, the planned months and the fund that pays. A
    maintenance-fund item gets its special-matter report (category a), which
    the owners then decide by their vote."""

    _name = "hoa.repair.plan.line"
    _description = "Repair Plan Item"
    _inherit = ["hoa.input.mixin", "hoa.state.guard.mixin"]
    #: the report is linked only by its button, which drafts it
    _state_guard_fields = ("matter_id",)
    _order = "plan_id, sequence, id"
    _input_limits = {"budget": (0, 1_000_000_000)}

    plan_id = fields.Many2one(
        "hoa.repair.plan", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    community_id = fields.Many2one(related="plan_id.community_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    facility = fields.Char(required=True)
    location = fields.Char()
    scope = fields.Text(string="Scope of Work", required=True)
    budget = fields.Monetary()
    date_start = fields.Date(
        string="Planned Start", help="The month the work is planned to start."
    )
    date_end = fields.Date(
        string="Planned End", help="The month the work is planned to end."
    )
    fund_source = fields.Selection(
        [
            ("maintenance_fund", "Maintenance Fund"),
            ("operating_budget", "Operating Budget"),
            ("public_facility_fund", "Public-Facility Fund"),
        ],
        required=True,
        default="operating_budget",
    )
    matter_id = fields.Many2one(
        "hoa.matter",
        string="Special-Matter Report",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    matter_state = fields.Selection(related="matter_id.state", string="Report Status")
    decision_id = fields.Many2one(
        related="matter_id.owners_decision_id", string="Owners' Decision"
    )
    decision_state = fields.Selection(
        related="matter_id.owners_decision_id.state", string="Vote Status"
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for line in self:
            if line.date_start and line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    self.env._(
                        "Repair item %(facility)s ends before it starts.",
                        facility=line.facility,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hoa.repair.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )._check_frozen("write")
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._check_frozen("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        self.plan_id._check_frozen("write")

    def action_create_matter(self):
        """Draft the special-matter report (category a, maintenance-fund
        repair) of this item, with its scope, budget and start: the report
        is then sent to the committee and the owners vote on the fund."""
        self.ensure_one()
        self.plan_id.check_access("write")
        if self.fund_source != "maintenance_fund":
            raise UserError(
                self.env._(
                    "Only an item paid from the maintenance fund needs a "
                    "special-matter report and the owners' vote: %(facility)s is "
                    "not.",
                    facility=self.facility,
                )
            )
        if self.matter_id:
            raise UserError(
                self.env._(
                    "Repair item %(facility)s already has its report %(matter)s.",
                    facility=self.facility,
                    matter=self.matter_id.name,
                )
            )
        plan = self.plan_id
        lang = plan.company_id.partner_id.lang or self.env.lang
        budget = f"{self.budget:,.2f}"
        text = self.with_context(lang=lang).env._(
            "%(scope)s\n\nLocation: %(location)s\nBudget: %(budget)s %(currency)s\n"
            "Repair plan: %(plan)s (%(period)s)",
            scope=self.scope,
            location=self.location or "—",
            budget=budget,
            currency=self.currency_id.name,
            plan=plan.name,
            period=plan.period,
        )
        matter = self.env["hoa.matter"].create(
            {
                "community_id": plan.community_id.id,
                "subject": f"{self.facility}：{self.location}"
                if self.location
                else self.facility,
                "category": "repair_fund",
                "description": plaintext2html(text),
                "planned_date": self.date_start,
            }
        )
        self._set_state({"matter_id": matter.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "hoa.matter",
            "res_id": matter.id,
            "view_mode": "form",
        }
