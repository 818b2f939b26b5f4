from odoo import fields, models

from ..rules.inputs import DATE_MAX, DATE_MIN


class HoaWorkdayImportWizard(models.TransientModel):
    _name = "hoa.workday.import.wizard"
    _description = "Import Official Holidays"
    _inherit = ["hoa.input.mixin"]
    _input_limits = {"year": (DATE_MIN.year, DATE_MAX.year)}

    calendar_id = fields.Many2one(
        "hoa.workday.calendar", required=True, ondelete="cascade"
    )
    year = fields.Integer(
        required=True,
        default=lambda self: self.env.company._hoa_today().year + 1,
    )

    def action_import(self):
        self.check_access("write")
        self.ensure_one()
        report = self.calendar_id._import_year(self.year)
        message = self.env._(
            "%(year)s: %(added)s days added, %(changed)s changed, %(removed)s "
            "removed, %(unchanged)s already right, %(kept)s entered by hand kept.",
            year=self.year,
            added=report["added"],
            changed=report["changed"],
            removed=report["removed"],
            unchanged=report["unchanged"],
            kept=report["kept_manual"],
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Official schedule imported"),
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
