import hashlib
from collections import defaultdict
from urllib.parse import urlencode

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from ..tools.cron_lock import commit_job, single_run
from ..tools.selection import selection_label
from .access import check_admin

#: the "previous hash" of an estate's first seal
GENESIS = "0" * 64

#: sealed records read and digested together by the verification
VERIFY_BATCH = 500

#: estates verified in one transaction by the nightly job
VERIFY_ESTATES_PER_COMMIT = 25

#: fields the verification (and an administrator's acknowledgement of what
#: it found) may write on a seal; nothing else ever changes
VERIFY_FIELDS = {
    "verify_state",
    "verified_at",
    "verify_finding",
    "acknowledged_finding",
    "acknowledged_by_id",
    "acknowledged_at",
    "acknowledge_reason",
}


class HoaArchiveSeal(models.Model):
    """One link of an estate's hash chain: the SHA-256 of a canonical
    rendering of a sealed record (signed minutes, a published result, a
    delivered letter, a published statement) and of the previous link.
    Altering the record, or a seal, or removing either, breaks the chain at
    that point: "Verify the Archive" finds it."""

    _name = "hoa.archive.seal"
    _inherit = ["hoa.state.guard.mixin"]
    _description = "Archive Seal"
    _order = "community_id, sequence desc"
    _rec_name = "name"
    #: only the verification marks a seal
    _state_guard_fields = tuple(VERIFY_FIELDS)

    community_id = fields.Many2one(
        "hoa.community", string="Estate", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(string="Link", required=True, readonly=True)
    name = fields.Char(string="Sealed Record", required=True, readonly=True)
    kind = fields.Selection(
        [
            ("minutes", "Signed Minutes"),
            ("result", "Published Result"),
            ("letter", "Delivered Letter"),
            ("disclosure", "Published Statement"),
        ],
        required=True,
        readonly=True,
    )
    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Many2oneReference(
        model_field="res_model", required=True, readonly=True
    )
    content_hash = fields.Char(required=True, readonly=True)
    previous_hash = fields.Char(required=True, readonly=True)
    chain_hash = fields.Char(string="Seal", required=True, readonly=True, index=True)
    sealed_at = fields.Datetime(required=True, readonly=True)
    sealed_by_id = fields.Many2one("res.users", required=True, readonly=True)
    verify_state = fields.Selection(
        [
            ("ok", "Intact"),
            ("altered", "Content Altered"),
            ("broken", "Chain Broken"),
            ("missing", "Record Missing"),
            ("rewritten", "Chain Rewritten"),
            ("truncated", "Chain Truncated"),
        ],
        string="Verification",
        readonly=True,
    )
    verified_at = fields.Datetime(readonly=True)
    # what the committee received, and what an administrator acknowledged
    receipt_ids = fields.One2many(
        "hoa.archive.seal.receipt", "seal_id", string="Hashes Given", readonly=True
    )
    verify_finding = fields.Char(readonly=True)
    acknowledged_finding = fields.Char(readonly=True)
    acknowledged_by_id = fields.Many2one("res.users", readonly=True)
    acknowledged_at = fields.Datetime(readonly=True)
    acknowledge_reason = fields.Text(readonly=True)
    verify_acknowledged = fields.Boolean(
        string="Acknowledged",
        compute="_compute_verify_acknowledged",
        store=True,
    )

    _sql_constraints = [
        (
            "link_once",
            "unique(community_id, sequence)",
            "An estate's chain has one seal per link.",
        ),
    ]

    @staticmethod
    def _chain(previous_hash, content_hash, kind, res_model, res_id, sequence):
        text = "|".join(
            [previous_hash, content_hash, kind, res_model, str(res_id), str(sequence)]
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def _expected_chain(self, previous_hash):
        self.ensure_one()
        return self._chain(
            previous_hash,
            self.content_hash,
            self.kind,
            self.res_model,
            self.res_id,
            self.sequence,
        )

    # ------------------------------------------------------------------
    # Never changed, never deleted
    # ------------------------------------------------------------------

    def write(self, vals):
        self.check_access("write")  # who may not write at all is told so
        if set(vals) - VERIFY_FIELDS:
            raise UserError(self.env._("An archive seal is never changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("An archive seal is never deleted."))

    # ------------------------------------------------------------------
    # Sealing and verifying
    # ------------------------------------------------------------------

    @api.model
    def _seal(self, record, kind):
        """Add ``record`` to the end of its estate's chain. The estate row is
        written first (not only locked): two seals of one estate at once
        cannot fork the chain. Locking alone is not enough under Odoo's
        REPEATABLE READ: the second transaction would get the lock once the
        first commits but still read the chain of its older snapshot, and
        compute the same link (a unique violation, the member's signature
        refused). Writing the row makes it fail with a serialization error
        instead, which Odoo answers by running the request again on a fresh
        snapshot that sees the first seal."""
        community = record.community_id
        self.env.cr.execute(
            "UPDATE hoa_community SET write_date = write_date WHERE id = %s",
            [community.id],
        )
        last = self.sudo().search(
            [("community_id", "=", community.id)], order="sequence desc", limit=1
        )
        sequence = last.sequence + 1
        previous = last.chain_hash or GENESIS
        content = record._seal_digest()
        seal = (
            self.sudo()
            .with_context(tracking_disable=True)
            ._create_in_state(
                {
                    "community_id": community.id,
                    "sequence": sequence,
                    # read by the estate's staff: in its company's language
                    "name": record.with_context(
                        lang=community.company_id.partner_id.lang or self.env.lang
                    ).display_name,
                    "kind": kind,
                    "res_model": record._name,
                    "res_id": record.id,
                    "content_hash": content,
                    "previous_hash": previous,
                    "chain_hash": self._chain(
                        previous, content, kind, record._name, record.id, sequence
                    ),
                    "sealed_at": fields.Datetime.now(),
                    "sealed_by_id": self.env.uid,
                    "verify_state": "ok",
                    "verified_at": fields.Datetime.now(),
                }
            )
        )
        self.env["hoa.seal.timestamp"]._seal_added(seal)
        return seal

    @api.model
    def _verify(self, communities=None):
        """Recompute every chain (of ``communities``, or all) from the records
        as they are now; mark each seal and return those that fail."""
        Seal = self.sudo()
        domain = [("community_id", "in", communities.ids)] if communities else []
        seals = Seal.search(domain, order="community_id, sequence")
        now = fields.Datetime.now()
        digests = self._current_digests(seals)
        rewritten, truncated = self._verify_received(seals, communities)
        rewritten = set(rewritten.ids)
        states = defaultdict(list)
        findings = []
        previous_by_estate = {}
        for seal in seals:
            previous = previous_by_estate.get(seal.community_id.id, GENESIS)
            digest = digests.get((seal.res_model, seal.res_id))
            if (
                seal.previous_hash != previous
                or seal.chain_hash != seal._expected_chain(seal.previous_hash)
            ):
                state = "broken"
            elif seal.id in rewritten:
                state = "rewritten"
            elif digest is None:
                state = "missing"
            elif digest != seal.content_hash:
                state = "altered"
            elif seal in truncated:
                state = "truncated"
            else:
                state = "ok"
            finding = seal._verify_finding(state, digest, truncated.get(seal))
            if seal.verify_finding != finding:
                findings.append((seal, finding))
            states[state].append(seal.id)
            previous_by_estate[seal.community_id.id] = seal.chain_hash
        for state, ids in states.items():
            Seal.browse(ids)._set_state({"verify_state": state, "verified_at": now})
        for seal, finding in findings:
            seal._set_state({"verify_finding": finding})
        # trusted timestamps: a tampered token, or a chain changed since
        self.env["hoa.seal.timestamp"]._verify_seals(seals)
        return seals.filtered(lambda s: s.verify_state != "ok")

    @api.model
    def _current_digests(self, seals):
        """``{(model, id): digest}`` of the records sealed by ``seals`` as
        they are now (none for a record that no longer exists): the records
        of a model read and digested by batches, their files together, the
        cache emptied after each batch."""
        digests = {}
        for res_model, group in seals.grouped("res_model").items():
            Model = self.env[res_model].sudo().with_context(active_test=False)
            res_ids = list(dict.fromkeys(group.mapped("res_id")))
            for batch in split_every(VERIFY_BATCH, res_ids):
                records = Model.browse(batch).exists()
                for res_id, digest in records._seal_digests().items():
                    digests[res_model, res_id] = digest
                self.env.invalidate_all()
        return digests

    def action_verify(self):
        """The list's button: verify the chains of every estate the user
        reads, whatever is selected. Administrators only: what it finds is
        theirs to acknowledge."""
        check_admin(self.env)
        # every estate is checked: a company has hundreds, not millions
        communities = (
            self.env["hoa.community"].with_context(active_test=False).search([])  # pylint: disable=no-search-all
        )
        count = self.sudo().search_count([("community_id", "in", communities.ids)])
        # a large archive: a background job, the user is told when it is done
        Jobs = self.env["hoa.background.job"]
        if not Jobs._hoa_runs_inline("archive_verify", count):
            return Jobs._hoa_enqueue("archive_verify", communities)
        failed = self._verify(communities) if communities else self.browse()
        if failed:
            message = self.env._(
                "%(failed)s of %(count)s seals do not match the records: see the "
                "seals marked in red.",
                failed=len(failed),
                count=count,
            )
        else:
            message = self.env._(
                "All %(count)s seals match the records: the archive is intact.",
                count=count,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Archive verified"),
                "message": message,
                "type": "danger" if failed else "success",
                "sticky": bool(failed),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    @single_run
    def _cron_verify(self):
        """Nightly: verify every chain; tell the administrators of every
        failing seal none of them has acknowledged yet, night after night
        (running Verify in between does not silence it). A batch of estates
        at a time, each batch in its own transaction."""
        Community = self.env["hoa.community"].sudo().with_context(active_test=False)
        sealed = [
            community.id
            for [community] in self.sudo()._read_group([], ["community_id"])
        ]
        done = 0
        for batch in split_every(VERIFY_ESTATES_PER_COMMIT, sealed):
            self._verify_and_alert(Community.browse(batch))
            done += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(sealed) - done
            )
            if not commit_job(self.env):
                return True
        admins = self.env.ref("hoa_committee.group_hoa_admin").users.partner_id
        for community, receipts in self._received_without_chain().items():
            community.sudo().message_post(
                body=self.env._(
                    "Archive verification: %(estate)s has no seal left, yet its "
                    "committee was given the hashes of seals %(links)s.",
                    estate=community.name,
                    links=", ".join(map(str, sorted(set(receipts.mapped("sequence"))))),
                ),
                partner_ids=admins.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _verify_and_alert(self, communities):
        """Verify the chains of ``communities`` and tell the administrators
        of the failing seals not acknowledged."""
        failed = self._verify(communities)
        pending = failed.filtered(lambda s: not s.verify_acknowledged)
        admins = self.env.ref("hoa_committee.group_hoa_admin").users.partner_id
        for community, seals in pending.grouped("community_id").items():
            community.sudo().message_post(
                body=self.env._(
                    "Archive verification: %(names)s no longer match their seals.",
                    names=", ".join(
                        f"{seal.name} ({seal._verify_state_label()})" for seal in seals
                    ),
                ),
                partner_ids=admins.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return failed

    # ------------------------------------------------------------------
    # The hash given to the committee, compared by Verify
    # ------------------------------------------------------------------

    @api.depends("verify_state", "verify_finding", "acknowledged_finding")
    def _compute_verify_acknowledged(self):
        for seal in self:
            seal.verify_acknowledged = bool(
                seal.verify_state not in ("ok", False)
                and seal.acknowledged_finding
                and seal.acknowledged_finding == seal.verify_finding
            )

    def _verify_state_label(self):
        self.ensure_one()
        return selection_label(self, "verify_state", self.verify_state)

    def _verify_finding(self, state, digest, missing_links):
        """What Verify found on this seal, as one text: an acknowledgement
        holds for this finding only, not for a later, different one.
        ``digest``: the sealed record's as it is now."""
        self.ensure_one()
        if state == "ok":
            return False
        detail = {
            "altered": lambda: digest,
            "rewritten": lambda: ",".join(
                sorted(set(self._received().mapped("chain_hash")))
            ),
            "truncated": lambda: ",".join(map(str, missing_links or ())),
            "broken": lambda: f"{self.previous_hash},{self.content_hash}",
        }.get(state, lambda: "")()
        return f"{state}|{self.chain_hash}|{detail}"

    def _received(self):
        """The hashes the committee received for this seal's link."""
        self.ensure_one()
        return (
            self.env["hoa.archive.seal.receipt"]
            .sudo()
            .search(
                [
                    ("community_id", "=", self.community_id.id),
                    ("sequence", "=", self.sequence),
                ]
            )
        )

    @api.model
    def _verify_received(self, seals, communities=None):
        """Compare the chain with the hashes its committees received.

        :returns: the seals whose hash is not the one given (the chain was
            recomputed after a change: rewritten), and, by estate whose
            received links no longer exist (its newest seals deleted), its
            last remaining seal with the missing links (truncated)
        """
        domain = [("community_id", "in", communities.ids)] if communities else []
        # each hash given once, however many members received it
        given = (
            self.env["hoa.archive.seal.receipt"]
            .sudo()
            ._read_group(domain, ["community_id", "sequence", "chain_hash"])
        )
        by_link = {(seal.community_id.id, seal.sequence): seal for seal in seals}
        last_by_estate = {seal.community_id.id: seal for seal in seals}
        rewritten = []
        missing = defaultdict(set)
        for community, sequence, chain_hash in given:
            seal = by_link.get((community.id, sequence))
            if not seal:
                missing[community.id].add(sequence)
            elif seal.chain_hash != chain_hash:
                rewritten.append(seal.id)
        rewritten = self.sudo().browse(rewritten)
        truncated = {
            last_by_estate[community_id]: sorted(links)
            for community_id, links in missing.items()
            if community_id in last_by_estate
        }
        return rewritten, truncated

    def _sealed_record(self):
        """The record this seal covers, if it still exists."""
        self.ensure_one()
        return (
            self.env[self.res_model]
            .sudo()
            .with_context(active_test=False)
            .browse(self.res_id)
            .exists()
        )

    def _sealed_date(self):
        """The day it was sealed, in its company's time zone."""
        self.ensure_one()
        return self.company_id._hoa_date(self.sealed_at)

    @api.model
    def _received_without_chain(self):
        """The hashes given to committees of estates that have no seal left
        (their whole chain deleted), by estate: no seal remains to mark, so
        the nightly job names the estate until the chain is restored."""
        Receipt = self.env["hoa.archive.seal.receipt"].sudo()
        # the estates that still have a seal, without reading every seal
        sealed = [
            community.id
            for (community,) in self.sudo()._read_group([], ["community_id"])
            if community
        ]
        return Receipt.search([("community_id", "not in", sealed)]).grouped(
            "community_id"
        )

    def _verify_url(self):
        """The public page that tells whoever holds this seal's hash whether
        it matches the archive (the QR code of the PDFs)."""
        self.ensure_one()
        return (
            f"{self.get_base_url()}/hoa/verify?{urlencode({'hash': self.chain_hash})}"
        )

    def _give_to_committee(self, record):
        """Give this new seal's hash to the committee of its estate: each
        serving member is emailed it (``mail_template_archive_seal``) and
        finds it in the portal. What was given, to whom and when is kept
        (``hoa.archive.seal.receipt``): Verify compares the chain with it."""
        self.ensure_one()
        seal = self.sudo()
        partners = seal.community_id.committee_id.member_ids.filtered(
            "active"
        ).partner_id
        if not partners:
            return seal.receipt_ids
        template = self.env.ref("hoa_committee.mail_template_archive_seal").sudo()
        company_lang = seal.company_id.partner_id.lang
        now = fields.Datetime.now()
        vals_list = []
        for partner in partners:
            mail = self.env["mail.mail"].sudo()
            if partner.email:
                mail = mail.browse(
                    template.with_context(lang=partner.lang or company_lang).send_mail(
                        seal.id,
                        email_layout_xmlid="mail.mail_notification_light",
                        email_values={"recipient_ids": [Command.link(partner.id)]},
                    )
                )
            vals_list.append(
                {
                    "seal_id": seal.id,
                    "partner_id": partner.id,
                    "channel": "email" if mail else "portal",
                    "mail_id": mail.id,
                    "sent_at": now,
                }
            )
        receipts = self.env["hoa.archive.seal.receipt"].sudo().create(vals_list)
        record.sudo()._message_log(
            body=self.with_context(lang=company_lang or self.env.lang).env._(
                "Archive seal %(sequence)s (%(hash)s) given to the committee: "
                "%(names)s.",
                sequence=seal.sequence,
                hash=seal.chain_hash,
                names=", ".join(partners.mapped("name")),
            )
        )
        return receipts

    def action_acknowledge(self):
        """An administrator acknowledges what Verify found on the selected
        seals, with the reason (the nightly alert then stops for them)."""
        check_admin(self.env)
        failing = self.filtered(
            lambda s: s.verify_state not in ("ok", False) and not s.verify_acknowledged
        )
        if not failing:
            raise UserError(
                self.env._(
                    "Select seals that failed verification and are not yet acknowledged."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Acknowledge the Finding"),
            "res_model": "hoa.archive.seal.acknowledge.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_seal_ids": [Command.set(failing.ids)]},
        }

    def _acknowledge(self, reason):
        """Record that an administrator saw what Verify found on these seals,
        and why it may stand; told on each estate's chatter."""
        check_admin(self.env)
        now = fields.Datetime.now()
        for seal in self.sudo():
            if seal.verify_state in ("ok", False):
                continue
            seal._set_state(
                {
                    "acknowledged_finding": seal.verify_finding,
                    "acknowledged_by_id": self.env.uid,
                    "acknowledged_at": now,
                    "acknowledge_reason": reason,
                }
            )
            seal.community_id.message_post(
                body=self.env._(
                    "%(user)s acknowledged the verification of %(seal)s "
                    "(%(state)s): %(reason)s",
                    user=self.env.user.name,
                    seal=seal.name,
                    state=seal._verify_state_label(),
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
