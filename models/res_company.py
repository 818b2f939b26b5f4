from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    hoa_committee_min_members = fields.Integer(
        string="Minimum Committee Members",
        default=5,
        help="指导规则: a committee has 5 to 11 members; some cities allow 3.",
    )
    hoa_committee_max_members = fields.Integer(
        string="Maximum Committee Members",
        default=11,
    )
    hoa_committee_odd_members = fields.Boolean(
        string="Odd Number of Committee Members",
        default=True,
    )
    hoa_committee_filing_days = fields.Integer(
        string="Filing Period (days)",
        default=30,
        help="The committee is filed (备案) with the authorities within this many "
        "days of its election.",
    )

    @api.constrains(
        "hoa_committee_min_members",
        "hoa_committee_max_members",
        "hoa_committee_filing_days",
    )
    def _check_hoa_committee_settings(self):
        for company in self:
            if company.hoa_committee_min_members < 1:
                raise ValidationError(
                    self.env._("A committee needs at least one member.")
                )
            if company.hoa_committee_max_members < company.hoa_committee_min_members:
                raise ValidationError(
                    self.env._(
                        "The maximum number of committee members cannot be lower "
                        "than the minimum."
                    )
                )
            if company.hoa_committee_filing_days < 0:
                raise ValidationError(
                    self.env._("The filing period cannot be negative.")
                )
