from odoo import api, fields, models
from odoo.exceptions import ValidationError

INCOME_CATEGORIES = [
    ("fee", "Property Service Fees"),
    ("parking", "Parking"),
    ("advertising", "Advertising"),
    ("venue", "Venue and Space Rental"),
    ("value_added", "Value-Added Services"),
    ("other_income", "Other Income"),
]
COST_CATEGORIES = [
    ("staff", "Staff"),
    ("energy", "Energy of Common Areas"),
    ("maintenance", "Repairs and Maintenance"),
    ("cleaning", "Cleaning"),
    ("greening", "Greening"),
    ("security", "Security and Order"),
    ("admin", "Administration"),
    ("tax", "Taxes"),
    ("other_cost", "Other Costs"),
]


class HoaOperationsReportLine(models.Model):
    """An income or cost of the period, by category."""

    _name = "hoa.operations.report.line"
    _description = "Operations Report Income or Cost"
    _inherit = ["hoa.input.mixin"]
    _order = "report_id, line_type desc, sequence, id"

    report_id = fields.Many2one(
        "hoa.operations.report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    currency_id = fields.Many2one(related="report_id.currency_id")
    sequence = fields.Integer(default=10)
    line_type = fields.Selection(
        [("income", "Income"), ("cost", "Cost")],
        string="Type",
        required=True,
        default="income",
    )
    category = fields.Selection(
        INCOME_CATEGORIES + COST_CATEGORIES, required=True, default="fee"
    )
    name = fields.Char(string="Item", required=True)
    amount = fields.Monetary(required=True)
    note = fields.Char()

    @api.onchange("line_type")
    def _onchange_line_type(self):
        kinds = {"income": INCOME_CATEGORIES, "cost": COST_CATEGORIES}
        allowed = [code for code, _label in kinds.get(self.line_type, [])]
        if allowed and self.category not in allowed:
            self.category = allowed[0]

    @api.constrains("line_type", "category")
    def _check_category(self):
        income = {code for code, _label in INCOME_CATEGORIES}
        for line in self:
            if (line.category in income) != (line.line_type == "income"):
                raise ValidationError(
                    self.env._(
                        "%(item)s: an income is of an income category, a cost of a "
                        "cost category.",
                        item=line.name,
                    )
                )
