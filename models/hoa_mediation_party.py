from odoo import fields, models

from .hoa_domains import PARTNER_DOMAIN


class HoaMediationParty(models.Model):
    """A party to a mediation: an owner (with the unit concerned), the
    committee or the service centre."""

    _name = "hoa.mediation.party"
    _description = "Mediation Party"
    _inherit = ["hoa.input.mixin"]
    _order = "mediation_id, sequence, id"

    mediation_id = fields.Many2one(
        "hoa.mediation", required=True, index=True, ondelete="cascade"
    )
    community_id = fields.Many2one(related="mediation_id.community_id", store=True)
    company_id = fields.Many2one(related="mediation_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner", string="Party", required=True, domain=PARTNER_DOMAIN
    )
    unit_id = fields.Many2one(
        "hoa.unit",
        domain="[('community_id', '=', community_id)]",
    )
    role = fields.Selection(
        [
            ("complainant", "Owner Who Raised It"),
            ("affected", "Affected Owner"),
            ("committee", "Owners' Committee"),
            ("service_centre", "Service Centre"),
            ("other", "Other"),
        ],
        required=True,
        default="affected",
    )
    position = fields.Text(string="Position and Request")
