from odoo import api, fields, models

from .hoa_domains import USER_DOMAIN


class HoaContact(models.Model):
    """One exchange with the committee: a visit, a call, a WeChat message, a
    letter, a meeting, a New-Year greeting… Every exchange is recorded."""

    _name = "hoa.contact"
    _description = "Contact with the Committee"
    _inherit = [
        "hoa.committee.record.mixin",
        "mail.thread",
        "hoa.archive.mixin",
        "hoa.compliance.source.mixin",
    ]
    _compliance_fields = ("date", "user_id", "member_ids")
    _order = "date desc, id desc"
    _committee_required = False
    _rec_name = "summary"

    date = fields.Date(
        required=True, default=lambda self: self.env.company._hoa_today(), tracking=True
    )
    method = fields.Selection(
        [
            ("visit", "Visit"),
            ("phone", "Phone"),
            ("wechat", "WeChat"),
            ("letter", "Letter"),
            ("email", "Email"),
            ("meeting", "Meeting"),
            ("greeting", "New-Year Greeting"),
            ("other", "Other"),
        ],
        required=True,
        default="visit",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Staff",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain=USER_DOMAIN,
    )
    member_ids = fields.Many2many(
        "hoa.committee.member",
        string="Committee Members",
        domain="[('committee_id', '=', committee_id)]",
    )
    summary = fields.Text(required=True)
    #: a contact is never deleted: one entered by mistake is archived
    active = fields.Boolean(default=True, tracking=True)
    with_chair = fields.Boolean(compute="_compute_with_roles", store=True)
    with_vice_chair = fields.Boolean(compute="_compute_with_roles", store=True)

    @api.depends("member_ids.role")
    def _compute_with_roles(self):
        for contact in self:
            roles = set(contact.member_ids.mapped("role"))
            contact.with_chair = "chair" in roles
            contact.with_vice_chair = "vice_chair" in roles
