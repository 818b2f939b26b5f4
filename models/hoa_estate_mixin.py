from odoo import fields, models

from .hoa_domains import COMPANY_DOMAIN


class HoaEstateMixin(models.AbstractModel):
    """A record of one estate, in the estate's company."""

    _name = "hoa.estate.mixin"
    _description = "Record of an Estate"
    _check_company_auto = True

    community_id = fields.Many2one(
        "hoa.community",
        string="Estate",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=COMPANY_DOMAIN,
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
