from odoo import fields, models

from .hoa_domains import USER_DOMAIN


class HoaMediationStep(models.Model):
    """One step of a mediation: when, what was done, by whom."""

    _name = "hoa.mediation.step"
    _description = "Mediation Step"
    _inherit = ["hoa.input.mixin"]
    _order = "mediation_id, date, id"

    mediation_id = fields.Many2one(
        "hoa.mediation", required=True, index=True, ondelete="cascade"
    )
    community_id = fields.Many2one(related="mediation_id.community_id", store=True)
    company_id = fields.Many2one(related="mediation_id.company_id", store=True)
    date = fields.Date(
        required=True, default=lambda self: self.env.company._hoa_today()
    )
    name = fields.Text(string="What Was Done", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="By",
        default=lambda self: self.env.user,
        domain=USER_DOMAIN,
    )
    participants = fields.Char(
        help="Committee members, owners and staff who took part."
    )
