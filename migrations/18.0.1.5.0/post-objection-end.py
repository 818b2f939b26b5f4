"""The revocation window of a published owners' decision is now counted per
民法典 arts. 201–203 (the same day of the next year, moved past holidays and
rest days) instead of a number of days: recompute the stored windows."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    decisions = env["hoa.decision"].search([("published_date", "!=", False)])
    env.add_to_compute(decisions._fields["objection_end"], decisions)
    decisions.flush_recordset(["objection_end"])
