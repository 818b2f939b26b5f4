from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HoaOperationsReportOccupancy(models.Model):
    """A common part occupied or let in the period (共有部分经营): where, for
    what, by whom, what it earned."""

    _name = "hoa.operations.report.occupancy"
    _description = "Occupancy of a Common Part"
    _inherit = ["hoa.input.mixin"]
    _order = "report_id, sequence, id"

    report_id = fields.Many2one(
        "hoa.operations.report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    currency_id = fields.Many2one(related="report_id.currency_id")
    sequence = fields.Integer(default=10)
    place = fields.Char(required=True)
    use = fields.Char(required=True)
    tenant = fields.Char(string="Occupied By")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    income = fields.Monetary()

    @api.constrains("date_from", "date_to", "income")
    def _check_values(self):
        for line in self:
            if line.date_from and line.date_to and line.date_to < line.date_from:
                raise ValidationError(
                    self.env._(
                        "Occupancy of %(place)s ends before it starts.",
                        place=line.place,
                    )
                )
            if line.income < 0:
                raise ValidationError(
                    self.env._(
                        "The income of %(place)s cannot be negative.", place=line.place
                    )
                )
