from odoo import api, fields, models
from odoo.exceptions import UserError


class MailTemplatePreview(models.TransientModel):
    """The preview of a template also shows what goes by SMS (the approved
    template's parameters) and by WeCom (the short text), rendered on the
    chosen record in the chosen language."""

    _inherit = "mail.template.preview"

    hoa_sms_preview = fields.Text(
        string="SMS Parameters", compute="_compute_hoa_short_preview"
    )
    hoa_short_preview = fields.Text(
        string="Short Text (SMS / WeCom)", compute="_compute_hoa_short_preview"
    )

    @api.depends("mail_template_id")
    def _compute_resource_ref(self):
        # a preview opened without its template (it always comes from one)
        # has no record to offer, rather than an error
        orphans = self.filtered(lambda preview: not preview.mail_template_id.model)
        orphans.resource_ref = False
        return super(MailTemplatePreview, self - orphans)._compute_resource_ref()

    @api.depends("lang", "resource_ref", "mail_template_id")
    def _compute_hoa_short_preview(self):
        for preview in self:
            template = preview.mail_template_id
            record = preview.resource_ref
            preview.hoa_sms_preview = False
            preview.hoa_short_preview = False
            if (
                not record
                or not record.id
                or not (template.hoa_sms_params or template.hoa_short_body)
            ):
                continue
            try:
                rendered = template._hoa_render_short(
                    [record.id], lang=preview.lang or None
                )[record.id]
            except (ValueError, UserError) as error:
                preview.hoa_short_preview = error.args[0]
                continue
            if template.hoa_sms_code:
                lines = [template.hoa_sms_code] + [
                    f"{name}: {value}" for name, value in rendered["params"]
                ]
                preview.hoa_sms_preview = "\n".join(lines)
            preview.hoa_short_preview = rendered["text"]
