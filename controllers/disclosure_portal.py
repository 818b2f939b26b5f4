from odoo import http
from odoo.http import request

from .portal_base import HoaCommitteePortal


class HoaDisclosurePortal(HoaCommitteePortal):
    """Income and expenditure statements: the list, review, a statement's page."""

    @http.route(
        ["/my/committee/disclosures", "/my/committee/disclosures/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_disclosures(self, page=1, sortby=None, filterby=None, **kw):
        values = self._hoa_list(
            "hoa.disclosure",
            "/my/committee/disclosures",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "date_from desc, version desc, id desc",
                },
            },
            sortby,
            {
                "current": {
                    "label": request.env._("Current versions"),
                    "domain": [("state", "=", "published")],
                },
                "review": {
                    "label": request.env._("For review"),
                    "domain": [("state", "=", "draft")],
                },
                "all": {"label": request.env._("All versions"), "domain": []},
            },
            filterby,
        )
        return request.render("hoa_committee.portal_my_disclosures", values)

    @http.route(
        ["/my/committee/disclosures/<int:disclosure_id>/review"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_disclosure_review(self, disclosure_id, decision=None, text=None, **kw):
        return self._hoa_action(
            "hoa.disclosure",
            disclosure_id,
            lambda disclosure: disclosure._portal_review(decision, text),
            "reviewed",
        )

    @http.route(
        ["/my/committee/disclosures/<int:disclosure_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_disclosure(
        self, disclosure_id, access_token=None, report_type=None, download=False, **kw
    ):
        if report_type in ("html", "pdf"):
            return self._hoa_report(
                "hoa.disclosure",
                disclosure_id,
                access_token,
                report_type,
                download,
                lambda disclosure: "hoa_committee.action_report_disclosure",
            )
        return self._hoa_page(
            "hoa.disclosure",
            disclosure_id,
            access_token,
            "hoa_committee.portal_my_disclosure",
            lambda disclosure: {
                "disclosure": disclosure,
                "my_services": self._hoa_portal_services(disclosure, "publication"),
            },
            **kw,
        )
