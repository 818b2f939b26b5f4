from datetime import timedelta

from odoo import Command, api, fields, models

from ..rules.privacy import last_four_matches

#: failed registrations allowed per IP address in RATE_WINDOW_IP
MAX_FAILURES_PER_IP = 5
RATE_WINDOW_IP = timedelta(hours=1)
#: failed registrations allowed per unit in RATE_WINDOW_UNIT
MAX_FAILURES_PER_UNIT = 5
RATE_WINDOW_UNIT = timedelta(days=1)

#: the outcomes that are a wrong answer (the ones the rate limit counts)
WRONG = ("unit", "name", "digits", "no_login", "registered", "revoked")


class HoaRegistrationAttempt(models.Model):
    """One try at /hoa/register: an owner proving they are on the roll
    (estate, unit, name, last four digits of the registered mobile or
    identity number). The typed digits are never stored."""

    _name = "hoa.registration.attempt"
    _description = "Owner Registration Attempt"
    _order = "attempt_date desc, id desc"
    _rec_name = "unit_name"

    attempt_date = fields.Datetime(
        string="When", required=True, readonly=True, default=fields.Datetime.now
    )
    ip_address = fields.Char(string="IP Address", readonly=True, index=True)
    community_id = fields.Many2one(
        "hoa.community", string="Estate", readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True
    )
    unit_name = fields.Char(string="Unit Typed", readonly=True)
    unit_id = fields.Many2one("hoa.unit", readonly=True, ondelete="set null")
    user_id = fields.Many2one("res.users", string="Account", readonly=True)
    success = fields.Boolean(readonly=True)
    result = fields.Selection(
        [
            ("success", "Registered"),
            ("unit", "No such unit"),
            ("name", "Name not on the roll"),
            ("digits", "Wrong digits"),
            ("no_login", "No mobile number or email on file"),
            ("registered", "Already registered"),
            ("revoked", "Access revoked"),
            ("rate_limited", "Refused: too many failures"),
        ],
        required=True,
        readonly=True,
    )

    @api.model
    def _hoa_rate_limited(self, ip_address, unit):
        """Whether the failures from ``ip_address`` in the last hour, or on
        ``unit`` in the last day, reached the limit."""
        now = fields.Datetime.now()
        attempts = self.sudo()
        if ip_address and (
            attempts.search_count(
                [
                    ("ip_address", "=", ip_address),
                    ("result", "in", WRONG),
                    ("attempt_date", ">", now - RATE_WINDOW_IP),
                ]
            )
            >= MAX_FAILURES_PER_IP
        ):
            return True
        return bool(unit) and (
            attempts.search_count(
                [
                    ("unit_id", "=", unit.id),
                    ("result", "in", WRONG),
                    ("attempt_date", ">", now - RATE_WINDOW_UNIT),
                ]
            )
            >= MAX_FAILURES_PER_UNIT
        )

    @api.model
    def _hoa_register(
        self, community_id, unit_name, name, digits, password, ip_address
    ):
        """Check an owner's answers and, when right, give them a portal
        account with ``password`` (or set it on the account their estate's
        invitation created). Returns ``(result, user)``; ``result`` is
        ``"success"`` or the reason logged (never shown to the visitor)."""
        community = self.env["hoa.community"].sudo().browse(community_id).exists()
        unit_name = (unit_name or "").strip()
        unit = self.env["hoa.unit"].sudo()
        if community and unit_name:
            unit = unit.search(
                [
                    ("community_id", "=", community.id),
                    ("name", "=", unit_name),
                    ("developer_held", "=", False),
                ],
                limit=1,
            )
        user = self.env["res.users"]
        if self._hoa_rate_limited(ip_address, unit):
            result = "rate_limited"
        else:
            result, user = self._hoa_check(unit, name, digits, password)
        self.sudo().create(
            {
                "ip_address": ip_address,
                "community_id": community.id,
                "unit_name": unit_name[:64],
                "unit_id": unit.id,
                "result": result,
                "success": result == "success",
                "user_id": user.id,
            }
        )
        return result, user

    def _hoa_check(self, unit, name, digits, password):
        Users = self.env["res.users"]
        if not unit:
            return "unit", Users
        name = "".join((name or "").split())
        owner = (unit.owner_id | unit.co_owner_ids).filtered(
            lambda p: "".join((p.name or "").split()) == name
        )[:1]
        if not owner:
            return "name", Users
        if not last_four_matches(
            digits, owner._hoa_mobile(), owner.sudo().hoa_id_number
        ):
            return "digits", Users
        users = owner.with_context(active_test=False).user_ids
        if users and not users.filtered("active"):
            return "revoked", Users
        user = users.filtered("active")[:1]
        if user and (user.login_date or not user.share):
            return "registered", Users
        login = owner._hoa_portal_login()
        if not user:
            if not login or Users.sudo().with_context(active_test=False).search_count(
                [("login", "=", login)], limit=1
            ):
                return "no_login", Users
            company = unit.company_id
            user = (
                Users.sudo()
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": owner.name,
                        "login": login,
                        "partner_id": owner.id,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [
                            Command.set(self.env.ref("base.group_portal").ids)
                        ],
                        "lang": "zh_CN"
                        if self.env["res.lang"]._lang_get("zh_CN")
                        else False,
                    }
                )
            )
        user.sudo().write({"password": password})
        return "success", user
