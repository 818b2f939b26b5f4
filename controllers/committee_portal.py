from odoo import http
from odoo.http import request

from .portal_base import HoaCommitteePortal


class HoaCommitteePagesPortal(HoaCommitteePortal):
    """The committee's own pages: its card and its members."""

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
        committee = self._hoa_readable("hoa.committee", committee_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "committee": committee,
                "members": committee.member_ids,
                "page_name": "hoa_committee",
            }
        )
        return request.render("hoa_committee.portal_my_committee", values)
