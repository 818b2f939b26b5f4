from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from ..tools.selection import selection_label, selection_labels

#: the states in which a row stands on evidence that the document arrived
SERVED_STATES = ("accepted", "delivered", "opened", "confirmed", "received")

#: evidence is never downgraded: a stronger one replaces a weaker one only
EVIDENCE_RANK = {
    "pending": 0,
    "failed": 0,
    "sent": 1,
    "accepted": 2,
    "delivered": 2,
    "opened": 3,
    "confirmed": 4,
    "received": 4,
}


class HoaService(models.Model):
    """送达记录: one document served to one committee member, how (email,
    portal, paper), when it was sent and the evidence that it arrived — the
    mail server's acceptance without a bounce, the member opening or
    confirming it in the portal, or a paper receipt signed by them with its
    scan.

    Rows are created by :meth:`HoaServiceMixin._hoa_serve` and move only
    through the methods below; what they record is evidence and is never
    deleted nor rewritten."""

    _name = "hoa.service"
    _description = "Proof of Service"
    _inherit = ["hoa.archive.mixin", "hoa.state.guard.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _state_guard_fields = (
        "state",
        "sent_at",
        "accepted_at",
        "delivered_at",
        "opened_at",
        "confirmed_at",
        "served_date",
        "failure_reason",
        "receipt_signed_by",
        "receipt_date",
        "receipt_attachment_id",
        "mail_id",
        "message_id",
        "mail_message_id",
    )

    name = fields.Char(compute="_compute_name", store=True)
    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True
    )
    document = fields.Selection(
        [
            ("meeting_notice", "Meeting Notice"),
            ("report", "Written Report"),
            ("reply_letter", "Reply Letter"),
            ("publication", "Published Document"),
            ("vote_notice", "Voting Notice"),
            ("vote_reminder", "Voting Reminder"),
            ("vote_result", "Result Announcement"),
        ],
        string="Served Document",
        required=True,
    )
    document_name = fields.Char(
        string="Document", compute="_compute_document_name", compute_sudo=True
    )
    committee_id = fields.Many2one("hoa.committee", index=True, ondelete="restrict")
    community_id = fields.Many2one(
        "hoa.community", string="Estate", index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        required=True,
        index=True,
        ondelete="restrict",
    )
    channel = fields.Selection(
        [
            ("email", "Email"),
            ("sms", "SMS"),
            ("wecom", "WeCom"),
            ("portal", "Portal"),
            ("paper", "Paper"),
        ],
        string="Served By",
        required=True,
    )
    template_id = fields.Many2one(
        "mail.template", string="Email Template", ondelete="set null"
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "hoa_service_attachment_rel",
        "service_id",
        "attachment_id",
        string="Documents Served",
    )
    sent_at = fields.Datetime(string="Sent On", readonly=True)
    mail_id = fields.Many2one("mail.mail", string="Email", ondelete="set null")
    message_id = fields.Char(
        string="Message-Id",
        index="btree_not_null",
        readonly=True,
        help="The email's Message-Id, by which a bounce is matched.",
    )
    mail_message_id = fields.Many2one(
        "mail.message", string="Message", ondelete="set null", readonly=True
    )
    state = fields.Selection(
        [
            ("pending", "To Serve"),
            ("sent", "Sent"),
            ("accepted", "Accepted by the Mail Server"),
            ("delivered", "Delivered to the Phone / WeCom"),
            ("opened", "Opened in the Portal"),
            ("confirmed", "Confirmed in the Portal"),
            ("received", "Paper Receipt Signed"),
            ("failed", "Not Delivered"),
        ],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    served = fields.Boolean(compute="_compute_served", store=True, index=True)
    superseded = fields.Boolean(
        compute="_compute_superseded",
        help="A later row serves the same document to the same member (by "
        "the next channel, after this one failed): nothing is left to do here.",
    )
    served_date = fields.Date(
        readonly=True,
        help="The day (in the company's time zone) of the first evidence that "
        "the document arrived.",
    )
    evidence = fields.Char(compute="_compute_evidence")
    failure_reason = fields.Char(readonly=True)
    receipt_signed_by = fields.Char(readonly=True)
    receipt_date = fields.Date(readonly=True)
    receipt_attachment_id = fields.Many2one(
        "ir.attachment", string="Receipt Scan", readonly=True, ondelete="restrict"
    )
    accepted_at = fields.Datetime(readonly=True)
    delivered_at = fields.Datetime(readonly=True)
    dispatch_ids = fields.One2many(
        "hoa.dispatch", "service_id", string="Dispatches", readonly=True
    )
    opened_at = fields.Datetime(readonly=True)
    confirmed_at = fields.Datetime(readonly=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("document", "partner_id.name", "company_id")
    def _compute_name(self):
        """Stored, so in the company's language (whoever created the row)."""
        for service in self:
            company = service.company_id or self.env.company
            lang = company.partner_id.lang or self.env.lang
            labels = selection_labels(
                self, "document", self.with_context(lang=lang).env
            )
            service.name = " - ".join(
                part
                for part in (labels.get(service.document), service.partner_id.name)
                if part
            )

    @api.depends("res_model", "res_id")
    def _compute_document_name(self):
        for service in self:
            record = service._hoa_document()
            service.document_name = record.display_name if record else False

    @api.depends("state")
    def _compute_served(self):
        for service in self:
            service.served = service.state in SERVED_STATES

    @api.depends("state", "res_model", "res_id", "document", "partner_id")
    def _compute_superseded(self):
        for service in self:
            service.superseded = bool(
                service.id
                and service._hoa_siblings().filtered(
                    lambda s, sid=service.id: s.id > sid
                )
            )

    @api.depends(
        "state",
        "accepted_at",
        "delivered_at",
        "opened_at",
        "confirmed_at",
        "receipt_date",
        "receipt_signed_by",
        "failure_reason",
    )
    def _compute_evidence(self):
        for service in self:
            company = service.company_id

            def when(moment, company=company):
                return company._hoa_date(moment) if moment else ""

            if service.state == "received":
                text = self.env._(
                    "Receipt signed by %(name)s on %(day)s",
                    name=service.receipt_signed_by,
                    day=service.receipt_date,
                )
            elif service.state == "confirmed":
                text = self.env._(
                    "%(name)s confirmed receipt in the portal on %(day)s",
                    name=service.partner_id.name,
                    day=when(service.confirmed_at),
                )
            elif service.state == "opened":
                text = self.env._(
                    "%(name)s opened it in the portal on %(day)s",
                    name=service.partner_id.name,
                    day=when(service.opened_at),
                )
            elif service.state == "accepted":
                text = self.env._(
                    "Accepted by the mail server on %(day)s",
                    day=when(service.accepted_at),
                )
            elif service.state == "delivered":
                text = self.env._(
                    "Delivered to the phone / WeCom on %(day)s (the provider's "
                    "receipt)",
                    day=when(service.delivered_at),
                )
            elif service.state == "failed":
                text = service.failure_reason or ""
            else:
                text = ""
            service.evidence = text

    # ------------------------------------------------------------------
    # Archive: evidence is never deleted nor rewritten
    # ------------------------------------------------------------------

    def _frozen_reason(self):
        if self._in_flow():
            return False
        return self.env._(
            "%(name)s is proof of service: it is never changed by hand. Record "
            "a receipt or serve the document again instead.",
            name=self.display_name,
        )

    # ------------------------------------------------------------------
    # The document
    # ------------------------------------------------------------------

    def _hoa_document(self):
        """The served document (sudoed), or an empty recordset."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            return self.env["hoa.service.mixin"]
        return self.env[self.res_model].sudo().browse(self.res_id).exists()

    def _hoa_notify_documents(self):
        """Tell each document that rows of it gained or lost evidence."""
        for (model, res_id), services in self.grouped(
            lambda s: (s.res_model, s.res_id)
        ).items():
            if model in self.env:
                document = self.env[model].sudo().browse(res_id).exists()
                if document:
                    document._hoa_service_changed(services)
                    document._hoa_service_close_activities()

    def _hoa_check_document_write(self):
        """Staff act on a row only if they may change its document."""
        for service in self:
            document = service._hoa_document()
            if document:
                document.with_env(self.env).check_access("write")

    def _hoa_progress(self, state, vals=None):
        """Move the rows to ``state`` when it is stronger evidence than what
        they have; the first evidence gives the served date."""
        now = fields.Datetime.now()
        changed = self.browse()
        for service in self.sudo():
            if service.state == state or (
                service.state != "failed"
                and EVIDENCE_RANK[state] <= EVIDENCE_RANK[service.state]
            ):
                continue
            values = dict(vals or {}, state=state)
            if state in SERVED_STATES and not service.served_date:
                moment = values.get(f"{state}_at") or now
                values["served_date"] = values.get(
                    "receipt_date"
                ) or service.company_id._hoa_date(moment)
            service._set_state(values)
            changed |= service
        changed._hoa_notify_documents()
        return changed

    # ------------------------------------------------------------------
    # Evidence (mail server, portal, paper)
    # ------------------------------------------------------------------

    def _hoa_accept(self):
        """The mail server accepted the email."""
        return self.filtered(lambda s: s.state in ("pending", "sent"))._hoa_progress(
            "accepted", {"accepted_at": fields.Datetime.now()}
        )

    def _hoa_fail(self, reason):
        """The document did not reach the member: no channel, the mail server
        refused it, or it bounced. A paper receipt or a portal confirmation
        already recorded stands."""
        failing = self.sudo().filtered(
            lambda s: s.state not in ("opened", "confirmed", "received", "failed")
        )
        for service in failing:
            service._set_state(
                {"state": "failed", "failure_reason": reason, "served_date": False}
            )
        failing._hoa_notify_documents()
        return failing

    def _hoa_check_recipient(self):
        partner = self.env.user.partner_id
        for service in self:
            if service.sudo().partner_id != partner:
                raise AccessError(
                    self.env._("Only the recipient can confirm this receipt.")
                )

    def _hoa_portal_open(self):
        """The recipient opened the document's page in the portal."""
        self._hoa_check_recipient()
        now = fields.Datetime.now()
        return self.sudo()._hoa_progress("opened", {"opened_at": now})

    def _hoa_siblings(self):
        """These rows and the other rows of the same document served to the
        same member (a failed email and the portal row that replaced it)."""
        domains = [
            [
                ("res_model", "=", service.res_model),
                ("res_id", "=", service.res_id),
                ("document", "=", service.document),
                ("partner_id", "=", service.partner_id.id),
            ]
            for service in self.sudo()
        ]
        return self.sudo().search(expression.OR(domains)) if domains else self.sudo()

    def _hoa_best_per_document(self):
        """One row per document and member: the one with the strongest
        evidence (what the member's page shows)."""
        best = {}
        for service in self.sorted("id"):
            key = (
                service.res_model,
                service.res_id,
                service.document,
                service.partner_id,
            )
            if (
                key not in best
                or EVIDENCE_RANK[service.state] > EVIDENCE_RANK[best[key].state]
            ):
                best[key] = service
        return self.browse([service.id for service in best.values()])

    def _hoa_portal_confirm(self):
        """The recipient pressed 确认收到 in the portal: the document is
        confirmed, whichever of its rows they pressed it on."""
        self._hoa_check_recipient()
        services = self._hoa_siblings()
        if all(s.state in ("confirmed", "received") for s in services):
            raise UserError(
                self.env._(
                    "You already confirmed receipt of %(document)s.",
                    document=services[:1].document_name,
                )
            )
        services = services.filtered(lambda s: s.state not in ("confirmed", "received"))
        now = fields.Datetime.now()
        unopened = services.filtered(lambda s: not s.opened_at)
        if unopened:
            unopened._set_state({"opened_at": now})
        confirmed = services._hoa_progress("confirmed", {"confirmed_at": now})
        # the service centre is told, on the document's chatter
        service = services[:1]
        document = service._hoa_document()
        if document and "message_ids" in document._fields:
            document.message_post(
                body=self.env._(
                    "%(name)s confirmed receipt of the %(document)s in the portal.",
                    name=service.partner_id.name,
                    document=selection_label(
                        service, "document", service.document, self.env
                    ),
                ),
                author_id=service.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        return confirmed

    def _hoa_receive(self, signed_by, receipt_date, attachment):
        """A paper receipt signed by ``signed_by`` on ``receipt_date``, with
        its scan ``attachment``."""
        self.ensure_one()
        self._hoa_check_document_write()
        if not (signed_by or "").strip():
            raise UserError(self.env._("Say who signed the receipt."))
        if not receipt_date:
            raise UserError(self.env._("Give the date the receipt was signed."))
        if not attachment:
            raise UserError(
                self.env._(
                    "Attach the scan of the signed receipt: without it the "
                    "receipt proves nothing."
                )
            )
        service = self.sudo()
        if service.state == "received":
            raise UserError(
                self.env._(
                    "The receipt of %(name)s is already recorded.", name=service.name
                )
            )
        if receipt_date > service.company_id._hoa_today():
            raise UserError(self.env._("A receipt cannot be signed in the future."))
        if service.sent_at and receipt_date < service.company_id._hoa_date(
            service.sent_at
        ):
            raise UserError(
                self.env._(
                    "The receipt is dated before the document was sent (%(day)s).",
                    day=service.company_id._hoa_date(service.sent_at),
                )
            )
        values = {
            "receipt_signed_by": signed_by.strip(),
            "receipt_date": receipt_date,
            "receipt_attachment_id": attachment.id,
        }
        earlier = service.served and service.served_date
        values["served_date"] = min(earlier, receipt_date) if earlier else receipt_date
        service._set_state(dict(values, state="received"))
        service._hoa_notify_documents()
        return service

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_open_receipt_wizard(self):
        self.ensure_one()
        self._hoa_check_document_write()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Signed Receipt"),
            "res_model": "hoa.service.receipt.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_service_id": self.id},
        }

    def action_print_receipt_slip(self):
        """The document with its receipt slip (回执), to serve on paper."""
        self._hoa_check_document_write()
        return self.env.ref(
            "hoa_committee.action_report_service_receipt_slip"
        ).report_action(self)

    def action_serve_again(self):
        """Serve the document again, by the next channel the member has:
        the portal after an email that failed, else paper. The failed row
        stays, as evidence of the failure."""
        self._hoa_check_document_write()
        services = self.env["hoa.service"]
        for service in self.sudo():
            if service.state not in ("failed", "pending", "sent"):
                raise UserError(
                    self.env._(
                        "%(name)s is already served: there is nothing to serve again.",
                        name=service.name,
                    )
                )
            document = service._hoa_document().with_env(self.env)
            channels = [
                c
                for c in document._hoa_service_channels(service.partner_id)
                if c != service.channel
            ]
            services |= document._hoa_serve(
                service.document,
                service.partner_id,
                service.template_id,
                attachments=service.attachment_ids,
                channel=channels[0] if channels else "paper",
            )
        if services.filtered(lambda s: s.channel == "paper"):
            return services.filtered(
                lambda s: s.channel == "paper"
            ).action_print_receipt_slip()
        return True

    def action_open_document(self):
        self.ensure_one()
        self._hoa_check_document_write()
        document = self._hoa_document()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": document.id,
            "view_mode": "form",
        }

    def _hoa_print_template(self):
        """The QWeb template printing the served document above its receipt
        slip, as the document names it (or none: the slip alone)."""
        self.ensure_one()
        document = self._hoa_document()
        return document._hoa_service_print_template(self.document) if document else ""
