from odoo import http

from odoo.addons.portal.controllers.portal import CustomerPortal


class HoaDecisionOwnerPortal(CustomerPortal):
    """The owner's vote page: the board notice of the vote as a PDF."""

    @http.route(
        ["/my/decisions/<int:decision_id>/board-notice"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_decision_board_notice(
        self, decision_id, access_token=None, report_type="pdf", download=False, **kw
    ):
        # _hoa_report: the committee portal's (a sibling controller) PDF helper
        return self._hoa_report(
            "hoa.decision",
            decision_id,
            access_token,
            "html" if report_type == "html" else "pdf",
            download,
            lambda decision: (
                decision.state != "draft"
                and "hoa_committee.action_report_decision_board_notice"
            ),
        )
