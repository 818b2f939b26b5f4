import re
from datetime import date
from urllib.parse import quote, urlencode

from werkzeug.exceptions import Forbidden

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request
from odoo.tools import plaintext2html
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)

#: rows on one page of a portal list
PAGE_SIZE = 20

#: what a page may say after an action, named in its URL
#: (``?success=<code>``; the texts are in ``portal_hoa_alerts``). Any other
#: text in the URL shows nothing: a link cannot put words in our mouth.
HOA_SUCCESS_CODES = (
    "signed",
    "receipt",
    "answered",
    "opinion",
    "ballot",
    "submitted",
    "reviewed",
    "evaluated",
)

#: the session key of the error an action leaves for its page
HOA_ERROR_KEY = "hoa_portal_error"


class HoaCommitteePortal(CustomerPortal):
    """The committee's pages under ``/my``: members read and answer what the
    service centre sends them, owners vote. Lists are searched with the
    user's rights (record rules decide what a member sees); pages of one
    record go through ``_document_check_access`` (rights or access token)
    and every action is a model method that checks who is acting."""

    # ------------------------------------------------------------------
    # /my counters
    # ------------------------------------------------------------------

    def _hoa_counter_domains(self):
        return {
            "hoa_committee_count": ("hoa.committee", []),
            "hoa_meeting_count": ("hoa.meeting", []),
            "hoa_matter_count": (
                "hoa.matter",
                [("state", "in", ("sent", "delivered"))],
            ),
            "hoa_inquiry_count": ("hoa.inquiry", []),
            "hoa_notice_count": ("hoa.notice", []),
            "hoa_decision_count": ("hoa.decision", [("state", "=", "open")]),
            "hoa_disclosure_count": ("hoa.disclosure", [("state", "=", "published")]),
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for key, (model, domain) in self._hoa_counter_domains().items():
            if key in counters:
                Model = request.env[model]
                values[key] = (
                    Model.search_count(domain) if Model.has_access("read") else 0
                )
        return values

    @http.route()
    def home(self, **kw):
        """/my opens on what waits for the member or owner, then on the
        committee's cards with their counts. The counts are rendered with
        the page: Odoo 18 fetches ``placeholder_count`` counters afterwards
        and keeps both the number and a card counting 0 hidden."""
        response = super().home(**kw)
        response.qcontext.update(self._hoa_home_values())
        return response

    def _hoa_home_values(self):
        partner = request.env.user.partner_id
        committee = self._hoa_committee()
        counts = self._prepare_home_portal_values(list(self._hoa_counter_domains()))
        Matter = request.env["hoa.matter"]
        # reports to answer or give an opinion on (receipts are listed apart)
        matters = (
            Matter.search(
                [("state", "=", "delivered"), ("requires_decision", "=", True)],
                order="sent_date, id",
            )
            if committee and Matter.has_access("read")
            else Matter
        )
        voters = self._hoa_search(
            "hoa.decision.voter",
            [("partner_id", "=", partner.id), ("decision_id.state", "=", "open")],
        )
        voted = self._hoa_search(
            "hoa.decision.ballot",
            [
                ("partner_id", "=", partner.id),
                ("decision_id", "in", voters.decision_id.ids),
            ],
        ).decision_id
        votes = (voters.decision_id - voted)._portal_voting_open_records()
        waiting = {
            "sign": request.env["hoa.meeting"].search(
                self._hoa_to_sign_domain(), order="date_start, id"
            ),
            "receipts": self._hoa_receipts_waiting(),
            "matters": matters,
            # closing soonest first
            "votes": votes.sorted(
                lambda decision: (decision.date_close or date.max, decision.id)
            ),
        }
        return {
            "hoa_member": bool(committee),
            "hoa_voter": bool(voters) or bool(counts.get("hoa_decision_count")),
            "hoa_counts": counts,
            "hoa_waiting": waiting,
            "hoa_waiting_any": any(waiting.values()),
            "hoa_vote_close_dates": self._hoa_format_dates(
                waiting["votes"].mapped("date_close")
            ),
        }

    def _hoa_format_dates(self, dates):
        """``{date: text}``: each distinct date as ``t-field`` renders it,
        formatted once. Formatting a date parses the language's locale
        anew (about a millisecond for zh_CN): a list of a thousand rows
        renders its dates from this."""
        converter = request.env["ir.qweb.field.date"]
        return {
            value: converter.value_to_html(value, {}) for value in set(dates) if value
        }

    def _hoa_receipts_waiting(self):
        """The documents sent to the signed-in member that they have not
        confirmed, unless they are already served by other evidence (a
        signed paper receipt, an accepted email, a report delivered). An
        owners' vote notice or result asks no receipt (it is served to the
        owners, not to a committee): an open vote is listed to vote on."""
        user = request.env.user
        if user._is_public():
            return request.env["hoa.service"]
        services = self._hoa_search(
            "hoa.service",
            [
                ("partner_id", "=", user.partner_id.id),
                ("committee_id", "!=", False),
            ],
            order="id",
        )._hoa_best_per_document()
        return services.filtered(
            lambda s: (
                s.state in ("sent", "opened")
                and (document := s._hoa_document())
                and document._hoa_service_awaiting()
            )
        )

    def _hoa_to_sign_domain(self):
        """Held meetings whose minutes wait for the user's signature."""
        return [
            ("state", "=", "held"),
            (
                "attendance_ids",
                "any",
                [
                    ("member_id.partner_id", "=", request.env.user.partner_id.id),
                    ("present", "=", True),
                    ("signed_at", "=", False),
                ],
            ),
        ]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _hoa_list(
        self, model, url, page, sortings, sortby, filters=None, filterby=None
    ):
        """One page of a list: the records, the pager and the search bar."""
        filters = filters or {"all": {"label": request.env._("All"), "domain": []}}
        sortby = sortby if sortby in sortings else next(iter(sortings))
        filterby = filterby if filterby in filters else next(iter(filters))
        Model = request.env[model]
        domain = filters[filterby]["domain"]
        total = Model.search_count(domain) if Model.has_access("read") else 0
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=total,
            page=page,
            step=PAGE_SIZE,
        )
        records = (
            Model.search(
                domain,
                order=sortings[sortby]["order"],
                limit=PAGE_SIZE,
                offset=pager["offset"],
            )
            if total
            else Model
        )
        request.session[f"my_{model.replace('.', '_')}_history"] = records.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # rendered as the user: what they may read, nothing more
                "records": records,
                "pager": pager,
                "default_url": url,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "page_name": f"hoa_{model.split('.')[-1]}",
                "committee": self._hoa_committee(),
            }
        )
        return values

    def _hoa_search(self, model, domain, **kwargs):
        """The user's own search of ``model`` (its record rules apply);
        nothing for a user without read rights on it."""
        Model = request.env[model]
        return Model.search(domain, **kwargs) if Model.has_access("read") else Model

    def _hoa_committee(self):
        partner = request.env.user.partner_id
        Committee = request.env["hoa.committee"]
        if not Committee.has_access("read"):
            return Committee
        # sudo: the page shows the committee's members, other people's
        # partners, which no portal rule on res.partner lets a member read
        return Committee._portal_committee(partner).sudo()

    def _hoa_document(self, model, record_id, access_token=None):
        """The record, sudoed, if the user may read it (rights or token).

        Raises ``MissingError`` (answered 404) for a record that does not
        exist or that a signed-in user may not read, and ``Forbidden`` for a
        visitor whose token does not match."""
        try:
            return self._document_check_access(model, record_id, access_token)
        except MissingError:
            raise
        except AccessError as error:
            if request.env.user._is_public() and access_token:
                raise Forbidden() from error
            raise MissingError(
                request.env._("This document does not exist.")
            ) from error

    def _hoa_page(self, model, record_id, access_token, template, render, **kw):
        """Render one record's page, with the chatter and the previous/next
        links of the list it was opened from, and what the last action said:
        a known success code of the URL, or the error it left in the session
        (never text taken from the URL)."""
        success = kw.pop("success", None)
        kw.pop("error", None)
        try:
            record = self._hoa_document(model, record_id, access_token)
        except MissingError:
            if request.env.user._is_public() and not access_token:
                return request.redirect(
                    f"/web/login?redirect={quote(request.httprequest.full_path)}"
                )
            raise request.not_found() from None
        record._portal_ensure_token()
        values = self._get_page_view_values(
            record,
            access_token,
            {"page_name": f"hoa_{model.split('.')[-1]}", "record": record},
            f"my_{model.replace('.', '_')}_history",
            False,
            **kw,
        )
        values.update(render(record) or {})
        values.update(self._hoa_alert_values(success))
        return request.render(template, values)

    def _hoa_alert_values(self, success):
        return {
            "success": success if success in HOA_SUCCESS_CODES else None,
            "error": request.session.pop(HOA_ERROR_KEY, None),
        }

    def _hoa_redirect_error(self, url, message):
        """Back to ``url``, which shows ``message`` once."""
        request.session[HOA_ERROR_KEY] = message
        return request.redirect(url)

    def _hoa_action(self, model, record_id, action, success):
        """Run a portal action on a record the signed-in user can read, then
        go back to its page saying ``success`` (a key the page knows). A
        ``UserError`` is shown on the page, never as a traceback, and
        nothing of the failed action is kept."""
        try:
            record = self._hoa_document(model, record_id)
        except MissingError:
            raise request.not_found() from None
        url = record.access_url
        try:
            action(request.env[model].browse(record.id))
        except AccessError:  # a UserError too: first
            request.env.cr.rollback()
            raise request.not_found() from None
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._hoa_redirect_error(url, error.args[0])
        return request.redirect(f"{url}?{urlencode({'success': success})}")

    def _hoa_report(
        self, model, record_id, access_token, report_type, download, report_of
    ):
        """The record's PDF (or HTML) for whoever may read the record:
        ``report_of(record)`` names the report, or nothing (answered 404)."""
        try:
            record = self._hoa_document(model, record_id, access_token)
        except (MissingError, Forbidden):
            raise request.not_found() from None
        report = report_of(record)
        if not report:
            raise request.not_found()
        return self._hoa_report_response(record, report_type, download, report)

    def _hoa_report_response(self, record, report_type, download, report):
        """``report`` of ``record`` (sudoed: the caller checked that the user
        may read it), as a download when asked."""
        # Odoo names a downloaded file after ``_get_report_base_filename()``,
        # a method of sale orders and invoices; a committee's PDF is named
        # like its back-office print, after the report's ``print_report_name``.
        response = self._show_report(record, report_type, report)
        if report_type == "pdf" and download:
            response.headers["Content-Disposition"] = content_disposition(
                self._hoa_report_filename(record, report)
            )
        return response

    def _hoa_report_filename(self, record, report_ref):
        report = request.env["ir.actions.report"].sudo()._get_report(report_ref)
        name = (
            safe_eval(report.print_report_name, {"object": record, "time": time})
            if report.print_report_name
            else record.display_name
        )
        # a file name every phone can save: no path separators or spaces
        return re.sub(r'[\\/:*?"<>|\s]+', "_", name.strip()) + ".pdf"

    def _hoa_submit(self, model, values):
        """Create a record from a portal form (the model's ``_portal_submit``
        with the uploaded files). Returns the redirect to its page, or the
        error to show on the form."""
        try:
            record = request.env[model]._portal_submit(values, self._hoa_files())
        except AccessError:  # a UserError too: first
            raise request.not_found() from None
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return None, error.args[0]
        return request.redirect(f"{record.access_url}?success=submitted"), None

    def _hoa_files(self):
        return [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist("attachments")
            if upload.filename
        ]

    # ------------------------------------------------------------------
    # Proof of service: what was served to the signed-in member
    # ------------------------------------------------------------------

    def _hoa_portal_services(self, record, kind=None):
        """The proofs of service of ``record`` (of ``kind``) addressed to the
        signed-in member, now recorded as opened by them: what the page
        offers them to confirm."""
        user = request.env.user
        if user._is_public() or "service_ids" not in record._fields:
            return request.env["hoa.service"]
        domain = [
            ("res_model", "=", record._name),
            ("res_id", "=", record.id),
            ("partner_id", "=", user.partner_id.id),
        ]
        if kind:
            domain.append(("document", "=", kind))
        services = request.env["hoa.service"].search(domain)
        services._hoa_portal_open()
        return services._hoa_best_per_document()

    @http.route(
        ["/my/committee/receipts/<int:service_id>/confirm"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_service_confirm(self, service_id, **kw):
        """确认收到: the recipient confirms they received a served document;
        only the recipient (a row of someone else is not found)."""
        service = request.env["hoa.service"].search([("id", "=", service_id)])
        if not service:
            raise request.not_found()
        document = service.sudo()._hoa_document()
        url = (
            document.access_url
            if document and "access_url" in document._fields
            else "/my"
        )
        try:
            service._hoa_portal_confirm()
        except AccessError:  # a UserError too: first
            request.env.cr.rollback()
            raise request.not_found() from None
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._hoa_redirect_error(url, error.args[0])
        return request.redirect(f"{url}?{urlencode({'success': 'receipt'})}")

    # ------------------------------------------------------------------
    # Committee
    # ------------------------------------------------------------------

    @http.route(["/my/committees"], type="http", auth="user", website=True)
    def portal_my_committees(self, **kw):
        committees = request.env["hoa.committee"].search([])
        values = self._prepare_portal_layout_values()
        values.update({"committees": committees, "page_name": "hoa_committee"})
        return request.render("hoa_committee.portal_my_committees", values)

    @http.route(
        ["/my/committees/<int:committee_id>"], type="http", auth="user", website=True
    )
    def portal_my_committee(self, committee_id, **kw):
        committee = request.env["hoa.committee"].browse(committee_id)
        try:
            committee.check_access("read")
            if not committee.exists():
                raise MissingError(committee._name)
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "committee": committee,
                "members": committee.member_ids,
                "page_name": "hoa_committee",
            }
        )
        return request.render("hoa_committee.portal_my_committee", values)

    # ------------------------------------------------------------------
    # Meetings
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Special-matter reports
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Inquiries
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Notices
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Income and expenditure
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Owners' decisions
    # ------------------------------------------------------------------

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
