import re

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.access import check_admin
from ..providers import ProviderError, get_sms_provider

#: a mainland mobile number, with or without +86, spaces and dashes
MOBILE_RE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")


class HoaSmsTestWizard(models.TransientModel):
    """An administrator sends one SMS through the company's provider, to
    check the keys, the signature name and a template code."""

    _name = "hoa.sms.test.wizard"
    _description = "Send a Test SMS"
    _inherit = ["hoa.input.mixin"]

    phone = fields.Char(string="Mobile Number", required=True)
    template_code = fields.Char(
        required=True,
        help="An approved template of the provider, e.g. SMS_123456789 (Aliyun) "
        "or 1234567 (Tencent Cloud).",
    )
    params = fields.Char(
        string="Parameters",
        help="The template's parameters as name=value, separated by commas; "
        "empty for a template without parameters.",
    )

    def _hoa_params(self):
        params = []
        for item in (self.params or "").replace("，", ",").split(","):
            if not item.strip():
                continue
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise UserError(
                    self.env._(
                        "Write each parameter as name=value, separated by commas."
                    )
                )
            params.append((name.strip(), value.strip()))
        return params

    def action_send(self):
        check_admin(self.env)
        self.ensure_one()
        number = re.sub(r"[\s\-()]", "", self.phone or "")
        match = MOBILE_RE.match(number)
        if not match:
            raise UserError(
                self.env._(
                    "%(phone)s is not a mainland mobile number (11 digits starting "
                    "with 1).",
                    phone=self.phone,
                )
            )
        phone = f"+86{match.group(1)}"
        sms = get_sms_provider(self.env.company)
        if sms is None:
            raise UserError(
                self.env._(
                    "No SMS provider is configured: choose a provider and fill in "
                    "its keys and signature name, then save."
                )
            )
        try:
            message_id = sms.send(phone, self.template_code.strip(), self._hoa_params())
        except ProviderError as e:
            raise UserError(
                self.env._(
                    "The provider refused the test SMS: %(reason)s", reason=e.reason
                )
            ) from e
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Test SMS sent"),
                "message": self.env._(
                    "The provider accepted the SMS to %(phone)s (message id %(id)s).",
                    phone=phone,
                    id=message_id,
                ),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
