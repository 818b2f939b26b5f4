from odoo import fields, models


class HoaMeetingPaperSignWizard(models.TransientModel):
    """A head records a signature made on the paper minutes: the scan of the
    signed page is kept on the meeting and the signature points to it."""

    _name = "hoa.meeting.paper.sign.wizard"
    _description = "Record a Signature Made on Paper"
    _inherit = ["hoa.input.mixin"]

    attendance_id = fields.Many2one(
        "hoa.meeting.attendance", required=True, ondelete="cascade"
    )
    name = fields.Char(related="attendance_id.name", string="Signed By")
    scan = fields.Binary(string="Scan of the Signed Page", required=True)
    scan_name = fields.Char()

    def action_sign(self):
        self.check_access("write")
        self.ensure_one()
        line = self.attendance_id
        scan = None
        if self.scan:
            scan = self.env["ir.attachment"].create(
                {
                    "name": self.scan_name
                    or self.env._(
                        "Signed page %(name)s %(ref)s",
                        name=line.name,
                        ref=line.meeting_id.reference,
                    ),
                    "datas": self.scan,
                    "res_model": "hoa.meeting",
                    "res_id": line.meeting_id.id,
                }
            )
        line._sign_on_paper(scan=scan)
        return {"type": "ir.actions.act_window_close"}
