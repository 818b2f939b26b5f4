from odoo import fields, models


class HoaWeekday(models.Model):
    _name = "hoa.weekday"
    _inherit = ["hoa.input.mixin"]
    _description = "Day of the Week"
    _order = "number"

    name = fields.Char(required=True, translate=True)
    number = fields.Integer(required=True, help="Monday is 0, Sunday is 6.")

    _sql_constraints = [
        ("number_uniq", "unique(number)", "Each day of the week exists once."),
        ("number_range", "CHECK(number BETWEEN 0 AND 6)", "Days are numbered 0 to 6."),
    ]
