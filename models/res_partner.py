from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _hoa_join_company(self, company):
        """Owners and committee members belong to the company that manages
        their estate: each partner of ``self`` without a company gets
        ``company``, so that no user of another company reads them.

        Left alone: a partner another company already holds, a company's own
        partner, and a partner with a user of another company or an internal
        user (Odoo refuses a partner whose users work elsewhere, and staff
        are not owners' records)."""
        if not company:
            return
        partners = self.sudo().with_context(active_test=False)
        own = set(
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)])
            .partner_id.ids
        )
        partners.filtered(
            lambda p: (
                not p.company_id
                and p.id not in own
                and all(u.share and u.company_id == company for u in p.user_ids)
            )
        ).write({"company_id": company.id})
