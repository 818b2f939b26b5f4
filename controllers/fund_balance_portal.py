from odoo import http
from odoo.http import request

from ..models.access import check_staff
from odoo.addons.portal.controllers.portal import CustomerPortal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HoaFundBalancePortal(CustomerPortal):
    """An owner's maintenance-fund balance per unit (民法典 art. 281,
    维修资金管理办法 art. 30), and the import template for the staff."""

    def _hoa_fund_units(self):
        """The units the signed-in person owns or co-owns."""
        Unit = request.env["hoa.unit"].sudo()
        return Unit.search(Unit._held_by_domain(request.env.user.partner_id))

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hoa_fund_count" in counters:
            values["hoa_fund_count"] = (
                len(self._hoa_fund_units()) if request.env.user.share else 0
            )
        return values

    @http.route(["/my/fund"], type="http", auth="user", website=True)
    def portal_my_fund(self, **kw):
        units = self._hoa_fund_units()
        # the balances the owner may read, by the record rule: their units'
        Balance = request.env["hoa.fund.balance"]
        latest = Balance._latest_by_unit(units) if Balance.has_access("read") else {}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hoa_fund",
                "lines": [(unit, latest.get(unit)) for unit in units],
                "any_balance": bool(latest),
            }
        )
        return request.render("hoa_committee.portal_my_fund", values)

    @http.route(
        ["/hoa/fund_balance/template.xlsx"], type="http", auth="user", methods=["GET"]
    )
    def hoa_fund_balance_template(self, **kw):
        """The spreadsheet template of a balance import, for the staff."""
        check_staff(request.env)
        content = request.env["hoa.fund.balance.import"]._template_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                (
                    "Content-Disposition",
                    http.content_disposition("维修资金余额导入模板.xlsx"),
                ),
            ],
        )
