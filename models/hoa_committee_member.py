from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hoa_domains import COMPANY_DOMAIN, PARTNER_DOMAIN


class HoaCommitteeMember(models.Model):
    _name = "hoa.committee.member"
    _description = "Committee Member"
    _inherit = ["mail.thread", "hoa.input.mixin"]
    _order = "committee_id, role_sequence, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    committee_id = fields.Many2one(
        "hoa.committee",
        required=True,
        index=True,
        ondelete="cascade",
        domain=COMPANY_DOMAIN,
    )
    community_id = fields.Many2one(
        related="committee_id.community_id", store=True, index=True, string="Estate"
    )
    company_id = fields.Many2one(
        related="committee_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        tracking=True,
        domain=PARTNER_DOMAIN,
    )
    role = fields.Selection(
        [
            ("chair", "Chair (主任)"),
            ("vice_chair", "Vice-Chair (副主任)"),
            ("member", "Member (委员)"),
            ("secretary", "Secretary (秘书)"),
        ],
        required=True,
        default="member",
        tracking=True,
    )
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    date_start = fields.Date(string="Since", tracking=True)
    date_end = fields.Date(string="Until", tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    channel_ids = fields.One2many(
        related="partner_id.hoa_channel_ids",
        readonly=False,
        string="Contact Channels",
    )
    has_portal_access = fields.Boolean(
        compute="_compute_has_portal_access", string="Portal Access"
    )

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._hoa_partners_join_company()
        return members

    def write(self, vals):
        result = super().write(vals)
        if {"partner_id", "committee_id"} & set(vals):
            self._hoa_partners_join_company()
        return result

    def _hoa_partners_join_company(self):
        """A member belongs to the company managing the committee's estate."""
        for company in self.company_id:
            members = self.filtered(lambda m, c=company: m.company_id == c)
            members.partner_id._hoa_join_company(company)

    @api.depends("role")
    def _compute_role_sequence(self):
        order = {"chair": 1, "vice_chair": 2, "member": 3, "secretary": 4}
        for member in self:
            member.role_sequence = order.get(member.role, 9)

    @api.depends("partner_id.user_ids.share", "partner_id.user_ids.active")
    def _compute_has_portal_access(self):
        for member in self:
            member.has_portal_access = any(
                user.share and user.active
                for user in member.partner_id.sudo()
                .with_context(active_test=False)
                .user_ids
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for member in self:
            if (
                member.date_start
                and member.date_end
                and member.date_end < member.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s cannot leave the committee before joining it.",
                        member=member.partner_id.name,
                    )
                )

    @api.constrains("role", "active", "committee_id")
    def _check_single_chair(self):
        for committee in self.filtered(lambda m: m.active).committee_id:
            chairs = committee.member_ids.filtered(
                lambda m: m.active and m.role == "chair"
            )
            if len(chairs) > 1:
                raise ValidationError(
                    self.env._(
                        "%(committee)s can have only one chair: %(names)s are both "
                        "marked as chair.",
                        committee=committee.name,
                        names=", ".join(chairs.partner_id.mapped("name")),
                    )
                )

    @api.constrains("partner_id", "committee_id", "active")
    def _check_unique_partner(self):
        for member in self.filtered("active"):
            twins = member.committee_id.member_ids.filtered(
                lambda m, member=member: m.active and m.partner_id == member.partner_id
            )
            if len(twins) > 1:
                raise ValidationError(
                    self.env._(
                        "%(member)s is already a member of %(committee)s.",
                        member=member.partner_id.name,
                        committee=member.committee_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_forming(self):
        if any(member.committee_id.state != "forming" for member in self):
            raise UserError(
                self.env._(
                    "Members of a committee that has been active stay in the "
                    "archive: archive the member instead of deleting them."
                )
            )

    def action_grant_portal_access(self):
        """Open Odoo's portal wizard for the selected members."""
        self.check_access("write")
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_ids=self.partner_id.ids)
            .create({})
        )
        return wizard._action_open_modal()
