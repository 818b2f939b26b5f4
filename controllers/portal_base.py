import re
from datetime import date
from urllib.parse import quote, urlencode

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request
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
    and every action is a model method that checks who is acting.

    This is the shared base: ``/my`` and its counters, the ``_hoa_*``
    helpers and the proofs of service. Each family of documents has its own
    controller on it (``meeting_portal``, ``matter_portal``, ...), as core
    ``sale`` and ``project`` do."""

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

    def _hoa_readable(self, model, record_id):
        """The record as the signed-in user, if they may read it; a record
        that does not exist or that they may not read is not found."""
        record = request.env[model].browse(record_id)
        try:
            record.check_access("read")
            if not record.exists():
                raise MissingError(record._name)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return record

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
        return self._hoa_run(
            record.access_url,
            lambda: action(request.env[model].browse(record.id)),
            success,
        )

    def _hoa_run(self, url, call, success):
        """Run ``call`` for the portal, then go back to ``url`` saying
        ``success``: a refusal of the rules is shown on the page (nothing of
        it kept), a record the user may not touch is not found."""
        try:
            call()
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
        return self._hoa_run(url, service._hoa_portal_confirm, "receipt")
