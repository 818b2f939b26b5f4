from odoo import models

from ..tools.selection import selection_label


class MailMail(models.Model):
    """What the mail server answers for an email that serves a document to
    a committee member is its proof of service: accepted, or failed."""

    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        Dispatch = self.env["hoa.dispatch"].sudo()
        dispatches = Dispatch.search(
            [
                ("channel", "=", "email"),
                ("state", "=", "sent"),
                "|",
                ("mail_id", "in", self.ids),
                "&",
                ("mail_id", "=", False),
                ("mail_message_id", "in", self.mail_message_id.ids),
            ]
        )
        dispatches = dispatches.filtered(
            lambda d: (
                d.mail_id in self
                or d.partner_id
                in self.filtered(
                    lambda m: m.mail_message_id == d.mail_message_id
                ).recipient_ids
            )
        )
        services = (
            self.env["hoa.service"]
            .sudo()
            .search(
                [
                    ("mail_id", "in", self.ids),
                    ("id", "not in", dispatches.service_id.ids),
                ]
            )
        )
        reason = False
        if failure_type:
            label = selection_label(self, "failure_type", failure_type)
            reason = self.env._(
                "The mail server did not take the email: %(reason)s",
                reason=failure_reason or label,
            )
        # the mail server answers per recipient of a notification (Odoo
        # gives the partners it reached, as records)
        reached = {getattr(p, "id", p) for p in success_pids or ()}
        taken = dispatches.filtered(
            lambda d: (
                not failure_type
                and (d.mail_id or not success_pids or d.partner_id.id in reached)
            )
        )
        for dispatch in dispatches:
            if not dispatch.mail_id:
                dispatch._set_state(
                    {
                        "mail_id": self.filtered(
                            lambda m, d=dispatch: m.mail_message_id == d.mail_message_id
                        )[:1].id
                    }
                )
        taken._hoa_delivered()
        (dispatches - taken)._hoa_failed(
            reason or self.env._("The mail server did not take the email.")
        )
        if services:
            if failure_type:
                services._hoa_fail(reason)
            else:
                services._hoa_accept()
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
