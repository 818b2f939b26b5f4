from odoo import fields, http
from odoo.http import request
from odoo.tools import plaintext2html

from .portal_base import HoaCommitteePortal


class HoaNoticePortal(HoaCommitteePortal):
    """The committee's notices: the list, a new one, a notice's page."""

    @http.route(
        ["/my/committee/notices", "/my/committee/notices/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_notices(self, page=1, sortby=None, filterby=None, **kw):
        values = self._hoa_list(
            "hoa.notice",
            "/my/committee/notices",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "requested_date desc, id desc",
                },
                "posting": {
                    "label": request.env._("Posting date"),
                    "order": "date_from desc",
                },
            },
            sortby,
        )
        return request.render("hoa_committee.portal_my_notices", values)

    @http.route(
        ["/my/committee/notices/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_notice_new(self, **post):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hoa_notice",
                "committee": self._hoa_committee(),
                "post": post,
            }
        )
        if request.httprequest.method == "POST":
            title = (post.get("title") or "").strip()
            error = None
            try:
                date_from = fields.Date.to_date(post.get("date_from") or None)
                date_to = fields.Date.to_date(post.get("date_to") or None)
            except ValueError:
                date_from = date_to = None
            if not title:
                error = request.env._("Give the notice a title.")
            elif not (date_from and date_to):
                error = request.env._(
                    "Give the first and the last day the notice is to be posted."
                )
            else:
                done, error = self._hoa_submit(
                    "hoa.notice",
                    {
                        "title": title,
                        "body": plaintext2html(post.get("body") or ""),
                        "location": (post.get("location") or "").strip() or False,
                        "date_from": date_from,
                        "date_to": date_to,
                        "requested_by_id": request.env.user.partner_id.id,
                    },
                )
                if done:
                    return done
            values["error"] = error
        return request.render("hoa_committee.portal_notice_new", values)

    @http.route(
        ["/my/committee/notices/<int:notice_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_notice(self, notice_id, access_token=None, **kw):
        return self._hoa_page(
            "hoa.notice",
            notice_id,
            access_token,
            "hoa_committee.portal_my_notice",
            lambda notice: {"notice": notice},
            **kw,
        )
