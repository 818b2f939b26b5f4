from odoo import http
from odoo.http import request

from .portal_base import HoaCommitteePortal

#: the notices the owners of an estate read: those that went up on its boards
OWNER_NOTICE_STATES = ("posted", "expired")


class HoaOwnerPortal(HoaCommitteePortal):
    """What the owners of an estate read in the portal (民法典 arts. 278,
    281–282, 943): their own units, and the estate's published statements,
    posted notices, published committee resolutions and vote results. The
    record rules of ``security/hoa_owner_portal_security.xml`` decide what an
    owner reads; these pages search with the owner's rights."""

    # ------------------------------------------------------------------
    # /my
    # ------------------------------------------------------------------

    def _hoa_counter_domains(self):
        domains = super()._hoa_counter_domains()
        domains.update(
            {
                "hoa_unit_count": ("hoa.unit", self._hoa_my_unit_domain()),
                "hoa_resolution_count": (
                    "hoa.meeting.resolution",
                    [("published_date", "!=", False)],
                ),
            }
        )
        return domains

    def _hoa_home_values(self):
        values = super()._hoa_home_values()
        values["hoa_owner"] = bool(values["hoa_counts"].get("hoa_unit_count"))
        return values

    def _hoa_my_unit_domain(self):
        """The signed-in user's own units (owner or co-owner); units the
        developer holds make nobody an owner."""
        return request.env["hoa.unit"]._held_by_domain(request.env.user.partner_id)

    def _hoa_my_units(self):
        Unit = request.env["hoa.unit"]
        if request.env.user._is_public() or not Unit.has_access("read"):
            return Unit
        return Unit.search(
            self._hoa_my_unit_domain(), order="community_id, building, name, id"
        )

    # ------------------------------------------------------------------
    # The owner's hub
    # ------------------------------------------------------------------

    @http.route(["/my/estate"], type="http", auth="user", website=True)
    def portal_my_estate(self, **kw):
        units = self._hoa_my_units()
        env = request.env
        # searched as the owner; sudo only to tell which estate each is of: an
        # owner reads published resolutions, not the meetings they come from
        resolutions = (
            env["hoa.meeting.resolution"]
            .search([("published_date", "!=", False)])
            .sudo()
            if env["hoa.meeting.resolution"].has_access("read")
            else env["hoa.meeting.resolution"]
        )
        estates = []
        for estate in units.community_id:
            estates.append(
                {
                    "estate": estate,
                    "units": units.filtered(lambda u, e=estate: u.community_id == e),
                    "disclosure_count": self._hoa_count(
                        "hoa.disclosure",
                        [("community_id", "=", estate.id), ("state", "=", "published")],
                    ),
                    "notice_count": self._hoa_count(
                        "hoa.notice",
                        [
                            ("community_id", "=", estate.id),
                            ("state", "in", OWNER_NOTICE_STATES),
                        ],
                    ),
                    "resolution_count": len(
                        resolutions.filtered(
                            lambda r, e=estate: r.meeting_id.community_id == e
                        )
                    ),
                    "result_count": self._hoa_count(
                        "hoa.decision",
                        [("community_id", "=", estate.id), ("state", "=", "published")],
                    ),
                    "vote_count": self._hoa_count(
                        "hoa.decision",
                        [("community_id", "=", estate.id), ("state", "=", "open")],
                    ),
                }
            )
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "hoa_estate", "units": units, "estates": estates})
        return request.render("hoa_committee.portal_my_estate", values)

    def _hoa_count(self, model, domain):
        Model = request.env[model]
        return Model.search_count(domain) if Model.has_access("read") else 0

    # ------------------------------------------------------------------
    # The committee's published resolutions
    # ------------------------------------------------------------------

    @http.route(
        ["/my/resolutions", "/my/resolutions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_resolutions(self, page=1, sortby=None, **kw):
        values = self._hoa_list(
            "hoa.meeting.resolution",
            "/my/resolutions",
            page,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "published_date desc, id desc",
                },
            },
            sortby,
            {
                "all": {
                    "label": request.env._("All"),
                    "domain": [("published_date", "!=", False)],
                },
            },
        )
        # searched as the owner; rendered sudo for the meeting's name and
        # number only: an owner reads published resolutions, not the meetings
        values["records"] = values["records"].sudo()
        return request.render("hoa_committee.portal_my_resolutions", values)

    @http.route(
        ["/my/resolutions/<int:resolution_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_resolution(
        self, resolution_id, report_type=None, download=False, **kw
    ):
        """A published resolution with its meeting's name and date (read
        with sudo once the resolution is readable: owners do not read the
        meeting, its minutes or attendance). The meeting's resolution
        announcement (决议公告) prints all its resolutions, so it is offered
        once every one of them is published."""
        resolution = self._hoa_readable("hoa.meeting.resolution", resolution_id).sudo()
        if not resolution.published_date:
            raise request.not_found()
        meeting = resolution.meeting_id
        announced = all(meeting.resolution_ids.mapped("published_date"))
        report = "hoa_committee.action_report_meeting_resolutions"
        if report_type in ("html", "pdf"):
            if not announced:
                raise request.not_found()
            return self._hoa_report_response(meeting, report_type, download, report)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hoa_resolution",
                "resolution": resolution,
                "meeting": meeting,
                "announced": announced,
            }
        )
        return request.render("hoa_committee.portal_my_resolution", values)

    # ------------------------------------------------------------------
    # Pages shared with the committee: what an owner who is not a member
    # sees of their history
    # ------------------------------------------------------------------

    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kwargs
    ):
        values = super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )
        if document._name in ("hoa.notice", "hoa.disclosure"):
            # the history of a notice or a statement is the exchange between
            # the committee and the service centre: an owner who is not a
            # member reads the document, not the exchange (and posts nothing
            # into it)
            user = request.env.user
            committee = self._hoa_committee()
            values["hoa_show_thread"] = (
                user._is_public()
                or user._is_internal()
                or bool(committee and committee.community_id == document.community_id)
            )
        return values

    # ------------------------------------------------------------------
    # Owners' decisions: the result announcement once published
    # ------------------------------------------------------------------

    @http.route()
    def portal_my_decision(
        self, decision_id, access_token=None, report_type=None, download=False, **kw
    ):
        if report_type in ("html", "pdf"):
            return self._hoa_report(
                "hoa.decision",
                decision_id,
                access_token,
                report_type,
                download,
                lambda decision: (
                    decision.state == "published"
                    and "hoa_committee.action_report_decision_result"
                ),
            )
        return super().portal_my_decision(decision_id, access_token=access_token, **kw)
