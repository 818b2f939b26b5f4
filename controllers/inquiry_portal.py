from odoo import http
from odoo.http import request
from odoo.tools import plaintext2html

from .portal_base import HoaCommitteePortal


class HoaInquiryPortal(HoaCommitteePortal):
    """The committee's inquiries: the list, a new one, an inquiry's page."""

    @http.route(
        ["/my/committee/inquiries", "/my/committee/inquiries/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_inquiries(self, page=1, sortby=None, filterby=None, **kw):
        values = self._hoa_list(
            "hoa.inquiry",
            "/my/committee/inquiries",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "received_date desc, id desc",
                },
                "deadline": {
                    "label": request.env._("Deadline"),
                    "order": "deadline, id",
                },
            },
            sortby,
            {
                "all": {"label": request.env._("All"), "domain": []},
                "open": {
                    "label": request.env._("Awaiting an answer"),
                    "domain": [
                        (
                            "state",
                            "in",
                            ("recorded", "assessed", "escalated", "reply_sent"),
                        )
                    ],
                },
                "answered": {
                    "label": request.env._("Answered"),
                    "domain": [("state", "in", ("answered", "closed"))],
                },
            },
            filterby,
        )
        return request.render("hoa_committee.portal_my_inquiries", values)

    @http.route(
        ["/my/committee/inquiries/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_inquiry_new(self, **post):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hoa_inquiry",
                "committee": self._hoa_committee(),
                "types": request.env["hoa.inquiry"]
                ._fields["inquiry_type"]
                ._description_selection(request.env),
                "post": post,
            }
        )
        if request.httprequest.method == "POST":
            subject = (post.get("subject") or "").strip()
            inquiry_type = post.get("inquiry_type")
            error = None
            if not subject:
                error = request.env._("Give your inquiry a subject.")
            elif inquiry_type not in dict(values["types"]):
                error = request.env._("Choose a query, a suggestion or a request.")
            else:
                done, error = self._hoa_submit(
                    "hoa.inquiry",
                    {
                        "subject": subject,
                        "inquiry_type": inquiry_type,
                        "description": plaintext2html(post.get("description") or ""),
                        "channel": "portal",
                        "raised_by_id": request.env.user.partner_id.id,
                    },
                )
                if done:
                    return done
            values["error"] = error
        return request.render("hoa_committee.portal_inquiry_new", values)

    @http.route(
        ["/my/committee/inquiries/<int:inquiry_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_inquiry(
        self, inquiry_id, access_token=None, report_type=None, download=False, **kw
    ):
        if report_type in ("html", "pdf"):
            return self._hoa_report(
                "hoa.inquiry",
                inquiry_id,
                access_token,
                report_type,
                download,
                # the reply letter exists once the inquiry is answered
                lambda inquiry: (
                    inquiry.state in ("reply_sent", "answered", "closed")
                    and "hoa_committee.action_report_inquiry_reply"
                ),
            )

        def render(inquiry):
            # the reply letter served to the member in the portal reaches
            # them when they open this page
            return {
                "inquiry": inquiry,
                "my_services": self._hoa_portal_services(inquiry, "reply_letter"),
            }

        return self._hoa_page(
            "hoa.inquiry",
            inquiry_id,
            access_token,
            "hoa_committee.portal_my_inquiry",
            render,
            **kw,
        )
