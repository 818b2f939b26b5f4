from datetime import timedelta

from odoo import fields, http
from odoo.http import request

from ..tools.selection import selection_labels
from .portal_base import HOA_ERROR_KEY, HoaCommitteePortal

#: the committee's counts page covers this many days unless told
COUNTS_DEFAULT_DAYS = 90


class HoaOwnerRequestPortal(HoaCommitteePortal):
    """Owners' questions and complaints in the portal: an owner submits them
    at ``/my/requests/new`` and reads their own (and the answer) under
    ``/my/requests``; committee members see counts by category and building,
    never who asked."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hoa_owner_request_count" in counters:
            Request = request.env["hoa.owner.request"]
            values["hoa_owner_request_count"] = (
                Request.search_count([]) if Request.has_access("read") else 0
            )
        return values

    def _hoa_home_values(self):
        values = super()._hoa_home_values()
        user = request.env.user
        owner = not user._is_public() and bool(
            request.env["hoa.owner.request"]._portal_owner_units(user.partner_id)
        )
        counts = self._prepare_home_portal_values(["hoa_owner_request_count"])
        values["hoa_owner"] = owner
        values["hoa_counts"]["hoa_owner_request_count"] = counts[
            "hoa_owner_request_count"
        ]
        return values

    # ------------------------------------------------------------------
    # The owner's requests
    # ------------------------------------------------------------------

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_owner_requests(self, page=1, sortby=None, filterby=None, **kw):
        values = self._hoa_list(
            "hoa.owner.request",
            "/my/requests",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "received_date desc, id desc",
                },
            },
            sortby,
            {
                "all": {"label": request.env._("All"), "domain": []},
                "open": {
                    "label": request.env._("Awaiting an answer"),
                    "domain": [("state", "=", "new")],
                },
                "answered": {
                    "label": request.env._("Answered"),
                    "domain": [("state", "in", ("answered", "closed"))],
                },
            },
            filterby,
        )
        # the list's name in the breadcrumb is the request's, not the model's
        values["page_name"] = "hoa_owner_request"
        values["hoa_owner"] = bool(
            request.env["hoa.owner.request"]._portal_owner_units(
                request.env.user.partner_id
            )
        )
        return request.render("hoa_committee.portal_my_owner_requests", values)

    def _owner_request_form_values(self, post):
        Request = request.env["hoa.owner.request"]
        units = Request._portal_owner_units(request.env.user.partner_id)
        estates = units.community_id
        buildings = {
            estate.id: sorted(
                set(
                    request.env["hoa.unit"]
                    .sudo()
                    .search([("community_id", "=", estate.id)])
                    .mapped("building")
                )
                - {False},
                key=lambda b: (len(b), b),
            )
            for estate in estates
        }

        def selection(name):
            return Request._fields[name]._description_selection(request.env)

        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hoa_owner_request",
                "units": units,
                "estates": estates,
                "buildings": buildings,
                "kinds": selection("kind"),
                "categories": selection("category"),
                "abouts": selection("about"),
                "post": post,
            }
        )
        return values

    @http.route(
        ["/my/requests/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_owner_request_new(self, **post):
        values = self._owner_request_form_values(post)
        values["error"] = request.session.pop(HOA_ERROR_KEY, None)
        if request.httprequest.method != "POST" or not values["units"]:
            return request.render("hoa_committee.portal_owner_request_new", values)
        error = None
        kind = post.get("kind")
        category = post.get("category")
        about = post.get("about")
        description = (post.get("description") or "").strip()
        unit = values["units"].filtered(
            lambda u: str(u.id) == (post.get("unit_id") or "")
        )
        estate = (
            unit.community_id
            if about == "unit" and unit
            else values["estates"].filtered(
                lambda e: str(e.id) == (post.get("community_id") or "")
            )[:1]
            or values["estates"][:1]
        )
        if kind not in dict(values["kinds"]):
            error = request.env._("Choose a question or a complaint.")
        elif category not in dict(values["categories"]):
            error = request.env._("Choose what it is about: a category.")
        elif about not in dict(values["abouts"]):
            error = request.env._("Say what the request is about.")
        elif not description:
            error = request.env._("Describe your question or complaint.")
        else:
            done, error = self._hoa_submit(
                "hoa.owner.request",
                {
                    "kind": kind,
                    "category": category,
                    "about": about,
                    "community_id": estate.id,
                    "unit_id": unit.id if about == "unit" else False,
                    "building": (post.get("building") or "").strip()
                    if about == "building"
                    else False,
                    "common_part": (post.get("common_part") or "").strip()
                    if about == "common"
                    else False,
                    "description": description,
                },
            )
            if done:
                return done
        values["error"] = error
        return request.render("hoa_committee.portal_owner_request_new", values)

    @http.route(
        ["/my/requests/<int:request_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_owner_request(self, request_id, access_token=None, **kw):
        return self._hoa_page(
            "hoa.owner.request",
            request_id,
            access_token,
            "hoa_committee.portal_my_owner_request",
            # the breadcrumb back to the owner's list
            lambda record: {"owner_request": record, "page_name": "hoa_owner_request"},
            **kw,
        )

    # ------------------------------------------------------------------
    # The committee: counts, never names
    # ------------------------------------------------------------------

    @http.route(
        ["/my/committee/<int:committee_id>/requests"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_committee_owner_requests(
        self, committee_id, date_from=None, date_to=None, **kw
    ):
        committee = self._hoa_readable("hoa.committee", committee_id)
        company = committee.sudo().company_id
        today = company._hoa_today()
        try:
            end = fields.Date.to_date(date_to) if date_to else today
            start = (
                fields.Date.to_date(date_from)
                if date_from
                else end - timedelta(days=COUNTS_DEFAULT_DAYS - 1)
            )
        except ValueError:
            end, start = today, today - timedelta(days=COUNTS_DEFAULT_DAYS - 1)
        if start > end:
            start, end = end, start
        groups = request.env["hoa.owner.request"]._committee_counts(
            committee.sudo(), start, end
        )
        categories = selection_labels(request.env["hoa.owner.request"], "category")
        buildings = sorted(
            {building or "" for _category, building, _count in groups},
            key=lambda b: (len(b), b),
        )
        table = {}
        for category, building, count in groups:
            row = table.setdefault(category, {})
            row[building or ""] = row.get(building or "", 0) + count
        rows = [
            {
                "label": label,
                "counts": [table.get(code, {}).get(b, 0) for b in buildings],
                "total": sum(table.get(code, {}).values()),
            }
            for code, label in categories.items()
            if code in table
        ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "committee": committee.sudo(),
                "page_name": "hoa_committee",
                "date_from": start,
                "date_to": end,
                "buildings": buildings,
                "rows": rows,
                "total": sum(row["total"] for row in rows),
            }
        )
        return request.render("hoa_committee.portal_committee_owner_requests", values)
