from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class HoaCommitteePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hoa_committee_count" in counters:
            Committee = request.env["hoa.committee"]
            values["hoa_committee_count"] = (
                Committee.search_count([]) if Committee.has_access("read") else 0
            )
        return values

    @http.route(["/my/committees"], type="http", auth="user", website=True)
    def portal_my_committees(self, **kw):
        committees = request.env["hoa.committee"].search([])
        values = self._prepare_portal_layout_values()
        values.update({"committees": committees, "page_name": "hoa_committee"})
        return request.render("hoa_committee.portal_my_committees", values)

    @http.route(
        ["/my/committees/<int:committee_id>"], type="http", auth="user", website=True
    )
    def portal_my_committee(self, committee_id, **kw):
        committee = request.env["hoa.committee"].browse(committee_id)
        try:
            committee.check_access("read")
            if not committee.exists():
                raise MissingError(committee._name)
        except (AccessError, MissingError):
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "committee": committee,
                "members": committee.member_ids,
                "page_name": "hoa_committee",
            }
        )
        return request.render("hoa_committee.portal_my_committee", values)
