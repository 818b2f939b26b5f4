from collections import namedtuple

from odoo import api, fields, models

from ..rules.contact_channels import normalize_channel_mobile
from ..rules.privacy import mask_id_number, mask_mobile, normalize_mobile
from .access import HEAD, STAFF

#: one way to reach a person: its kind, its address and its line (or an
#: empty recordset for a channel derived from the partner's own fields)
Channel = namedtuple("Channel", "kind address line")


class ResPartner(models.Model):
    _inherit = "res.partner"

    hoa_channel_ids = fields.One2many(
        "hoa.contact.channel",
        "partner_id",
        string="Contact Channels",
        help="How to reach the person, in their preferred order (drag the "
        "lines). Without lines: email, SMS to the mobile, the portal, paper.",
    )

    #: collected only because the registration check of an owner without
    #: a mobile number needs it; whole only for service-centre heads
    hoa_id_number = fields.Char(
        string="Identity Number",
        groups="hoa_committee.group_hoa_manager",
        copy=False,
        help="Resident identity card number (身份证号), kept only so that an "
        "owner can prove who they are when registering for the portal.",
    )
    hoa_id_number_display = fields.Char(
        string="Identity No.",
        compute="_compute_hoa_private_display",
        compute_sudo=False,
        groups="hoa_committee.group_hoa_user",
    )
    hoa_mobile_display = fields.Char(
        string="Mobile No.",
        compute="_compute_hoa_private_display",
        compute_sudo=False,
        groups="base.group_user",
    )

    @api.depends_context("uid")
    @api.depends("mobile", "hoa_id_number")
    def _compute_hoa_private_display(self):
        """The numbers as the reader may see them: staff call owners and see
        the whole mobile number, heads handle registration disputes and see
        the whole identity number; everyone else sees them masked."""
        head = self.env.user.has_group(HEAD)
        staff = self.env.user.has_group(STAFF)
        id_numbers = {
            p.id: p.hoa_id_number
            for p in self.sudo().with_context(active_test=False)
            if p.id
        }
        for partner in self:
            mobile = partner.mobile or ""
            partner.hoa_mobile_display = mobile if staff else mask_mobile(mobile)
            number = id_numbers.get(partner.id) or ""
            partner.hoa_id_number_display = number if head else mask_id_number(number)

    def _hoa_mobile(self):
        """The partner's mainland mobile number (11 digits), read from
        ``mobile``, else from ``phone`` when it holds one; ``None`` if
        neither does."""
        self.ensure_one()
        return normalize_mobile(self.mobile) or normalize_mobile(self.phone)

    def _hoa_portal_login(self):
        """The login an owner's portal account gets: the mobile number, or
        the email address when there is no mobile number."""
        self.ensure_one()
        return self._hoa_mobile() or (self.email or "").strip().lower() or None

    def export_data(self, fields_to_export):
        """Exports of owners' data are logged (个人信息保护法)."""
        result = super().export_data(fields_to_export)
        self.env["hoa.export.log"]._hoa_log_export(self, fields_to_export)
        return result

    def _hoa_join_company(self, company):
        """Owners and committee members belong to the company that manages
        their estate: each partner of ``self`` without a company gets
        ``company``, so that no user of another company reads them.

        Left alone: a partner another company already holds, a company's own
        partner, and a partner with a user of another company or an internal
        user (Odoo refuses a partner whose users work elsewhere, and staff
        are not owners' records)."""
        if not company:
            return
        partners = self.sudo().with_context(active_test=False)
        own = set(
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)])
            .partner_id.ids
        )
        partners.filtered(
            lambda p: (
                not p.company_id
                and p.id not in own
                and all(u.share and u.company_id == company for u in p.user_ids)
            )
        ).write({"company_id": company.id})

    def _hoa_channels(self, company=None):
        """The channels that reach the partner now, in their preferred
        order: their active channel lines that work, or — without lines —
        email, SMS to the mobile, the portal (with an active user); paper
        always ends the list.

        :return: a list of ``Channel(kind, address, line)``
        """
        self.ensure_one()
        partner = self.sudo()
        company = company or partner.company_id or self.env.company
        Line = self.env["hoa.contact.channel"].sudo()
        lines = partner.hoa_channel_ids.filtered("active").sorted(
            lambda c: (c.sequence, c.id)
        )
        if lines:
            candidates = [Channel(c.kind, c.address, c) for c in lines]
        else:
            candidates = [
                Channel("email", partner.email_normalized, Line),
                Channel(
                    "sms",
                    normalize_channel_mobile(partner.mobile)
                    or normalize_channel_mobile(partner.phone),
                    Line,
                ),
                Channel("portal", False, Line),
            ]
        channels = [
            channel
            for channel in candidates
            if Line._hoa_kind_works(channel.kind, channel.address, partner, company)
        ]
        if not any(channel.kind == "paper" for channel in channels):
            channels.append(Channel("paper", False, Line))
        return channels
