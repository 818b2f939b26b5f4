from odoo import Command, fields, models


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
        """The channels that reach ``partner``, best first: email when the
        address is usable (never bounced nor blacklisted), the portal when
        they have an active user; paper always."""
        partner = partner.sudo()
        channels = []
        if (
            partner.email_normalized
            and not partner.message_bounce
            and not partner.is_blacklisted
        ):
            channels.append("email")
        if partner.user_ids.filtered("active"):
            channels.append("portal")
        channels.append("paper")
        return channels

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
        each, by ``channel`` or the best channel they have. Emails
        (``template`` with the ``attachments``, one recipient each) are sent
        at once, so that the mail server's answer is known now; the portal
        rows wait for the member to open or confirm; the paper rows (and the
        failed ones) are to print with a receipt slip, and the head gets one
        activity naming those members.

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
        now = fields.Datetime.now()
        services = Service.browse()
        mails = self.env["mail.mail"].sudo()
        lang = self.company_id.partner_id.lang
        for partner in partners:
            how = channel or self._hoa_service_channels(partner)[0]
            service = Service._create_in_state(
                [dict(base, partner_id=partner.id, channel=how)]
            )
            services |= service
            if how == "email":
                if not (template and partner.email_normalized):
                    service._hoa_fail(
                        self.env._("%(name)s has no email address.", name=partner.name)
                    )
                    continue
                mail = mails.browse(
                    template.with_context(lang=partner.lang or lang).send_mail(
                        self.id,
                        email_layout_xmlid=email_layout_xmlid,
                        email_values={
                            "recipient_ids": [Command.link(partner.id)],
                            "attachment_ids": [
                                Command.link(a) for a in attachments.ids
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
                mails |= mail
            elif how == "portal":
                service._set_state({"state": "sent", "sent_at": now})
        # sent now, so that the head sees at once whom it did not reach
        mails.with_context(hoa_serving=True).send()
        self._hoa_service_alert(
            services.filtered(lambda s: s.state in ("pending", "failed")),
            paper_chosen=channel == "paper",
        )
        return services.with_env(self.env)

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
                "%(document)s did not reach %(names)s by email or in the portal: "
                "print it with its receipt slip from the proof of service, have "
                "it signed, and record the signed receipt with its scan.",
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
