from odoo import models

from ..models.access import check_staff


class HoaMeetingRegisterXlsx(models.AbstractModel):
    """Meetings with their quorum and signatures."""

    _name = "report.hoa_committee.meeting_register_xlsx"
    _inherit = "report.hoa_committee.register_xlsx"
    _description = "Meeting Register (XLSX)"

    def generate_xlsx_report(self, workbook, data, meetings):
        check_staff(self.env)
        columns = [
            (self.env._("Number"), "text", 14),
            (self.env._("Estate"), "text", 18),
            (self.env._("Title"), "text", 30),
            (self.env._("Type"), "text", 14),
            (self.env._("Period"), "text", 9),
            (self.env._("Proposal Due"), "date", 12),
            (self.env._("Proposed"), "date", 12),
            (self.env._("Starts"), "datetime", 16),
            (self.env._("Notice Sent"), "date", 12),
            (self.env._("Notice in Time"), "text", 9),
            (self.env._("Members"), "integer", 8),
            (self.env._("Present"), "integer", 8),
            (self.env._("Quorum"), "text", 8),
            (self.env._("Unsigned"), "integer", 9),
            (self.env._("Signed On"), "datetime", 16),
            (self.env._("Status"), "text", 10),
        ]
        rows = [
            [
                m.reference,
                m.community_id.name,
                m.name,
                self._label(m, "meeting_type"),
                m.period,
                m.proposal_deadline,
                m.proposed_date,
                m.date_start,
                m.notice_date,
                self._yes_no(m.notice_ok) if m.notice_date else "",
                m.member_count,
                m.present_member_count,
                self._yes_no(m.quorum_ok),
                m.unsigned_count,
                m.signed_date,
                self._label(m, "state"),
            ]
            for m in meetings
        ]
        self._write_sheet(
            workbook,
            self.env._("Meetings"),
            self.env._("Meeting Register"),
            columns,
            rows,
        )
