from odoo import models


class MailAlias(models.Model):
    _inherit = "mail.alias"

    def _get_alias_bounced_body_fallback(self, message_dict):
        """An estate's address answers a sender it does not take inquiries
        from politely, in the words of ``mail_template_inquiry_mail_refused``
        (an administrator's own bounce text on the alias still wins)."""
        community = self._hoa_community()
        if not community:
            return super()._get_alias_bounced_body_fallback(message_dict)
        template = self.env.ref(
            "hoa_committee.mail_template_inquiry_mail_refused", raise_if_not_found=False
        )
        if not template:
            return super()._get_alias_bounced_body_fallback(message_dict)
        # the author's language if Odoo knows them, else the company's
        lang = self.env.context.get("lang") if message_dict.get("author_id") else None
        lang = lang or community.company_id.partner_id.lang or template.lang
        return template.sudo()._render_field("body_html", community.ids, set_lang=lang)[
            community.id
        ]

    def _hoa_community(self):
        self.ensure_one()
        if self.alias_parent_model_id.model != "hoa.community":
            return self.env["hoa.community"]
        return (
            self.env["hoa.community"]
            .sudo()
            .browse(self.alias_parent_thread_id)
            .exists()
        )
