from odoo import api, fields, models


class HoaExportLog(models.Model):
    """Who took owners' data out of the system (个人信息保护法): one line per
    export of partners or units through the web client, and per register
    printed as a spreadsheet that names owners. Written by the system only;
    nobody edits or deletes a line."""

    _name = "hoa.export.log"
    _description = "Owner Data Export Log"
    _order = "create_date desc, id desc"
    _rec_name = "res_model"

    user_id = fields.Many2one(
        "res.users", string="Exported By", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True)
    record_count = fields.Integer(string="Records", readonly=True)
    field_names = fields.Text(string="Fields", readonly=True)
    channel = fields.Selection(
        [("export", "Web Client Export"), ("xlsx", "Spreadsheet Register")],
        required=True,
        readonly=True,
    )

    @api.model
    def _hoa_log_export(self, records, fields_to_export):
        """Record an export of ``records`` through the web client."""
        return self._hoa_log(
            records._name,
            len(records),
            [name.replace("/", ".") for name in fields_to_export],
        )

    @api.model
    def _hoa_log(self, model, count, field_names, channel="export"):
        """Record that the current user exported ``count`` records of
        ``model`` with ``field_names``."""
        return self.sudo().create(
            {
                "user_id": self.env.uid,
                "company_id": self.env.company.id,
                "res_model": model,
                "record_count": count,
                "field_names": ", ".join(field_names),
                "channel": channel,
            }
        )
