"""The addon's sequences become ``no_gap``: a refused record gives its number
back. Odoo drops a standard sequence's PostgreSQL counter when its
implementation changes, so each sequence (and each year of it) first keeps
the next number it was about to give."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    sequences = env["ir.model.data"].search(
        [("module", "=", "hoa_committee"), ("model", "=", "ir.sequence")]
    )
    for sequence in env["ir.sequence"].browse(sequences.mapped("res_id")).exists():
        if sequence.implementation == "no_gap":
            continue
        years = {year: year.number_next_actual for year in sequence.date_range_ids}
        sequence.write(
            {"implementation": "no_gap", "number_next": sequence.number_next_actual}
        )
        for year, number_next in years.items():
            year.number_next = number_next
