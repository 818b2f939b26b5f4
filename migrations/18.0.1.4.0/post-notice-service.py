"""Meeting notices emailed before proof of service existed: each email kept
on the meeting (the table of the former ``notice_mail_ids``) becomes the
proof of service of its recipient — accepted by the mail server when it was
sent, failed when it was not. Members who got no email have no proof: their
notice shows as not served, as it was."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute("SELECT to_regclass('hoa_meeting_notice_mail_rel')")
    if not cr.fetchone()[0]:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute("SELECT meeting_id, mail_id FROM hoa_meeting_notice_mail_rel")
    links = cr.fetchall()
    Service = env["hoa.service"]
    values = []
    for meeting_id, mail_id in links:
        meeting = env["hoa.meeting"].browse(meeting_id).exists()
        mail = env["mail.mail"].browse(mail_id).exists()
        if not (meeting and mail):
            continue
        company = meeting.company_id
        moment = mail.write_date or mail.create_date
        for partner in mail.recipient_ids:
            row = {
                "res_model": "hoa.meeting",
                "res_id": meeting.id,
                "document": "meeting_notice",
                "partner_id": partner.id,
                "channel": "email",
                "sent_at": mail.create_date,
                "mail_id": mail.id,
                "message_id": mail.message_id,
                "mail_message_id": mail.mail_message_id.id,
                "committee_id": meeting.committee_id.id,
                "community_id": meeting.community_id.id,
                "company_id": company.id,
            }
            if mail.state == "sent":
                row.update(
                    state="accepted",
                    accepted_at=moment,
                    served_date=company._hoa_date(moment),
                )
            elif mail.state in ("exception", "cancel"):
                row.update(state="failed", failure_reason=mail.failure_reason or "-")
            else:
                row.update(state="sent")
            values.append(row)
    if values:
        Service._create_in_state(values)
