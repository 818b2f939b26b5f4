from odoo import api, models

#: what makes a file what it is: its content, name and the record it belongs to
CONTENT_FIELDS = frozenset(
    {
        "datas",
        "raw",
        "db_datas",
        "store_fname",
        "url",
        "type",
        "name",
        "res_model",
        "res_id",
        "res_field",
    }
)


class IrAttachment(models.Model):
    """The files of a meeting (materials, notice, scans of signed pages, the
    archived minutes) are covered by the signatures: once anyone has signed,
    they are neither replaced nor deleted. New files may still be added."""

    _inherit = "ir.attachment"

    def _check_signed_meeting_files(self):
        meeting_ids = {
            attachment.res_id
            for attachment in self.sudo()
            if attachment.res_model == "hoa.meeting" and attachment.res_id
        }
        if meeting_ids:
            self.env["hoa.meeting"].browse(
                meeting_ids
            ).sudo().exists()._check_signed_update()

    def write(self, vals):
        if set(vals) & CONTENT_FIELDS:
            self._check_signed_meeting_files()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_meeting(self):
        self._check_signed_meeting_files()
