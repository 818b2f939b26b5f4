from odoo import fields, models
from odoo.exceptions import UserError


class MailTemplate(models.Model):
    """A message of the addon goes by email (the template's subject and
    body), by SMS (the provider's approved template, named by its code, with
    the parameters rendered here) and by WeCom (the short text rendered
    here). All three are edited, translated and previewed on the template."""

    _inherit = "mail.template"

    hoa_sms_code = fields.Char(
        string="SMS Template Code",
        help="The code of the template approved by the SMS provider (Aliyun "
        "SMS_xxxxxxxx, or the Tencent Cloud template ID). Without it the "
        "message is not sent by SMS.",
    )
    hoa_sms_params = fields.Text(
        string="SMS Template Parameters",
        help="One line per parameter of the approved template, in its order: "
        "name: {{ expression }}. e.g. meeting: {{ object.name }}",
    )
    hoa_short_body = fields.Text(
        string="Short Text (SMS / WeCom)",
        translate=True,
        help="What the message says in a WeCom chat and what the SMS reads "
        "like; placeholders {{ expression }} as in the subject.",
    )

    def _hoa_render_short(self, res_ids, lang=None):
        """The SMS parameters and the short text of this template rendered
        on ``res_ids``, in ``lang`` (the template's language otherwise).

        :return: ``{res_id: {"params": [(name, value), ...], "text": str}}``
        """
        self.ensure_one()
        template = self.with_context(lang=lang) if lang else self
        lines = [
            line.partition(":")
            for line in (template.hoa_sms_params or "").splitlines()
            if line.strip()
        ]
        for name, colon, _value in lines:
            if not colon or not name.strip():
                raise UserError(
                    self.env._(
                        "Each SMS template parameter is written as "
                        "name: {{ expression }} (template %(template)s).",
                        template=self.name,
                    )
                )
        rendered_params = [
            template._render_template(value.strip(), self.model, res_ids)
            for _name, _colon, value in lines
        ]
        texts = template._render_field("hoa_short_body", res_ids)
        return {
            res_id: {
                "params": [
                    (name.strip(), (rendered[res_id] or "").strip())
                    for (name, _c, _v), rendered in zip(
                        lines, rendered_params, strict=True
                    )
                ],
                "text": (texts.get(res_id) or "").strip(),
            }
            for res_id in res_ids
        }
