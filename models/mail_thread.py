from odoo import Command, api, models
from odoo.exceptions import AccessError

from ..rules.contact_channels import ELECTRONIC


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
        message that is not a served document. Each person gets it by their
        first working electronic channel in their preferred order — email
        (a comment rendered from the template in the company's language,
        emailed to them), SMS or WeCom (queued for the sending job) — and by
        the next one when it fails; the estate's manager gets an activity for
        those no channel reaches. One ``hoa.dispatch`` per person records it.

        :return: the posted messages
        """
        messages = self.env["mail.message"]
        for record in self:
            lang = record._hoa_notify_lang()
            plan = {}
            for partner in partners:
                plan[partner] = next(
                    (
                        c
                        for c in partner._hoa_channels(record._hoa_notify_company())
                        if c.kind in ELECTRONIC
                    ),
                    None,
                )
            emailed = self.env["res.partner"].concat(
                *(p for p, c in plan.items() if c and c.kind == "email")
            )
            message = record.with_context(lang=lang).message_post_with_source(
                template,
                partner_ids=emailed.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            messages |= message
            unreached = self.env["res.partner"]
            emails = self.env["hoa.dispatch"]
            for partner, channel in plan.items():
                if not channel:
                    unreached |= partner
                elif channel.kind == "email":
                    emails |= self.env["hoa.dispatch"]._hoa_email(
                        record,
                        partner,
                        channel.address,
                        template,
                        channel_line_id=channel.line.id,
                        mail_message_id=message.id,
                    )
                else:
                    record._hoa_notify_by(template, partner, channel)
            # the mail server may have answered already (sent at once)
            emails._hoa_email_outcome()
            if unreached:
                record._hoa_notify_alert(unreached)
        return messages

    def _hoa_notify_company(self):
        self.ensure_one()
        if "company_id" in self._fields and self.company_id:
            return self.company_id
        return self.env.company

    def _hoa_notify_lang(self):
        self.ensure_one()
        return self._hoa_notify_company().partner_id.lang or self.env.lang

    def _hoa_notify_by(self, template, partner, channel):
        """Send the message of ``template`` about this record to ``partner``
        by ``channel`` (a ``Channel`` of theirs): an email now, SMS or WeCom
        queued. Returns the ``hoa.dispatch``."""
        self.ensure_one()
        Dispatch = self.env["hoa.dispatch"].sudo()
        if channel.kind != "email":
            return Dispatch._hoa_queue(
                self,
                channel.kind,
                channel.address,
                template,
                partner=partner,
                channel_line_id=channel.line.id,
            )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .browse(
                template.with_context(
                    lang=partner.lang or self._hoa_notify_lang()
                ).send_mail(
                    self.id,
                    email_layout_xmlid="mail.mail_notification_light",
                    email_values={
                        "recipient_ids": [Command.link(partner.id)],
                        "auto_delete": False,
                    },
                )
            )
        )
        return Dispatch._hoa_email(
            self,
            partner,
            channel.address,
            template,
            channel_line_id=channel.line.id,
            mail_id=mail.id,
            mail_message_id=mail.mail_message_id.id,
            provider_message_id=mail.message_id,
        )

    def _hoa_notify_alert(self, partners, reason=None):
        """No channel reached ``partners`` (the last one failed with the
        provider's ``reason``, or they have none): one activity for the
        estate's manager on the record, in the manager's language (not twice
        while it is open)."""
        self.ensure_one()
        record = self.sudo()
        if not hasattr(record, "activity_schedule"):
            return
        community = "community_id" in record._fields and record.community_id
        user = (community and community.manager_id) or (
            "user_id" in record._fields and record.user_id
        )
        if not user:
            return
        user_env = record.with_context(lang=user.lang or self.env.lang).env
        summary = user_env._(
            "Message not delivered: %(names)s",
            names=", ".join(partners.mapped("name")),
        )
        reason = reason or user_env._("No email, mobile or WeCom to send it by.")
        if record.activity_ids.filtered(
            lambda a: a.summary == summary and a.user_id == user
        ):
            return
        record.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=record._hoa_notify_company()._hoa_today(),
            summary=summary,
            note=reason,
            user_id=user.id,
        )

    def _hoa_short_link(self):
        """A short link (link_tracker, ``/r/<code>``) to this record's portal
        page, for SMS texts; ``""`` when it has none."""
        if len(self) != 1 or not isinstance(self, self.pool["portal.mixin"]):
            return ""
        url = self.sudo().access_url
        if not url or url == "#":
            return ""
        tracker = (
            self.env["link.tracker"]
            .sudo()
            .search_or_create([{"url": self.get_base_url() + url}])
        )
        return tracker.short_url or ""

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
            reason = self.env._(
                "The email bounced: %(email)s",
                email=message_dict.get("bounced_email") or "-",
            )
            dispatches = (
                self.env["hoa.dispatch"]
                .sudo()
                .search(
                    [
                        ("channel", "=", "email"),
                        "|",
                        ("provider_message_id", "in", list(msg_ids)),
                        ("mail_message_id", "in", message.ids),
                    ]
                )
            )
            if partners:
                dispatches = dispatches.filtered(lambda d: d.partner_id in partners)
            dispatches._hoa_failed(reason)
            services.filtered(lambda s: s.state != "failed")._hoa_fail(reason)
        return result

    def unlink(self):
        # before the chatter goes: the refusal names the record, not a message
        if isinstance(self, self.pool["hoa.archive.mixin"]):
            # who may not even read it is not told what the record is
            self.check_access("read")
            self._check_frozen("unlink")
        return super().unlink()
