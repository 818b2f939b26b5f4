import re
import zlib

from odoo import http
from odoo.http import request

from .portal_base import HoaCommitteePortal

#: a seal's hash as the public may enter it: the whole SHA-256, nothing less
#: (no prefix, no pattern: nobody lists the archive by guessing)
HASH_RE = re.compile(r"[0-9a-f]{64}")
#: the link around a sealed PDF's QR code names its hash
PDF_LINK_RE = re.compile(rb"/hoa/verify\?hash=([0-9a-f]{64})")
PDF_STREAM_RE = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
#: the largest PDF the page reads, and the most seals it answers for at once
PDF_MAX_BYTES = 20 * 1024 * 1024
HASHES_MAX = 10
#: the language of the page when the visitor asks for none
VERIFY_LANG = "zh_CN"


class HoaArchiveSealPortal(HoaCommitteePortal):
    """The seals' hashes in the committee's portal (each sealed document's
    page and the list of the estate's seals), and the public page where
    anyone holding a sealed PDF, or its hash, checks it against the archive."""

    # ------------------------------------------------------------------
    # The members' portal
    # ------------------------------------------------------------------

    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kw
    ):
        values = super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kw
        )
        if "seal_id" in document._fields and document.seal_id:
            self._hoa_seals_seen(document.seal_id)
        return values

    def _hoa_seals_seen(self, seals):
        """The signed-in member saw these seals' hashes: evidence they were
        given (their first view counts)."""
        partner = request.env.user.partner_id
        seals.sudo().receipt_ids.filtered(
            lambda receipt: receipt.partner_id == partner
        )._mark_seen()

    @http.route(
        ["/my/committee/seals", "/my/committee/seals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_seals(self, page=1, sortby=None, **kw):
        values = self._hoa_list(
            "hoa.archive.seal",
            "/my/committee/seals",
            page,
            {
                "newest": {
                    "label": request.env._("Newest"),
                    "order": "sequence desc",
                },
            },
            sortby,
        )
        self._hoa_seals_seen(values["records"])
        return request.render("hoa_committee.portal_my_seals", values)

    # ------------------------------------------------------------------
    # The public verify page
    # ------------------------------------------------------------------

    @http.route(
        "/hoa/verify",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def hoa_verify(self, hash=None, pdf=None, lang=None, **kw):  # pylint: disable=redefined-builtin
        """Whether a hash (typed, or scanned from a PDF's QR code) or an
        uploaded PDF matches the archive: the estate, the document, the date
        and the seal number of the seal it names, nothing else."""
        langs = [code for code, _name in request.env["res.lang"].get_installed()]
        chosen = lang if lang in langs else VERIFY_LANG
        if chosen in langs:
            request.update_context(lang=chosen)
        values = {"hash": (hash or "").strip()[:200], "results": [], "error": None}
        if request.httprequest.method == "POST" and pdf is not None:
            hashes, values["error"] = self._hoa_pdf_hashes(pdf)
        elif values["hash"]:
            hashes = [values["hash"].lower()]
            if not HASH_RE.fullmatch(hashes[0]):
                hashes, values["error"] = [], "not_a_hash"
        else:
            hashes = []
        values["results"] = [self._hoa_verify_result(h) for h in hashes]
        return request.render("hoa_committee.hoa_verify_page", values)

    def _hoa_pdf_hashes(self, upload):
        """The seal hashes a sealed PDF names (the link of its QR code), or
        an error code."""
        data = upload.read(PDF_MAX_BYTES + 1) if hasattr(upload, "read") else b""
        if len(data) > PDF_MAX_BYTES:
            return [], "too_large"
        if not data.startswith(b"%PDF"):
            return [], "not_a_pdf"
        found = PDF_LINK_RE.findall(data)
        if not found:
            # the link may sit in a compressed stream
            for stream in PDF_STREAM_RE.findall(data):
                try:
                    found += PDF_LINK_RE.findall(zlib.decompress(stream))
                except zlib.error:
                    continue
        hashes = list(dict.fromkeys(h.decode() for h in found))[:HASHES_MAX]
        return hashes, (None if hashes else "no_seal")

    def _hoa_verify_result(self, chain_hash):
        """What the public learns of one hash: an exact match of a seal in
        the chain now (its estate, document, date and number), a hash that
        was given but is no longer in the chain (the archive changed since),
        or nothing."""
        seal = (
            request.env["hoa.archive.seal"]
            .sudo()
            .search([("chain_hash", "=", chain_hash)], limit=1)
        )
        if seal:
            return {
                "hash": chain_hash,
                "state": "match",
                "estate": seal.community_id.name,
                "document": seal.name,
                "date": seal._sealed_date(),
                "sequence": seal.sequence,
            }
        given = (
            request.env["hoa.archive.seal.receipt"]
            .sudo()
            .search_count([("chain_hash", "=", chain_hash)], limit=1)
        )
        return {"hash": chain_hash, "state": "changed" if given else "unknown"}
