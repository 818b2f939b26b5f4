from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hoa_committee_min_members = fields.Integer(
        related="company_id.hoa_committee_min_members", readonly=False
    )
    hoa_committee_max_members = fields.Integer(
        related="company_id.hoa_committee_max_members", readonly=False
    )
    hoa_committee_odd_members = fields.Boolean(
        related="company_id.hoa_committee_odd_members", readonly=False
    )
    hoa_committee_filing_days = fields.Integer(
        related="company_id.hoa_committee_filing_days", readonly=False
    )
