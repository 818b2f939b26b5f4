from odoo import http
from odoo.http import request

from .portal_base import HoaCommitteePortal


class HoaMeetingPortal(HoaCommitteePortal):
    """Meetings: the list, a meeting's page, signing the minutes."""

    @http.route(
        ["/my/committee/meetings", "/my/committee/meetings/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_meetings(self, page=1, sortby=None, filterby=None, **kw):
        values = self._hoa_list(
            "hoa.meeting",
            "/my/committee/meetings",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "date_start desc, id desc",
                },
                "reference": {
                    "label": request.env._("Number"),
                    "order": "reference desc",
                },
            },
            sortby,
            {
                "all": {"label": request.env._("All"), "domain": []},
                "sign": {
                    "label": request.env._("To sign"),
                    "domain": self._hoa_to_sign_domain(),
                },
            },
            filterby,
        )
        to_sign = self._hoa_search(
            "hoa.meeting.attendance",
            [
                ("meeting_id", "in", values["records"].ids),
                ("meeting_id.state", "=", "held"),
                ("member_id.partner_id", "=", request.env.user.partner_id.id),
                ("present", "=", True),
                ("signed_at", "=", False),
            ],
        )
        values["to_sign_ids"] = set(to_sign.meeting_id.ids)
        return request.render("hoa_committee.portal_my_meetings", values)

    @http.route(
        ["/my/committee/meetings/<int:meeting_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_meeting(
        self, meeting_id, access_token=None, report_type=None, download=False, **kw
    ):
        if report_type in ("html", "pdf"):
            return self._hoa_report(
                "hoa.meeting",
                meeting_id,
                access_token,
                report_type,
                download,
                lambda meeting: (
                    "hoa_committee.action_report_meeting_minutes"
                    if meeting._portal_can_read_minutes()
                    else "hoa_committee.action_report_meeting_notice"
                ),
            )

        partner = request.env.user.partner_id

        def render(meeting):
            line = meeting._portal_attendance(partner)
            materials = meeting.material_ids
            materials.generate_access_token()
            return {
                "meeting": meeting,
                "my_line": line,
                "can_sign": bool(
                    line
                    and line.present
                    and not line.signed_at
                    and meeting.state == "held"
                ),
                "show_minutes": meeting._portal_can_read_minutes(),
                "materials": materials,
                "my_services": self._hoa_portal_services(meeting, "meeting_notice"),
            }

        return self._hoa_page(
            "hoa.meeting",
            meeting_id,
            access_token,
            "hoa_committee.portal_my_meeting",
            render,
            **kw,
        )

    @http.route(
        ["/my/committee/meetings/<int:meeting_id>/sign"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_meeting_sign(self, meeting_id, **kw):
        ip = request.httprequest.remote_addr
        return self._hoa_action(
            "hoa.meeting",
            meeting_id,
            lambda meeting: meeting._portal_sign(ip=ip),
            "signed",
        )
