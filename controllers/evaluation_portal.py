from odoo import http
from odoo.http import request

from ..rules.evaluation import AREAS
from .portal_base import HoaCommitteePortal


class HoaEvaluationPortal(HoaCommitteePortal):
    """The committee's evaluation of the service centre in the portal: a
    member fills in the scores on a phone and submits them, the other members
    who took part sign. Every action is a model method that checks who acts."""

    @http.route(
        ["/my/committee/evaluations", "/my/committee/evaluations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_evaluations(self, page=1, sortby=None, **kw):
        values = self._hoa_list(
            "hoa.evaluation",
            "/my/committee/evaluations",
            page,
            {
                "period": {
                    "label": request.env._("Newest"),
                    "order": "period desc, id desc",
                }
            },
            sortby,
        )
        return request.render("hoa_committee.portal_my_evaluations", values)

    @http.route(
        ["/my/committee/evaluations/<int:evaluation_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_evaluation(
        self, evaluation_id, access_token=None, report_type=None, download=False, **kw
    ):
        if report_type in ("html", "pdf"):
            return self._hoa_report(
                "hoa.evaluation",
                evaluation_id,
                access_token,
                report_type,
                download,
                lambda evaluation: "hoa_committee.action_report_evaluation",
            )
        partner = request.env.user.partner_id

        def render(evaluation):
            member = evaluation.committee_id.member_ids.filtered(
                lambda m: m.partner_id == partner
            )[:1]
            signed = member and member in evaluation.signature_ids.member_id
            return {
                "evaluation": evaluation,
                "can_fill": bool(member) and evaluation.state == "open",
                "can_sign": bool(member)
                and not signed
                and evaluation.state == "submitted",
                "my_signature": evaluation.signature_ids.filtered(
                    lambda s: s.member_id == member
                )[:1],
            }

        return self._hoa_page(
            "hoa.evaluation",
            evaluation_id,
            access_token,
            "hoa_committee.portal_my_evaluation",
            render,
            **kw,
        )

    @http.route(
        ["/my/committee/evaluations/<int:evaluation_id>/submit"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_evaluation_submit(self, evaluation_id, general_comment=None, **kw):
        scores, comments = {}, {}
        for area in AREAS:
            value = kw.get(f"score_{area}") or "0"
            scores[area] = int(value) if value.isdigit() else -1
            comments[area] = kw.get(f"comment_{area}") or ""
        ip = request.httprequest.remote_addr
        return self._hoa_action(
            "hoa.evaluation",
            evaluation_id,
            lambda evaluation: evaluation._portal_fill(
                scores, comments, general_comment, submit=True, ip=ip
            ),
            "evaluated",
        )

    @http.route(
        ["/my/committee/evaluations/<int:evaluation_id>/sign"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_evaluation_sign(self, evaluation_id, **kw):
        ip = request.httprequest.remote_addr
        return self._hoa_action(
            "hoa.evaluation",
            evaluation_id,
            lambda evaluation: evaluation._portal_sign(ip=ip),
            "signed",
        )
