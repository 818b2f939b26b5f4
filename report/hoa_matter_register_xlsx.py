from odoo import models

from ..models.access import check_staff
from ..models.hoa_matter import DELIVERED_STATES


class HoaMatterRegisterXlsx(models.AbstractModel):
    """Special-matter reports with their filing and notification timeliness."""

    _name = "report.hoa_committee.matter_register_xlsx"
    _inherit = "report.hoa_committee.register_xlsx"
    _description = "Special-Matter Register (XLSX)"

    def generate_xlsx_report(self, workbook, data, matters):
        check_staff(self.env)
        columns = [
            (self.env._("Number"), "text", 14),
            (self.env._("Estate"), "text", 18),
            (self.env._("Subject"), "text", 36),
            (self.env._("Category"), "text", 20),
            (self.env._("Kind"), "text", 12),
            (self.env._("Work Starts / Happened"), "date", 14),
            (self.env._("Due"), "date", 12),
            (self.env._("Delivered"), "date", 12),
            (self.env._("Method"), "text", 12),
            (self.env._("On Time"), "text", 9),
            (self.env._("Receipt"), "text", 16),
            (self.env._("Committee's Answer"), "text", 14),
            (self.env._("Status"), "text", 10),
        ]
        rows = [
            [
                m.name,
                m.community_id.name,
                m.subject,
                self._label(m, "category"),
                self._label(m, "kind"),
                m.planned_date or m.occurred_date,
                m.deadline,
                # sent is not delivered: only evidence of receipt gives a date
                m.delivered_date if m.state in DELIVERED_STATES else None,
                self._label(m, "delivery_method"),
                self._yes_no(not m.late)
                if m.state in DELIVERED_STATES or m.late
                else "",
                m.receipt_signed_by,
                self._label(m, "answer"),
                self._label(m, "state"),
            ]
            for m in matters
        ]
        self._write_sheet(
            workbook,
            self.env._("Reports"),
            self.env._("Special-Matter Register"),
            columns,
            rows,
        )
