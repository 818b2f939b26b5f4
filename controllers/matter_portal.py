from odoo import http
from odoo.http import request

from .portal_base import HoaCommitteePortal


class HoaMatterPortal(HoaCommitteePortal):
    """Special-matter reports: receipt, answer, members' opinions."""

    @http.route(
        ["/my/committee/matters", "/my/committee/matters/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_matters(self, page=1, sortby=None, filterby=None, **kw):
        values = self._hoa_list(
            "hoa.matter",
            "/my/committee/matters",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "sent_date desc, id desc",
                },
                "name": {"label": request.env._("Number"), "order": "name desc"},
            },
            sortby,
            {
                "waiting": {
                    "label": request.env._("Awaiting the committee"),
                    "domain": [("state", "in", ("sent", "delivered"))],
                },
                "all": {"label": request.env._("All"), "domain": []},
            },
            filterby,
        )
        return request.render("hoa_committee.portal_my_matters", values)

    @http.route(
        ["/my/committee/matters/<int:matter_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_matter(
        self, matter_id, access_token=None, report_type=None, download=False, **kw
    ):
        if report_type in ("html", "pdf"):
            return self._hoa_report(
                "hoa.matter",
                matter_id,
                access_token,
                report_type,
                download,
                lambda matter: "hoa_committee.action_report_matter_letter",
            )
        committee = self._hoa_committee()

        def render(matter):
            partner = request.env.user.partner_id
            is_member = bool(
                committee
                and committee == matter.committee_id
                and committee._portal_member(partner)
            )
            awaiting = matter.state == "delivered" and matter.requires_decision
            can_answer = is_member and awaiting and matter._may_enter_answer(partner)
            return {
                "matter": matter,
                # each member confirms the report served to them, once
                "can_confirm": is_member
                and matter.state in ("sent", "delivered", "answered")
                and bool(
                    self._hoa_portal_services(matter, "report").filtered(
                        lambda s: s.state not in ("confirmed", "received")
                    )
                ),
                "can_answer": can_answer,
                "can_opine": is_member and awaiting,
                "resolutions": can_answer
                and request.env["hoa.meeting.resolution"].search(
                    [
                        ("meeting_id.committee_id", "=", committee.id),
                        ("passed", "=", True),
                    ]
                ),
                "serving_members": can_answer
                and committee.member_ids.filtered("active"),
            }

        return self._hoa_page(
            "hoa.matter",
            matter_id,
            access_token,
            "hoa_committee.portal_my_matter",
            render,
            **kw,
        )

    @http.route(
        ["/my/committee/matters/<int:matter_id>/receipt"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_matter_receipt(self, matter_id, **kw):
        return self._hoa_action(
            "hoa.matter",
            matter_id,
            lambda matter: matter._portal_confirm_receipt(),
            "receipt",
        )

    @http.route(
        ["/my/committee/matters/<int:matter_id>/answer"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_matter_answer(
        self, matter_id, answer=None, comment=None, resolution_id=None, **kw
    ):
        resolution = request.env["hoa.meeting.resolution"].browse(
            int(resolution_id) if (resolution_id or "").isdigit() else []
        )
        signers = request.env["hoa.committee.member"].browse(
            [
                int(value)
                for value in request.httprequest.form.getlist("signer_ids")
                if value.isdigit()
            ]
        )
        return self._hoa_action(
            "hoa.matter",
            matter_id,
            lambda matter: matter._portal_answer(answer, comment, resolution, signers),
            "answered",
        )

    @http.route(
        ["/my/committee/matters/<int:matter_id>/opinion"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_matter_opinion(self, matter_id, opinion=None, text=None, **kw):
        return self._hoa_action(
            "hoa.matter",
            matter_id,
            lambda matter: matter._portal_give_opinion(opinion, text),
            "opinion",
        )
