import logging

from odoo import api, fields, models

from ..providers import ProviderError, get_sms_provider, wecom
from ..rules.backoff import next_attempt_delay
from ..rules.contact_channels import provider_phone
from ..tools.cron_lock import commit_job, single_run
from ..tools.selection import selection_labels

_logger = logging.getLogger(__name__)

#: what a dispatch became, as evidence of service, per channel
DELIVERED_EVIDENCE = {"email": "accepted", "sms": "delivered", "wecom": "delivered"}


class HoaDispatch(models.Model):
    """发送记录: one message sent on one channel (email, SMS, WeCom, the
    committee's WeCom group) to one recipient, with what the provider said:
    queued, sent, delivered (the provider's word only) or failed with its
    reason. SMS and WeCom messages are sent by a scheduled job, never inside
    a web request, and retried with back-off. What was sent is evidence and
    is never changed by hand."""

    _name = "hoa.dispatch"
    _description = "Dispatch"
    _inherit = ["hoa.archive.mixin", "hoa.state.guard.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _state_guard_fields = (
        "state",
        "failure_reason",
        "attempt_count",
        "next_attempt_at",
        "sent_at",
        "delivered_at",
        "provider",
        "provider_message_id",
        "mail_id",
    )

    name = fields.Char(compute="_compute_name")
    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True
    )
    record_name = fields.Char(
        string="Document", compute="_compute_record_name", compute_sudo=True
    )
    service_id = fields.Many2one(
        "hoa.service", string="Proof of Service", index=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Recipient", index=True, ondelete="restrict"
    )
    committee_id = fields.Many2one("hoa.committee", index=True, ondelete="restrict")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    channel_line_id = fields.Many2one("hoa.contact.channel", ondelete="set null")
    channel = fields.Selection(
        [
            ("email", "Email"),
            ("sms", "SMS"),
            ("wecom", "WeCom"),
            ("wecom_group", "WeCom Group"),
        ],
        string="Sending Channel",
        required=True,
        index=True,
    )
    address = fields.Char(readonly=True)
    template_id = fields.Many2one("mail.template", ondelete="set null", readonly=True)
    provider = fields.Selection(
        [
            ("aliyun", "Aliyun SMS"),
            ("tencent", "Tencent Cloud SMS"),
            ("wecom", "WeCom"),
            ("mail", "Mail Server"),
        ],
        readonly=True,
    )
    provider_message_id = fields.Char(
        string="Provider Message ID", index="btree_not_null", readonly=True
    )
    mail_id = fields.Many2one("mail.mail", string="Email", ondelete="set null")
    mail_message_id = fields.Many2one(
        "mail.message", string="Message", ondelete="set null", readonly=True
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("failed", "Failed"),
        ],
        required=True,
        default="queued",
        readonly=True,
        index=True,
    )
    failure_reason = fields.Char(readonly=True)
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    next_attempt_at = fields.Datetime(string="Next Attempt", readonly=True)
    sent_at = fields.Datetime(string="Sent On", readonly=True)
    delivered_at = fields.Datetime(string="Delivered On", readonly=True)
    body = fields.Text(string="Text Sent", readonly=True)
    sms_params = fields.Json(string="SMS Parameters", readonly=True)

    @api.depends("channel", "partner_id.name", "committee_id.name")
    def _compute_name(self):
        labels = selection_labels(self, "channel")
        for dispatch in self:
            who = dispatch.partner_id.name or dispatch.committee_id.name
            dispatch.name = " - ".join(
                part for part in (labels.get(dispatch.channel), who) if part
            )

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for dispatch in self:
            record = dispatch._hoa_record()
            dispatch.record_name = record.display_name if record else False

    def _frozen_reason(self):
        if self._in_flow():
            return False
        return self.env._(
            "%(name)s records what was sent: it is never changed by hand.",
            name=self.display_name,
        )

    def _hoa_record(self):
        """The record the message is about (sudoed), or an empty recordset."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            return self.env["mail.thread"]
        return self.env[self.res_model].sudo().browse(self.res_id).exists()

    # ------------------------------------------------------------------
    # Providers
    # ------------------------------------------------------------------

    @api.model
    def _hoa_sms_provider(self, company):
        """The company's SMS provider, or ``None`` when none is configured."""
        return get_sms_provider(company.sudo())

    @api.model
    def _hoa_wecom_configured(self, company):
        return wecom.is_configured(company.sudo())

    # ------------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------------

    @api.model
    def _hoa_content(self, channel, template, record, lang):
        """What goes by ``channel``: ``(body, sms_params)`` — the approved
        template's parameters for SMS, the short text for WeCom."""
        if not template:
            return record.display_name, None
        short = template.sudo()._hoa_render_short([record.id], lang=lang)[record.id]
        text = short["text"]
        if not text:
            text = (
                template.sudo()
                .with_context(lang=lang)
                ._render_field("subject", [record.id])[record.id]
                or record.display_name
            )
        if channel == "sms":
            params = [list(pair) for pair in short["params"]]
            body = "\n".join(f"{name}: {value}" for name, value in params)
            return body or text, params
        return text, None

    @api.model
    def _hoa_queue(self, record, channel, address, template, partner=None, **vals):
        """A message about ``record`` to ``partner`` by SMS, WeCom or the
        WeCom group, queued for the sending job (started at once)."""
        company = (
            "company_id" in record._fields and record.company_id
        ) or self.env.company
        lang = (partner and partner.lang) or company.partner_id.lang
        body, params = self._hoa_content(channel, template, record, lang)
        dispatch = (
            self.sudo()
            ._create_in_state(
                [
                    dict(
                        vals,
                        res_model=record._name,
                        res_id=record.id,
                        partner_id=partner.id if partner else False,
                        company_id=company.id,
                        channel=channel,
                        address=address,
                        template_id=template.id if template else False,
                        body=body,
                        sms_params=params,
                        state="queued",
                    )
                ]
            )
            .sudo()
        )
        if channel == "sms" and not (template and template.hoa_sms_code):
            # the template's fault, not the member's number: the line stands
            dispatch._hoa_failed(
                self.env._(
                    "The message template %(template)s has no SMS template code.",
                    template=template.name if template else "-",
                ),
                line_fault=False,
            )
        else:
            self.env.ref("hoa_committee.ir_cron_hoa_dispatch").sudo()._trigger()
        return dispatch

    @api.model
    def _hoa_email(self, record, partner, address, template, **vals):
        """The row of an email handed to the mail server now."""
        return (
            self.sudo()
            ._create_in_state(
                [
                    dict(
                        vals,
                        res_model=record._name,
                        res_id=record.id,
                        partner_id=partner.id,
                        company_id=(
                            "company_id" in record._fields and record.company_id.id
                        )
                        or self.env.company.id,
                        channel="email",
                        address=address,
                        template_id=template.id if template else False,
                        provider="mail",
                        state="sent",
                        sent_at=fields.Datetime.now(),
                        attempt_count=1,
                    )
                ]
            )
            .sudo()
        )

    # ------------------------------------------------------------------
    # Sending (the scheduled job)
    # ------------------------------------------------------------------

    @api.model
    @single_run
    def _cron_send(self, batch=50):
        """Send the queued SMS and WeCom messages that are due, a batch per
        run, each in its own transaction; asks for another run when more
        are due. Idempotent: a message is sent only while it is queued."""
        now = fields.Datetime.now()
        domain = [
            ("state", "=", "queued"),
            ("channel", "in", ("sms", "wecom", "wecom_group")),
            "|",
            ("next_attempt_at", "=", False),
            ("next_attempt_at", "<=", now),
        ]
        dispatches = self.sudo().search(domain, order="id", limit=batch)
        for dispatch in dispatches:
            dispatch._hoa_send()
            if not commit_job(self.env):
                return False
        if self.sudo().search_count(domain, limit=1):
            self.env.ref("hoa_committee.ir_cron_hoa_dispatch").sudo()._trigger()
        return True

    def _hoa_send(self):
        """Hand this queued message to its provider once."""
        self.ensure_one()
        dispatch = self.sudo()
        if dispatch.state != "queued":
            return
        company = dispatch.company_id
        attempts = dispatch.attempt_count + 1
        now = fields.Datetime.now()
        try:
            if dispatch.channel == "sms":
                sms = self._hoa_sms_provider(company)
                if not sms:
                    raise ProviderError(self.env._("No SMS provider is configured."))
                message_id = sms.send(
                    provider_phone(dispatch.address),
                    dispatch.template_id.hoa_sms_code,
                    [tuple(pair) for pair in dispatch.sms_params or []],
                )
                dispatch._set_state(
                    {
                        "state": "sent",
                        "sent_at": now,
                        "attempt_count": attempts,
                        "next_attempt_at": False,
                        "failure_reason": False,
                        "provider": company.sudo().hoa_sms_provider,
                        "provider_message_id": message_id,
                    }
                )
                dispatch.channel_line_id._hoa_record_outcome(True, at=now)
                dispatch.service_id._hoa_progress("sent", {"sent_at": now})
                return
            if dispatch.channel == "wecom":
                if not self._hoa_wecom_configured(company):
                    raise ProviderError(
                        self.env._("The company's WeCom application is not set up.")
                    )
                errors = wecom.send_app(
                    company.sudo(), [dispatch.address], dispatch.body
                )
                error = errors.get(dispatch.address)
                if error:
                    # WeCom names the users it did not take
                    raise ProviderError(error, address_fault=True)
                message_id = ""
            else:
                message_id = wecom.send_group(dispatch.address, dispatch.body)
            dispatch._set_state(
                {
                    "sent_at": now,
                    "attempt_count": attempts,
                    "next_attempt_at": False,
                    "failure_reason": False,
                    "provider": "wecom",
                    "provider_message_id": message_id or False,
                }
            )
            dispatch._hoa_delivered(now)
        except ProviderError as error:
            dispatch._hoa_attempt_failed(
                attempts, error.reason, error.transient, error.address_fault
            )
        except Exception as error:
            _logger.exception("Dispatch %s could not be sent", dispatch.id)
            dispatch._hoa_attempt_failed(attempts, str(error) or repr(error), True)

    def _hoa_attempt_failed(self, attempts, reason, transient, address_fault=False):
        """The provider refused or could not be reached: try again later
        when it may succeed, else the message failed. The person's channel
        is marked failing only when the address is at fault (not the
        company's keys, template or network)."""
        self.ensure_one()
        delay = next_attempt_delay(attempts) if transient else None
        if delay:
            self._set_state(
                {
                    "attempt_count": attempts,
                    "next_attempt_at": fields.Datetime.now() + delay,
                    "failure_reason": reason,
                }
            )
            return
        if transient:
            reason = self.env._(
                "Gave up after %(count)s attempts: %(reason)s",
                count=attempts,
                reason=reason,
            )
        self._set_state({"attempt_count": attempts, "next_attempt_at": False})
        self._hoa_failed(reason, line_fault=address_fault)

    # ------------------------------------------------------------------
    # Outcomes
    # ------------------------------------------------------------------

    def _hoa_delivered(self, at=None):
        """The provider says the message arrived (a delivery receipt, WeCom's
        answer, the mail server's acceptance)."""
        at = at or fields.Datetime.now()
        rows = self.sudo().filtered(lambda d: d.state in ("queued", "sent"))
        for dispatch in rows:
            dispatch._set_state({"state": "delivered", "delivered_at": at})
            dispatch.channel_line_id._hoa_record_outcome(True, at=at)
            service = dispatch.service_id
            if service and dispatch.channel == "email":
                service._hoa_accept()
            elif service:
                service._hoa_progress(
                    "delivered",
                    {
                        "delivered_at": at,
                        "sent_at": service.sent_at or dispatch.sent_at,
                    },
                )
        return rows

    def _hoa_email_outcome(self):
        """Emails of a notification that the mail server answered before
        their rows existed (Odoo sends a few at once, inside the post): what
        the message's notification says of each recipient."""
        emails = self.sudo().filtered(
            lambda d: d.channel == "email" and d.state == "sent" and d.mail_message_id
        )
        if not emails:
            return
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "in", emails.mail_message_id.ids),
                    ("res_partner_id", "in", emails.partner_id.ids),
                    ("notification_type", "=", "email"),
                ]
            )
        )
        status = {(n.mail_message_id.id, n.res_partner_id.id): n for n in notifications}
        for dispatch in emails:
            notification = status.get(
                (dispatch.mail_message_id.id, dispatch.partner_id.id)
            )
            if not notification:
                continue
            if notification.notification_status == "sent":
                dispatch._hoa_delivered()
            elif notification.notification_status in ("bounce", "exception"):
                # in the company's language, as the record's notes are
                company = dispatch.company_id or self.env.company
                env = self.with_context(lang=company.partner_id.lang).env
                labels = selection_labels(notification, "failure_type", env)
                dispatch._hoa_failed(
                    env._(
                        "The mail server did not take the email: %(reason)s",
                        reason=labels.get(notification.failure_type)
                        or notification.failure_reason
                        or env._("no reason given"),
                    )
                )

    def _hoa_failed(self, reason, line_fault=True):
        """The message did not arrive: the next channel of the recipient is
        tried; after the last, the head is told. The channel line records
        the failure unless it was not the channel's fault (``line_fault``)."""
        rows = self.sudo().filtered(
            lambda d: (
                d.state != "failed" and (d.state != "delivered" or d.channel == "email")
            )
        )
        now = fields.Datetime.now()
        for dispatch in rows:
            dispatch._set_state(
                {"state": "failed", "failure_reason": reason, "next_attempt_at": False}
            )
            if line_fault:
                dispatch.channel_line_id._hoa_record_outcome(False, reason, at=now)
        for dispatch in rows:
            dispatch._hoa_fall_back(reason)
        return rows

    def _hoa_tried(self):
        """The (channel, address) already tried for this message."""
        self.ensure_one()
        domain = [
            ("res_model", "=", self.res_model),
            ("res_id", "=", self.res_id),
            ("partner_id", "=", self.partner_id.id),
            ("template_id", "=", self.template_id.id),
        ]
        if self.service_id:
            domain.append(("service_id.document", "=", self.service_id.document))
        return {(d.channel, d.address or False) for d in self.sudo().search(domain)}

    def _hoa_next_channel(self):
        """The recipient's next working electronic channel not tried yet for
        this message, or ``None``."""
        self.ensure_one()
        if not self.partner_id:
            return None
        tried = self._hoa_tried()
        for channel in self.partner_id._hoa_channels(self.company_id):
            if (
                channel.kind in DELIVERED_EVIDENCE
                and (
                    channel.kind,
                    channel.address or False,
                )
                not in tried
            ):
                return channel
        return None

    def _hoa_fall_back(self, reason):
        self.ensure_one()
        record = self._hoa_record()
        if (
            not record
            or self.channel == "wecom_group"
            or not isinstance(record, self.pool["mail.thread"])
        ):
            # the group, or a message about a record without a chatter (an
            # owner's account): its failure stands on 发送记录
            return
        channel = self._hoa_next_channel()
        if self.service_id:
            service = self.service_id
            if channel:
                service.with_context(hoa_serving=True)._hoa_fail(reason)
                record._hoa_serve_by(service, channel)
            else:
                service._hoa_fail(reason)
            return
        if channel:
            record._hoa_notify_by(self.template_id, self.partner_id, channel)
        else:
            record._hoa_notify_alert(self.partner_id, reason)

    # ------------------------------------------------------------------
    # Delivery receipts
    # ------------------------------------------------------------------

    @api.model
    def _hoa_receipts(self, company, provider, receipts):
        """Apply the provider's delivery receipts (``Receipt`` objects of
        ``providers``) to the company's SMS messages they name."""
        done = self.browse()
        for receipt in receipts:
            dispatch = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("channel", "=", "sms"),
                    ("provider", "=", provider),
                    ("provider_message_id", "=", receipt.message_id),
                ],
                limit=1,
            )
            if not dispatch:
                continue
            at = receipt.at.replace(tzinfo=None) if receipt.at else None
            if receipt.delivered:
                done |= dispatch._hoa_delivered(at)
            else:
                done |= dispatch._hoa_failed(
                    self.env._(
                        "The provider could not deliver it: %(reason)s",
                        reason=receipt.reason or "-",
                    )
                )
        return done
