from odoo import api, fields, models

from .hoa_domains import USER_DOMAIN


class HoaResponsibleMixin(models.AbstractModel):
    """A staff member responsible for the record: the estate's service-centre
    head by default, changeable. Needs a ``community_id`` field."""

    _name = "hoa.responsible.mixin"
    _description = "Responsible Staff Member"

    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        domain=USER_DOMAIN,
        help="The service-centre head by default.",
    )

    @api.depends("community_id")
    def _compute_user_id(self):
        for record in self:
            if not record.user_id:
                record.user_id = record.community_id.manager_id
