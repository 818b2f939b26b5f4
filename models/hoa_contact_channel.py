from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from ..rules.contact_channels import normalize_channel_mobile

KINDS = [
    ("email", "Email"),
    ("sms", "SMS"),
    ("wecom", "WeCom"),
    ("portal", "Portal"),
    ("paper", "Paper"),
]


class HoaContactChannel(models.Model):
    """渠道: one way to reach a committee member or an owner — an email
    address, a mobile for SMS, a WeCom userid, the portal or paper — in the
    person's preferred order (``sequence``). What the last message by it
    gave is kept, so that staff see which channels work."""

    _name = "hoa.contact.channel"
    _description = "Contact Channel"
    _inherit = ["hoa.input.mixin"]
    _order = "partner_id, sequence, id"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True, string="Company"
    )
    sequence = fields.Integer(default=10, string="Preferred Order")
    kind = fields.Selection(
        KINDS, string="Kind of Channel", required=True, default="sms"
    )
    address = fields.Char(
        help="The email address, the mobile number (SMS) or the WeCom userid; "
        "nothing for the portal and paper."
    )
    active = fields.Boolean(default=True)
    works = fields.Boolean(
        compute="_compute_works",
        help="Whether a message can go by this channel now: a valid address "
        "and, for SMS and WeCom, the company's provider configured.",
    )
    last_success_at = fields.Datetime(string="Last Success", readonly=True)
    last_failure_at = fields.Datetime(string="Last Failure", readonly=True)
    last_failure_reason = fields.Char(readonly=True)

    @api.depends("kind", "address", "active", "partner_id")
    def _compute_works(self):
        for line in self:
            line.works = bool(line.active and line._hoa_works())

    # ------------------------------------------------------------------
    # Input
    # ------------------------------------------------------------------

    @api.model
    def _hoa_clean_address(self, kind, address):
        """The address as stored: a mobile as ``+86 1xxxxxxxxxx``, an email
        normalised; a bad one is refused."""
        address = (address or "").strip()
        if kind == "sms":
            mobile = normalize_channel_mobile(address)
            if not mobile:
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a mainland China mobile number "
                        "(11 digits starting with 1).",
                        number=address or "-",
                    )
                )
            return mobile
        if kind == "email":
            email = email_normalize(address)
            if not email:
                raise ValidationError(
                    self.env._(
                        "%(address)s is not a valid email address.",
                        address=address or "-",
                    )
                )
            return email
        if kind == "wecom":
            if not address:
                raise ValidationError(
                    self.env._("Give the member's WeCom userid (企业微信账号).")
                )
            return address
        return False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            kind = vals.get("kind") or "sms"
            vals["address"] = self._hoa_clean_address(kind, vals.get("address"))
        return super().create(vals_list)

    def write(self, vals):
        if "kind" not in vals and "address" not in vals:
            return super().write(vals)
        for line in self:
            clean = self._hoa_clean_address(
                vals.get("kind", line.kind), vals.get("address", line.address)
            )
            super(HoaContactChannel, line).write(dict(vals, address=clean))
        return True

    # ------------------------------------------------------------------
    # Whether it works
    # ------------------------------------------------------------------

    def _hoa_works(self, company=None):
        """Whether a message can go by this line now (active or not)."""
        self.ensure_one()
        line = self.sudo()
        partner = line.partner_id
        company = company or partner.company_id or self.env.company
        return self._hoa_kind_works(line.kind, line.address, partner, company)

    @api.model
    def _hoa_kind_works(self, kind, address, partner, company):
        partner = partner.sudo()
        if kind == "email":
            return bool(
                email_normalize(address or "")
                and not partner.message_bounce
                and not self.env["mail.blacklist"]
                .sudo()
                .search_count([("email", "=", email_normalize(address))], limit=1)
            )
        if kind == "sms":
            return bool(
                normalize_channel_mobile(address)
                and self.env["hoa.dispatch"]._hoa_sms_provider(company)
            )
        if kind == "wecom":
            return bool(
                address and self.env["hoa.dispatch"]._hoa_wecom_configured(company)
            )
        if kind == "portal":
            return bool(partner.user_ids.filtered("active"))
        return kind == "paper"

    def _hoa_record_outcome(self, success, reason=None, at=None):
        """What the last message by these lines gave."""
        at = at or fields.Datetime.now()
        if success:
            self.sudo().write({"last_success_at": at})
        else:
            self.sudo().write(
                {"last_failure_at": at, "last_failure_reason": (reason or "")[:250]}
            )
