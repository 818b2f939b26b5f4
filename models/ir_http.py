from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal's chatter (a record's history, the owner's messages
        and photos) is mail's: its words are translated in the portal too,
        as the website module would do."""
        return [*super()._get_translation_frontend_modules_name(), "mail"]
