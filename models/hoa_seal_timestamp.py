import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import timestamps
from ..tools.cron_lock import commit_job, single_run

_logger = logging.getLogger(__name__)

#: fields the verification may write on a timestamp; nothing else ever changes
VERIFY_FIELDS = {"verify_state", "verified_at"}


class HoaSealTimestamp(models.Model):
    """A trusted timestamp (可信时间戳, RFC 3161) of a seal's chain hash: the
    token a time-stamping authority signed, proving that the estate's chain up
    to that seal existed at that moment. A chain recomputed afterwards no
    longer matches the token; a token altered no longer verifies."""

    _name = "hoa.seal.timestamp"
    _inherit = ["hoa.state.guard.mixin"]
    _description = "Trusted Timestamp"
    _order = "gen_time desc, id desc"
    _rec_name = "serial"
    #: only the verification marks a timestamp
    _state_guard_fields = tuple(VERIFY_FIELDS)

    seal_id = fields.Many2one(
        "hoa.archive.seal",
        string="Stamped Seal",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    community_id = fields.Many2one(
        related="seal_id.community_id", store=True, index=True
    )
    company_id = fields.Many2one(related="seal_id.company_id", store=True, index=True)
    sequence = fields.Integer(related="seal_id.sequence", string="Link")
    chain_hash = fields.Char(
        string="Stamped Hash",
        required=True,
        readonly=True,
        help="The seal's chain hash when it was stamped: the token's message "
        "imprint (SHA-256).",
    )
    token = fields.Binary(
        attachment=False,
        required=True,
        readonly=True,
        help="The RFC 3161 time-stamp token (DER) signed by the authority.",
    )
    gen_time = fields.Datetime(
        string="Timestamp Time", required=True, readonly=True, index=True
    )
    serial = fields.Char(string="Serial Number", required=True, readonly=True)
    tsa_name = fields.Char(string="Time-Stamping Authority", readonly=True)
    tsa_url = fields.Char(string="Authority URL", readonly=True)
    verify_state = fields.Selection(
        [
            ("ok", "Valid"),
            ("tampered", "Token Invalid"),
            ("changed", "Chain Changed After Timestamp"),
        ],
        string="Verification",
        readonly=True,
    )
    verified_at = fields.Datetime(readonly=True)

    # ------------------------------------------------------------------
    # Never changed, never deleted
    # ------------------------------------------------------------------

    def write(self, vals):
        if set(vals) - VERIFY_FIELDS:
            raise UserError(self.env._("A trusted timestamp is never changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A trusted timestamp is never deleted."))

    # ------------------------------------------------------------------
    # Stamping
    # ------------------------------------------------------------------

    @api.model
    def _seal_added(self, seal):
        """A seal was just added: when its company asks for a timestamp of
        every seal, have the stamping job run soon (after this transaction;
        the authority's answer never holds up sealing)."""
        company = seal.sudo().company_id
        if company.hoa_tsa_every_seal and company.hoa_tsa_url:
            self.env.ref("hoa_committee.ir_cron_seal_timestamp").sudo()._trigger()

    @api.model
    @single_run
    def _cron_stamp(self):
        """Nightly (and soon after a seal where every seal is stamped): the
        chain head of every estate of a company with an authority is stamped
        once, and every seal where the company asks for it. Idempotent: a seal
        with a timestamp is not stamped again; one that failed is tried again
        on the next run. One estate at a time, each in its own transaction."""
        Seal = self.env["hoa.archive.seal"].sudo()
        companies = (
            self.env["res.company"]
            .sudo()
            .search(
                [("hoa_tsa_url", "!=", False), ("hoa_tsa_certificate", "!=", False)]
            )
        )
        if not companies:
            return True
        seals = Seal.search(
            [("company_id", "in", companies.ids)], order="community_id, sequence"
        )
        stamped = set(self.sudo().search([("seal_id", "in", seals.ids)]).seal_id.ids)
        unreachable = {}
        estates = seals.grouped("community_id")
        for done, (community, chain) in enumerate(estates.items(), start=1):
            company = community.company_id
            todo = chain if company.hoa_tsa_every_seal else chain[-1:]
            todo = todo.filtered(lambda seal: seal.id not in stamped)
            if todo:
                error = unreachable.get(company)
                if error is None:
                    error = self._stamp_seals(todo)
                    if isinstance(error, timestamps.TsaUnreachable):
                        # the authority is down: the company's other estates
                        # are not made to wait for it again
                        unreachable[company] = error
                if error:
                    self._log_failure(community, error)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(estates) - done
            )
            if not commit_job(self.env):
                return False
        return True

    @api.model
    def _stamp_seals(self, seals):
        """Timestamp ``seals`` (of one company) one by one; returns the error
        that stopped it, or None."""
        company = seals.company_id
        for seal in seals:
            try:
                token, info = timestamps.request_token(
                    company.hoa_tsa_url, seal.chain_hash, company.hoa_tsa_certificate
                )
            except timestamps.TimestampError as error:
                _logger.warning(
                    "Trusted timestamp of seal %s (%s) failed: %s",
                    seal.id,
                    company.hoa_tsa_url,
                    error,
                )
                return error
            self.sudo()._create_in_state(
                {
                    "seal_id": seal.id,
                    "chain_hash": seal.chain_hash,
                    "token": base64.b64encode(token),
                    "gen_time": info.gen_time,
                    "serial": info.serial,
                    "tsa_name": info.tsa,
                    "tsa_url": company.hoa_tsa_url,
                    "verify_state": "ok",
                    "verified_at": fields.Datetime.now(),
                }
            )
        return None

    @api.model
    def _log_failure(self, community, error):
        """Note the failure on the estate's chatter, in its company's
        language, for the administrators."""
        lang = community.company_id.partner_id.lang or self.env.lang
        community = community.sudo().with_context(lang=lang)
        if isinstance(error, timestamps.TsaUnreachable):
            body = community.env._(
                "The time-stamping authority %(url)s could not timestamp the "
                "archive chain: %(error)s. It is tried again next night.",
                url=community.company_id.hoa_tsa_url,
                error=str(error),
            )
        else:
            body = community.env._(
                "The token of the time-stamping authority %(url)s does not verify "
                "against the certificate in the settings: %(error)s. It is tried "
                "again next night.",
                url=community.company_id.hoa_tsa_url,
                error=str(error),
            )
        admins = self.env.ref("hoa_committee.group_hoa_admin").users.partner_id
        community.message_post(
            body=body, partner_ids=admins.ids, subtype_xmlid="mail.mt_note"
        )

    # ------------------------------------------------------------------
    # Verifying
    # ------------------------------------------------------------------

    @api.model
    def _verify_seals(self, seals):
        """Part of the archive verification: check every token of ``seals``
        against its company's certificate and the seal's chain hash as it is
        now. A seal whose token no longer holds — tampered with, or a chain
        changed after it was timestamped — is marked broken. Returns the
        timestamps that fail."""
        now = fields.Datetime.now()
        stamps = self.sudo().search([("seal_id", "in", seals.ids)])
        states = {}
        for stamp in stamps:
            certificate = stamp.company_id.hoa_tsa_certificate
            if not certificate:
                continue  # nothing to verify against: left as it was
            try:
                timestamps.verify_token(
                    base64.b64decode(stamp.token or b""),
                    stamp.seal_id.chain_hash,
                    certificate,
                )
                state = "ok"
            except timestamps.ImprintMismatch:
                state = "changed"
            except timestamps.TimestampError as error:
                _logger.warning("Trusted timestamp %s: %s", stamp.id, error)
                state = "tampered"
            states.setdefault(state, self.sudo())
            states[state] |= stamp
        for state, group in states.items():
            group._set_state({"verify_state": state, "verified_at": now})
        failed = stamps.filtered(lambda s: s.verify_state not in ("ok", False))
        failed.seal_id.filtered(lambda s: s.verify_state == "ok")._set_state(
            {"verify_state": "broken", "verified_at": now}
        )
        return failed

    # ------------------------------------------------------------------
    # Printing
    # ------------------------------------------------------------------

    @api.model
    def _covering(self, seal):
        """The first valid timestamp that proves ``seal``: of the seal itself
        or of a later link of its chain (which includes it)."""
        if not seal:
            return self.browse()
        return self.sudo().search(
            [
                ("community_id", "=", seal.community_id.id),
                ("seal_id.sequence", ">=", seal.sequence),
                ("verify_state", "=", "ok"),
            ],
            order="gen_time, id",
            limit=1,
        )
