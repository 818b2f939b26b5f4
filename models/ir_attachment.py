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
    """The files of what is exchanged with the committee (materials, notices,
    scans of signed pages and receipts, the archived minutes) are part of its
    archive: they are never deleted, and once the record is sealed or signed
    they are neither replaced nor deleted. New files may still be added."""

    _inherit = "ir.attachment"

    def _archive_records(self):
        """The archived records these files belong to."""
        records = []
        by_model = (
            self.sudo()
            .filtered(lambda a: a.res_id and not a.res_field)
            .grouped("res_model")
        )
        for model_name, attachments in by_model.items():
            model = self.env.get(model_name) if model_name else None
            if model is not None and isinstance(model, self.pool["hoa.archive.mixin"]):
                records.append(model.browse(attachments.mapped("res_id")))
        return records

    def write(self, vals):
        if set(vals) & CONTENT_FIELDS:
            for records in self._archive_records():
                records._check_frozen("file")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        for records in self._archive_records():
            records._check_frozen("file")
