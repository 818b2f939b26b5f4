from odoo import models


class MailMail(models.Model):
    """What the mail server answers for an email that serves a document to
    a committee member is its proof of service: accepted, or failed."""

    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        services = self.env["hoa.service"].sudo().search([("mail_id", "in", self.ids)])
        if services:
            if failure_type:
                label = dict(
                    self._fields["failure_type"]._description_selection(self.env)
                ).get(failure_type, failure_type)
                services._hoa_fail(
                    self.env._(
                        "The mail server did not take the email: %(reason)s",
                        reason=failure_reason or label,
                    )
                )
            else:
                services._hoa_accept()
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
