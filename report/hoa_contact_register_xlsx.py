from odoo import models

from ..models.access import check_staff


class HoaContactRegisterXlsx(models.AbstractModel):
    """The contact log."""

    _name = "report.hoa_committee.contact_register_xlsx"
    _inherit = "report.hoa_committee.register_xlsx"
    _description = "Contact Log (XLSX)"

    def generate_xlsx_report(self, workbook, data, contacts):
        check_staff(self.env)
        columns = [
            (self.env._("Date"), "date", 12),
            (self.env._("Estate"), "text", 18),
            (self.env._("Staff"), "text", 14),
            (self.env._("Method"), "text", 12),
            (self.env._("Committee Members"), "text", 24),
            (self.env._("With the Chair"), "text", 9),
            (self.env._("With a Vice-Chair"), "text", 9),
            (self.env._("Summary"), "text", 60),
        ]
        rows = [
            [
                c.date,
                c.community_id.name,
                c.user_id.name,
                self._label(c, "method"),
                ", ".join(c.member_ids.mapped("display_name")),
                self._yes_no(c.with_chair),
                self._yes_no(c.with_vice_chair),
                c.summary,
            ]
            for c in contacts
        ]
        self._write_sheet(
            workbook, self.env._("Contacts"), self.env._("Contact Log"), columns, rows
        )
