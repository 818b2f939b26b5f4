from odoo import http
from odoo.exceptions import MissingError
from odoo.http import request

from .portal_base import HoaCommitteePortal


class HoaDecisionPortal(HoaCommitteePortal):
    """Owners' decisions: the list, a decision's page, the ballot."""

    @http.route(
        ["/my/decisions", "/my/decisions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_decisions(self, page=1, sortby=None, filterby=None, **kw):
        values = self._hoa_list(
            "hoa.decision",
            "/my/decisions",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "date_open desc, id desc",
                },
                "close": {
                    "label": request.env._("Closing date"),
                    "order": "date_close, id",
                },
            },
            sortby,
            {
                "all": {"label": request.env._("All"), "domain": []},
                "open": {
                    "label": request.env._("Voting"),
                    "domain": [("state", "=", "open")],
                },
                "published": {
                    "label": request.env._("Results"),
                    "domain": [("state", "=", "published")],
                },
            },
            filterby,
        )
        ballots = self._hoa_search(
            "hoa.decision.ballot",
            [
                ("decision_id", "in", values["records"].ids),
                ("partner_id", "=", request.env.user.partner_id.id),
            ],
        )
        values["my_ballots"] = {ballot.decision_id.id: ballot for ballot in ballots}
        return request.render("hoa_committee.portal_my_decisions", values)

    def _hoa_decision_values(self, decision):
        partner = request.env.user.partner_id
        voter = decision._portal_voter(partner)
        # sudo: the page also opens from a link's token for a visitor, who
        # has no rights on ballots; the search is the user's own ballot only
        ballot = (
            request.env["hoa.decision.ballot"]
            .sudo()
            .search(
                [("decision_id", "=", decision.id), ("partner_id", "=", partner.id)],
                limit=1,
            )
        )
        return {
            "decision": decision,
            "voter": voter,
            "ballot": ballot,
            "can_vote": bool(voter) and decision._portal_voting_open(),
            "choices": request.env["hoa.decision.ballot"]
            ._fields["choice"]
            ._description_selection(request.env),
        }

    @http.route(
        ["/my/decisions/<int:decision_id>"], type="http", auth="public", website=True
    )
    def portal_my_decision(self, decision_id, access_token=None, **kw):
        return self._hoa_page(
            "hoa.decision",
            decision_id,
            access_token,
            "hoa_committee.portal_my_decision",
            self._hoa_decision_values,
            **kw,
        )

    @http.route(
        ["/my/decisions/<int:decision_id>/ballot"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_decision_ballot(self, decision_id, choice=None, confirm=None, **kw):
        """First step shows the choice back for confirmation; the second,
        with ``confirm``, casts it."""
        if confirm:
            return self._hoa_action(
                "hoa.decision",
                decision_id,
                lambda decision: decision._portal_cast(choice),
                "ballot",
            )
        try:
            decision = self._hoa_document("hoa.decision", decision_id)
        except MissingError:
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        values.update(self._hoa_decision_values(decision))
        if not values["voter"]:
            raise request.not_found()
        if choice not in dict(values["choices"]):
            error = request.env._("Choose agree, oppose or abstain.")
            return self._hoa_redirect_error(decision.access_url, error)
        values.update({"page_name": "hoa_decision", "choice": choice})
        return request.render("hoa_committee.portal_decision_confirm", values)
