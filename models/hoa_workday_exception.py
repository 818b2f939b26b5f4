from odoo import api, fields, models


class HoaWorkdayException(models.Model):
    _name = "hoa.workday.exception"
    _description = "Holiday or Make-Up Workday"
    _inherit = ["hoa.input.mixin"]
    _order = "date desc"

    calendar_id = fields.Many2one(
        "hoa.workday.calendar",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(required=True, index=True)
    year = fields.Integer(compute="_compute_year", store=True)
    kind = fields.Selection(
        [("holiday", "Holiday"), ("workday", "Make-Up Workday")],
        required=True,
        default="holiday",
        help="Holiday: not worked although a weekday. Make-up workday (调休上班): "
        "worked although it falls on a weekend.",
    )
    name = fields.Char(string="Description")
    source = fields.Selection(
        [("package", "Official Schedule"), ("manual", "Entered by Hand")],
        required=True,
        default="manual",
        readonly=True,
        help="Days entered by hand are kept when a year is imported again.",
    )

    _sql_constraints = [
        (
            "calendar_date_uniq",
            "unique(calendar_id, date)",
            "A day can appear only once in a calendar.",
        ),
    ]

    @api.depends("date")
    def _compute_year(self):
        for exception in self:
            exception.year = exception.date.year if exception.date else 0

    @api.model_create_multi
    def create(self, vals_list):
        exceptions = super().create(vals_list)
        exceptions.calendar_id._on_days_changed(exceptions.mapped("date"))
        return exceptions

    def write(self, vals):
        old_dates = self.mapped("date")
        calendars = self.calendar_id
        if "source" not in vals and self.env.context.get("hoa_manual_edit", True):
            vals = {**vals, "source": "manual"}
        result = super().write(vals)
        (calendars | self.calendar_id)._on_days_changed(old_dates + self.mapped("date"))
        return result

    def unlink(self):
        calendars, dates = self.calendar_id, self.mapped("date")
        result = super().unlink()
        calendars._on_days_changed(dates)
        return result
