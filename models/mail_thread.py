from odoo import api, models
from odoo.exceptions import AccessError


class MailThread(models.AbstractModel):
    """The mail API of the addon's portal pages (``hoa.portal.mixin``), as
    a portal user calls it over RPC: a comment to the record's followers,
    never a notification to anyone they pick. Hooked here, because
    ``mail.thread`` comes before the mixin in those models' inheritance."""

    _inherit = "mail.thread"

    def _hoa_portal_page(self):
        return isinstance(self, self.pool["hoa.portal.mixin"])

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        if self._hoa_portal_page() and self._portal_post_guarded():
            kwargs = self._portal_post_values(kwargs)
        return super().message_post(**kwargs)

    @api.returns("mail.message", lambda value: value.id)
    def message_notify(self, **kwargs):
        if self._hoa_portal_page() and self._portal_post_guarded():
            raise AccessError(
                self.env._("You cannot send notifications from this page.")
            )
        return super().message_notify(**kwargs)

    def _hoa_notify(self, template, partners):
        """Tell ``partners`` about each of these records with ``template``
        (a ``mail.template`` of the addon): the one way the addon sends a
        message that is not a served document. Baseline: a comment rendered
        from the template in the company's language, emailed to them.

        :return: the posted messages
        """
        messages = self.env["mail.message"]
        for record in self:
            lang = record.env.company.partner_id.lang or record.env.lang
            if "company_id" in record._fields and record.company_id:
                lang = record.company_id.partner_id.lang or lang
            messages |= record.with_context(lang=lang).message_post_with_source(
                template,
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return messages

    def _check_can_update_message_content(self, messages):
        """What was exchanged with the committee is never rewritten: not even
        its author edits or deletes a message on an archived record."""
        if isinstance(self, self.pool["hoa.archive.mixin"]):
            self._check_frozen("message")
        return super()._check_can_update_message_content(messages)

    @api.model
    def _routing_handle_bounce(self, email_message, message_dict):
        """An email that served a document and bounced did not serve it,
        whatever the mail server said when it took it."""
        result = super()._routing_handle_bounce(email_message, message_dict)
        msg_ids = message_dict.get("bounced_msg_ids") or []
        message = message_dict.get("bounced_message") or self.env["mail.message"]
        if msg_ids or message:
            services = (
                self.env["hoa.service"]
                .sudo()
                .search(
                    [
                        ("channel", "=", "email"),
                        "|",
                        ("message_id", "in", list(msg_ids)),
                        ("mail_message_id", "in", message.ids),
                    ]
                )
            )
            partners = message_dict.get("bounced_partner")
            if partners:
                services = services.filtered(lambda s: s.partner_id in partners)
            services._hoa_fail(
                self.env._(
                    "The email bounced: %(email)s",
                    email=message_dict.get("bounced_email") or "-",
                )
            )
        return result

    def unlink(self):
        # before the chatter goes: the refusal names the record, not a message
        if isinstance(self, self.pool["hoa.archive.mixin"]):
            self._check_frozen("unlink")
        return super().unlink()
