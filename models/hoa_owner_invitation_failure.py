from odoo import fields, models


class HoaOwnerInvitationFailure(models.Model):
    """An owner an invitation run could not invite, and why."""

    _name = "hoa.owner.invitation.failure"
    _description = "Owner Not Invited"
    _order = "invitation_id, id"

    invitation_id = fields.Many2one(
        "hoa.owner.invitation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="invitation_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Owner", required=True, ondelete="cascade"
    )
    reason = fields.Selection(
        [
            ("no_contact", "No mobile number and no email address"),
            ("login_taken", "Mobile number or email already used by another account"),
            ("revoked", "Access revoked: re-enable the account by hand"),
            ("other_company", "Partner belongs to another company"),
        ],
        required=True,
    )
