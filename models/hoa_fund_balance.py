from odoo import api, fields, models

from .hoa_archive_mixin import ARCHIVE_WRITABLE


class HoaFundBalance(models.Model):
    """A unit's maintenance-fund (住宅专项维修资金) balance on the date of the
    statement the fund's bank or the housing authority issued (民法典 art.
    281, 维修资金管理办法 art. 30). Balances are evidence: they come only
    from an import (:class:`HoaFundBalanceImport`) and are never edited nor
    deleted. A later import with the same statement date supersedes the
    unit's balance of that date: the old one is kept, marked superseded by
    the new import, and no longer shown to the owner."""

    _name = "hoa.fund.balance"
    _description = "Maintenance Fund Balance"
    _inherit = ["hoa.input.mixin", "hoa.archive.mixin"]
    _order = "statement_date desc, community_id, unit_name, id desc"
    _rec_name = "unit_name"
    _check_company_auto = True

    unit_id = fields.Many2one(
        "hoa.unit",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
    unit_name = fields.Char(related="unit_id.name", store=True, string="Unit No.")
    building = fields.Char(related="unit_id.building", store=True)
    community_id = fields.Many2one(
        related="unit_id.community_id", store=True, index=True, string="Estate"
    )
    community_name = fields.Char(related="community_id.name", string="Estate Name")
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    owner_id = fields.Many2one(related="unit_id.owner_id", string="Owner (on the Roll)")
    currency_id = fields.Many2one(related="company_id.currency_id")
    statement_date = fields.Date(
        required=True,
        readonly=True,
        index=True,
        help="The date of the bank's or the housing authority's statement.",
    )
    balance = fields.Monetary(required=True, readonly=True)
    paid_in = fields.Monetary(
        string="Paid In to Date", readonly=True, help="Empty when the file has none."
    )
    used = fields.Monetary(
        string="Used to Date", readonly=True, help="Empty when the file has none."
    )
    owner_name = fields.Char(
        string="Owner (on the Statement)",
        readonly=True,
        help="The name the statement gives, as written.",
    )
    import_id = fields.Many2one(
        "hoa.fund.balance.import",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    superseded_by_id = fields.Many2one(
        "hoa.fund.balance.import",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="A later import with the same statement date replaced this "
        "balance; it is kept as it was imported.",
    )
    is_current = fields.Boolean(
        compute="_compute_is_current", search="_search_is_current", string="Current"
    )

    _sql_constraints = [
        (
            "unit_date_uniq",
            (
                "EXCLUDE USING btree (unit_id WITH =, statement_date WITH =) "
                "WHERE (superseded_by_id IS NULL)"
            ),
            "A unit has one balance per statement date.",
        ),
    ]

    @api.depends("superseded_by_id")
    def _compute_is_current(self):
        for balance in self:
            balance.is_current = not balance.superseded_by_id

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        current = (operator == "=") == value
        return [("superseded_by_id", "=" if current else "!=", False)]

    def _frozen_reason(self):
        self.ensure_one()
        return self.env._(
            "A maintenance-fund balance is the statement's evidence and is "
            "never changed: import a corrected statement instead."
        )

    def _frozen_fnames(self, fnames):
        # only an import marks the balances it supersedes (as the superuser)
        return set(fnames) - ARCHIVE_WRITABLE - {"superseded_by_id"}

    @api.model
    def _latest_by_unit(self, units):
        """``{unit: its current balance of the latest statement date}`` among
        the balances of ``units`` this environment may read."""
        latest = {}
        for balance in self.search(
            [("unit_id", "in", units.ids), ("superseded_by_id", "=", False)],
            order="statement_date desc, id desc",
        ):
            latest.setdefault(balance.unit_id, balance)
        return latest
