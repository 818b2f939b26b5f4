from odoo import models


class MailMail(models.Model):
    """A meeting notice that fails to go out is reported on its meeting."""

    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        if failure_type:
            meetings = (
                self.env["hoa.meeting"]
                .sudo()
                .search([("notice_mail_ids", "in", self.ids)])
            )
            meetings._notice_undelivered_activity()
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
