from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HoaOperationsReportContract(models.Model):
    """A contract the service centre signed in the period."""

    _name = "hoa.operations.report.contract"
    _description = "Contract Signed"
    _inherit = ["hoa.input.mixin"]
    _order = "report_id, date_signed, id"

    report_id = fields.Many2one(
        "hoa.operations.report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    currency_id = fields.Many2one(related="report_id.currency_id")
    counterparty = fields.Char(required=True)
    subject = fields.Char(required=True)
    amount = fields.Monetary()
    date_signed = fields.Date(string="Signed On")
    date_start = fields.Date(string="Starts")
    date_end = fields.Date(string="Ends")

    @api.constrains("date_start", "date_end", "amount")
    def _check_values(self):
        for contract in self:
            if (
                contract.date_start
                and contract.date_end
                and contract.date_end < contract.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(subject)s ends before it starts.",
                        subject=contract.subject,
                    )
                )
            if contract.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The amount of contract %(subject)s cannot be negative.",
                        subject=contract.subject,
                    )
                )
