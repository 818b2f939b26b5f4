from odoo import api, fields, models
from odoo.exceptions import ValidationError

CATEGORY_SELECTION = [
    ("fee_income", "Property-Fee Income"),
    ("common_revenue", "Common-Part Revenue"),
    ("other_income", "Other Income"),
    ("operating_cost", "Operating Cost"),
    ("commission", "Manager's Commission (酬金)"),
    ("fund_opening", "Maintenance Fund: Opening Balance"),
    ("fund_contribution", "Maintenance Fund: Contributions"),
    ("fund_interest", "Maintenance Fund: Interest"),
    ("fund_use", "Maintenance Fund: Use"),
]


class HoaDisclosureLine(models.Model):
    """One line of an income and expenditure statement."""

    _name = "hoa.disclosure.line"
    _description = "Disclosure Line"
    _inherit = ["hoa.input.mixin"]
    _order = "disclosure_id, sequence, id"

    disclosure_id = fields.Many2one(
        "hoa.disclosure", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORY_SELECTION, required=True)
    name = fields.Char(string="Line Item", required=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="disclosure_id.currency_id")
    note = fields.Char()

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    self.env._(
                        "%(item)s: amounts are entered as positive numbers; the "
                        "category says whether they come in or go out.",
                        item=line.name,
                    )
                )

    def _check_draft(self):
        self.disclosure_id._check_frozen("write")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_draft()
        return lines

    def write(self, vals):
        self.check_access("write")  # who may not write at all is told so
        self._check_draft()
        result = super().write(vals)
        self._check_draft()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_draft()
