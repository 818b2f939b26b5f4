from odoo import api, models


class MailMessage(models.Model):
    """The chatter of what is exchanged with the committee is part of its
    archive: its messages are never deleted (see
    :meth:`hoa.archive.mixin._check_frozen`)."""

    _inherit = "mail.message"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        for model_name, messages in (
            self.sudo().filtered("res_id").grouped("model").items()
        ):
            model = self.env.get(model_name) if model_name else None
            if model is not None and isinstance(model, self.pool["hoa.archive.mixin"]):
                model.browse(messages.mapped("res_id"))._check_frozen("message")
