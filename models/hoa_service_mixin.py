from odoo import Command, fields, models

from ..rules.contact_channels import ELECTRONIC
from .res_partner import Channel


class HoaServiceMixin(models.AbstractModel):
    """A document served to committee members (a meeting notice, a report,
    a reply letter, a published document): one proof of service
    (``hoa.service``) per member it is owed to, by :meth:`_hoa_serve`.

    The document needs ``committee_id``, ``community_id`` and ``company_id``
    and, to tell the head whom it did not reach, ``mail.activity.mixin``."""

    _name = "hoa.service.mixin"
    _description = "Served to Committee Members"

    service_ids = fields.One2many(
        "hoa.service",
        "res_id",
        string="Proof of Service",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
        readonly=True,
    )
    dispatch_ids = fields.One2many(
        "hoa.dispatch",
        "res_id",
        string="Dispatches",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
        readonly=True,
    )

    def _hoa_services(self, kind=None):
        """The proofs of service of these documents (of ``kind``)."""
        services = self.service_ids
        if kind:
            services = services.filtered(lambda s: s.document == kind)
        return services

    # ------------------------------------------------------------------
    # Serving
    # ------------------------------------------------------------------

    def _hoa_service_channels(self, partner):
        """The channels that reach ``partner``, best first: their working
        channel lines in their preferred order (or, without lines, email when
        the address is usable, SMS to their mobile, the portal when they have
        an active user); paper always."""
        kinds = []
        for channel in partner._hoa_channels(self.company_id or self.env.company):
            if channel.kind not in kinds:
                kinds.append(channel.kind)
        return kinds

    def _hoa_service_values(self):
        """What every proof of service of the document carries."""
        self.ensure_one()
        return {
            "committee_id": self.committee_id.id,
            "community_id": self.community_id.id,
            "company_id": self.company_id.id or self.env.company.id,
        }

    def _hoa_service_responsible(self):
        """The head told about members the document did not reach."""
        self.ensure_one()
        return (
            self.community_id.manager_id
            or ("user_id" in self._fields and self.user_id)
            or self.env.user
        )

    def _hoa_serve(
        self,
        document_kind,
        partners,
        template,
        attachments=None,
        channel=None,
        email_layout_xmlid="mail.mail_notification_light",
    ):
        """Serve this document to each of ``partners``: one proof of service
        each, by ``channel`` or their first working electronic channel
        (email, SMS, WeCom) in their preferred order, else the portal, else
        paper. Emails (``template`` with the ``attachments``, one recipient
        each) are sent at once, so that the mail server's answer is known
        now; SMS and WeCom messages are queued for the sending job (never
        sent inside the request); a message that fails goes by the member's
        next channel. The portal rows wait for the member to open or confirm;
        the paper rows (and the failed ones) are to print with a receipt
        slip, and the head gets one activity naming those members. A meeting
        notice or a published document also goes once to the committee's
        WeCom group, when it has one.

        :return: the created ``hoa.service`` records
        """
        self.ensure_one()
        self.check_access("write")
        attachments = attachments or self.env["ir.attachment"]
        Service = self.env["hoa.service"].sudo().with_context(hoa_serving=True)
        base = dict(
            self._hoa_service_values(),
            res_model=self._name,
            res_id=self.id,
            document=document_kind,
            template_id=template.id if template else False,
            attachment_ids=[Command.set(attachments.ids)],
        )
        first = Service.search([], order="id desc", limit=1).id
        services = Service.browse()
        mails = self.env["mail.mail"].sudo()
        company = self.company_id or self.env.company
        for partner in partners:
            channels = partner._hoa_channels(company)
            if channel:
                how = next(
                    (c for c in channels if c.kind == channel),
                    Channel(channel, False, self.env["hoa.contact.channel"]),
                )
            else:
                how = next((c for c in channels if c.kind in ELECTRONIC), channels[0])
            service = Service._create_in_state(
                [dict(base, partner_id=partner.id, channel=how.kind)]
            )
            services |= service
            mails |= self.with_context(
                hoa_email_layout=email_layout_xmlid, hoa_serving=True
            )._hoa_serve_by(service, how, send=False)
        # sent now, so that the head sees at once whom it did not reach
        mails.with_context(hoa_serving=True).send()
        if document_kind in ("meeting_notice", "publication"):
            self._hoa_serve_group(document_kind, template)
        # the members whose every row failed (no further channel), and those
        # to serve on paper
        created = Service.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("document", "=", document_kind),
                ("id", ">", first),
            ]
        )
        alert = Service.browse()
        for partner_rows in created.grouped("partner_id").values():
            if all(
                s.state == "failed" or (s.channel == "paper" and s.state == "pending")
                for s in partner_rows
            ):
                alert |= partner_rows.filtered(
                    lambda s: s.state in ("pending", "failed")
                )[:1]
        self._hoa_service_alert(alert, paper_chosen=channel == "paper")
        return services.with_env(self.env)

    def _hoa_serve_by(self, service, channel, send=True):
        """Serve the document of ``service`` (its row, by ``channel``, a
        ``Channel`` of the member): the email handed to the mail server, the
        SMS or WeCom message queued, the portal row sent. A row whose channel
        differs from ``channel`` (the one that failed) is followed by a new
        row. Returns the emails to send (when ``send`` is False)."""
        self.ensure_one()
        service = service.sudo()
        mails = self.env["mail.mail"].sudo()
        if service.channel != channel.kind:
            service = (
                self.env["hoa.service"]
                .sudo()
                .with_context(hoa_serving=True)
                ._create_in_state(
                    [
                        {
                            **self._hoa_service_values(),
                            "res_model": service.res_model,
                            "res_id": service.res_id,
                            "document": service.document,
                            "template_id": service.template_id.id,
                            "attachment_ids": [Command.set(service.attachment_ids.ids)],
                            "partner_id": service.partner_id.id,
                            "channel": channel.kind,
                        }
                    ]
                )
            )
            self._hoa_service_changed(service)
        partner = service.partner_id
        template = service.template_id
        now = fields.Datetime.now()
        Dispatch = self.env["hoa.dispatch"].sudo()
        if channel.kind == "email":
            address = channel.address or partner.email_normalized
            if not (template and address):
                service._hoa_fail(
                    self.env._("%(name)s has no email address.", name=partner.name)
                )
                return mails
            lang = partner.lang or self.company_id.partner_id.lang
            layout = self.env.context.get(
                "hoa_email_layout", "mail.mail_notification_light"
            )
            mail = mails.browse(
                template.with_context(lang=lang).send_mail(
                    self.id,
                    email_layout_xmlid=layout,
                    email_values={
                        "recipient_ids": [Command.link(partner.id)],
                        "attachment_ids": [
                            Command.link(a) for a in service.attachment_ids.ids
                        ],
                        "auto_delete": False,
                    },
                )
            )
            service._set_state(
                {
                    "state": "sent",
                    "sent_at": now,
                    "mail_id": mail.id,
                    "message_id": mail.message_id,
                    "mail_message_id": mail.mail_message_id.id,
                }
            )
            Dispatch._hoa_email(
                self,
                partner,
                address,
                template,
                service_id=service.id,
                channel_line_id=channel.line.id,
                mail_id=mail.id,
                mail_message_id=mail.mail_message_id.id,
                provider_message_id=mail.message_id,
            )
            if send:
                mail.with_context(hoa_serving=True).send()
                return mails
            return mail
        if channel.kind in ("sms", "wecom"):
            Dispatch._hoa_queue(
                self,
                channel.kind,
                channel.address,
                template,
                partner=partner,
                service_id=service.id,
                channel_line_id=channel.line.id,
            )
        elif channel.kind == "portal":
            service._set_state({"state": "sent", "sent_at": now})
        return mails

    def _hoa_serve_group(self, document_kind, template):
        """The committee's WeCom group hears of the document once."""
        committee = self.committee_id.sudo()
        url = committee.wecom_webhook_url
        if not url:
            return
        Dispatch = self.env["hoa.dispatch"].sudo()
        if Dispatch.search_count(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("channel", "=", "wecom_group"),
                ("template_id", "=", template.id if template else False),
            ],
            limit=1,
        ):
            return
        Dispatch._hoa_queue(
            self, "wecom_group", url, template, committee_id=committee.id
        )

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    def _hoa_service_changed(self, services):
        """``services`` of this document gained or lost evidence (accepted,
        bounced, opened, confirmed, received, failed). Documents override it
        to advance their state; by default the head is told about rows that
        failed after the document was served."""
        self.ensure_one()
        if not self.env.context.get("hoa_serving"):
            self._hoa_service_alert(services.filtered(lambda s: s.state == "failed"))

    def _hoa_service_close_activities(self):
        """Mark done the serve-on-paper activities whose members are all
        served now (or every one once the document needs no more receipts,
        e.g. a report delivered)."""
        self.ensure_one()
        if not hasattr(self, "activity_ids"):
            return
        awaiting = self._hoa_service_awaiting()
        unserved = (
            self.sudo()
            .service_ids._hoa_best_per_document()
            .filtered(lambda s: not s.served)
            .partner_id.mapped("name")
        )
        for activity in self.sudo().activity_ids:
            # the summary in its assignee's language, as it was written
            user_env = self.with_context(
                lang=activity.user_id.lang or self.env.lang
            ).env
            prefix = user_env._("Serve on paper: %(names)s", names="").strip()
            summary = activity.summary or ""
            if not summary.startswith(prefix):
                continue
            names = [n.strip() for n in summary[len(prefix) :].split(",")]
            if not awaiting or not set(names) & set(unserved):
                activity.action_feedback(
                    feedback=user_env._("Served: the receipts are recorded.")
                )

    def _hoa_service_alert(self, services, paper_chosen=False):
        """Tell the head whom the document did not reach (or, when paper was
        the chosen channel, whom to serve it on), by name, and what to do: a
        note and one activity (not twice while one is open)."""
        self.ensure_one()
        if not services or not hasattr(self, "activity_schedule"):
            return
        names = ", ".join(services.partner_id.mapped("name"))
        user = self._hoa_service_responsible()
        # the activity in its assignee's language, the note in the company's
        summary = self.with_context(lang=user.lang or self.env.lang).env._(
            "Serve on paper: %(names)s", names=names
        )
        if self.activity_ids.filtered(lambda a: a.summary == summary):
            return
        company_env = self.with_context(
            lang=self.company_id.partner_id.lang or self.env.lang
        ).env
        if not paper_chosen or services.filtered(lambda s: s.state == "failed"):
            body = company_env._(
                "%(document)s did not reach %(names)s electronically (email, "
                "SMS, WeCom) or in the portal: print it with its receipt slip "
                "from the proof of service, have it signed, and record the "
                "signed receipt with its scan.",
                document=self.display_name,
                names=names,
            )
        else:
            body = company_env._(
                "%(document)s is to be served on %(names)s on paper: print it "
                "with its receipt slip from the proof of service, have it signed, "
                "and record the signed receipt with its scan.",
                document=self.display_name,
                names=names,
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.company_id._hoa_today(),
            summary=summary,
            user_id=user.id,
        )

    def _hoa_service_awaiting(self):
        """Whether the document still waits for its recipients' receipts (a
        delivered report, a held meeting no longer does)."""
        self.ensure_one()
        return True

    def _hoa_service_print_template(self, kind):
        """The QWeb template printing this document above its receipt slip
        (called with ``doc``), or ``""`` for the slip alone."""
        return ""
