"""A report is delivered only on evidence that it reached the committee.

Reports recorded as delivered before this version keep what they had as
proof of service: a member's confirmation in the portal, or a signed receipt
with its scan (the matter's old ``receipt_scan`` field), each becomes a
``hoa.service`` row of the report. A report recorded as delivered without
either was sent, not delivered: it goes back to *sent* (its deadline runs
again) until its receipt is recorded. Its recorded date stays as the day it
was sent; it is sealed and is not rewritten."""

import logging

from psycopg2.extras import Json

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    _one_line_reply_headers(env)
    Service = env["hoa.service"].with_context(tracking_disable=True)
    cr.execute(
        """
        SELECT m.id, a.id
          FROM hoa_matter m
          LEFT JOIN ir_attachment a
                 ON a.res_model = 'hoa.matter' AND a.res_id = m.id
                AND a.res_field = 'receipt_scan'
         WHERE m.state = 'delivered'
        """
    )
    scans = dict(cr.fetchall())
    matters = env["hoa.matter"].browse(list(scans)).exists()
    to_sent = env["hoa.matter"]
    for matter in matters:
        if matter.service_ids:
            continue
        scan = env["ir.attachment"].browse(scans[matter.id]).exists()
        base = {
            "res_model": matter._name,
            "res_id": matter.id,
            "document": "report",
            "committee_id": matter.committee_id.id,
            "community_id": matter.community_id.id,
            "company_id": matter.company_id.id,
        }
        if matter.receipt_partner_id and matter.receipt_date:
            Service._create_in_state(
                [
                    dict(
                        base,
                        partner_id=matter.receipt_partner_id.id,
                        channel="portal",
                        state="confirmed",
                        confirmed_at=matter.receipt_date,
                        served_date=matter.company_id._hoa_date(matter.receipt_date),
                    )
                ]
            )
        elif scan and matter.receipt_signed_by and matter.delivered_date:
            partner = (
                matter.committee_id.contact_partner_id
                or matter.committee_id.member_ids.filtered("active")[:1].partner_id
            )
            if not partner:
                to_sent |= matter
                continue
            # the scan is no longer a field of the report: it is the receipt's
            cr.execute(
                "UPDATE ir_attachment SET res_field = NULL WHERE id = %s", [scan.id]
            )
            Service._create_in_state(
                [
                    dict(
                        base,
                        partner_id=partner.id,
                        channel="paper",
                        state="received",
                        receipt_signed_by=matter.receipt_signed_by,
                        receipt_date=matter.delivered_date,
                        receipt_attachment_id=scan.id,
                        served_date=matter.delivered_date,
                    )
                ]
            )
        else:
            to_sent |= matter
    if to_sent:
        # state and the day sent are not sealed: the seal stays valid
        cr.execute(
            """
            UPDATE hoa_matter SET state = 'sent', sent_date = delivered_date
             WHERE id = ANY(%s)
            """,
            [to_sent.ids],
        )
        to_sent.invalidate_recordset()
        to_sent.modified(["state"])
        env.flush_all()
    _logger.info(
        "Reports: %s delivered on evidence kept, %s back to sent (no evidence)",
        len(matters) - len(to_sent),
        len(to_sent),
    )
    # every other report sent before today: its letter's date
    cr.execute(
        """
        UPDATE hoa_matter SET sent_date = delivered_date
         WHERE sent_date IS NULL AND delivered_date IS NOT NULL
        """
    )


def _one_line_reply_headers(env):
    """The reply letter is now emailed at once when the inquiry is answered:
    its subject and sender (a ``noupdate`` template) are kept on one line,
    as a mail header must be."""
    template = env.ref("hoa_committee.mail_template_inquiry_reply", False)
    if not template:
        return
    env.cr.execute(
        "SELECT subject, email_from FROM mail_template WHERE id = %s", [template.id]
    )
    subject, email_from = env.cr.fetchone()
    env.cr.execute(
        "UPDATE mail_template SET subject = %s, email_from = %s WHERE id = %s",
        [
            Json(
                {
                    lang: " ".join(value.split())
                    for lang, value in (subject or {}).items()
                }
            ),
            " ".join((email_from or "").split()) or None,
            template.id,
        ],
    )
    template.invalidate_recordset(["subject", "email_from"])
