"""Owners and committee members belong to the company that manages their
estate: the partners the addon linked to units and committees before carry
no company, and every user of another company could read them. Each one
that only one company's estates know gets that company."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        """
        SELECT known.partner_id, array_agg(DISTINCT known.company_id) FROM (
            SELECT owner_id AS partner_id, company_id FROM hoa_unit
             WHERE owner_id IS NOT NULL
            UNION ALL
            SELECT rel.partner_id, unit.company_id
              FROM hoa_unit_co_owner_rel rel
              JOIN hoa_unit unit ON unit.id = rel.unit_id
            UNION ALL
            SELECT partner_id, company_id FROM hoa_committee_member
        ) known
          JOIN res_partner partner ON partner.id = known.partner_id
         WHERE partner.company_id IS NULL AND known.company_id IS NOT NULL
         GROUP BY known.partner_id
        """
    )
    by_company = {}
    for partner_id, company_ids in cr.fetchall():
        if len(company_ids) == 1:
            by_company.setdefault(company_ids[0], []).append(partner_id)
    for company_id, partner_ids in by_company.items():
        env["res.partner"].browse(partner_ids)._hoa_join_company(
            env["res.company"].browse(company_id)
        )
