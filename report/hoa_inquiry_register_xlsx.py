from odoo import models
from odoo.tools import html2plaintext

from ..models.access import check_staff


class HoaInquiryRegisterXlsx(models.AbstractModel):
    """Inquiries with their SLA outcome."""

    _name = "report.hoa_committee.inquiry_register_xlsx"
    _inherit = "report.hoa_committee.register_xlsx"
    _description = "Inquiry Register (XLSX)"

    def generate_xlsx_report(self, workbook, data, inquiries):
        check_staff(self.env)
        columns = [
            (self.env._("Number"), "text", 14),
            (self.env._("Estate"), "text", 18),
            (self.env._("Subject"), "text", 36),
            (self.env._("Type"), "text", 10),
            (self.env._("Channel"), "text", 10),
            (self.env._("Raised By"), "text", 14),
            (self.env._("Received"), "date", 12),
            (self.env._("Deadline"), "date", 12),
            (self.env._("Answered On"), "date", 12),
            (self.env._("Answered in Time"), "text", 10),
            (self.env._("Overdue Now"), "text", 10),
            (self.env._("Status"), "text", 10),
            (self.env._("Assessment"), "text", 12),
            (self.env._("Responsible"), "text", 14),
            (self.env._("Answer"), "text", 50),
        ]
        rows = [
            [
                i.name,
                i.community_id.name,
                i.subject,
                self._label(i, "inquiry_type"),
                self._label(i, "channel"),
                i.raised_by_id.name,
                i.received_date,
                i.deadline,
                i.responded_date,
                self._yes_no(i.sla_met) if i.responded_date else "",
                self._yes_no(i.overdue),
                self._label(i, "state"),
                self._label(i, "assessment"),
                i.user_id.name,
                html2plaintext(i.response or "").strip(),
            ]
            for i in inquiries
        ]
        sheet, row = self._write_sheet(
            workbook,
            self.env._("Inquiries"),
            self.env._("Inquiry Register"),
            columns,
            rows,
        )
        answered = inquiries.filtered("responded_date")
        on_time = answered.filtered("sla_met")
        formats = self._formats(workbook)
        sheet.write(row + 1, 0, self.env._("Answered"), formats["bold"])
        sheet.write_number(row + 1, 1, len(answered))
        sheet.write(row + 2, 0, self.env._("In time"), formats["bold"])
        sheet.write_number(row + 2, 1, len(on_time))
        sheet.write(row + 3, 0, self.env._("In time (%)"), formats["bold"])
        if answered:
            sheet.write_number(
                row + 3, 1, len(on_time) / len(answered), formats["percent"]
            )
