import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError

from .access import check_head

#: the "previous hash" of an estate's first seal
GENESIS = "0" * 64

#: fields the verification may write on a seal; nothing else ever changes
VERIFY_FIELDS = {"verify_state", "verified_at"}


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
        ],
        string="Verification",
        readonly=True,
    )
    verified_at = fields.Datetime(readonly=True)

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
        locked first: two seals of one estate at once cannot fork the chain."""
        community = record.community_id
        self.env.cr.execute(
            "SELECT id FROM hoa_community WHERE id = %s FOR UPDATE", [community.id]
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
        # the sealed records of a model read together (one prefetch set)
        records = {}
        for res_model, group in seals.grouped("res_model").items():
            found = (
                self.env[res_model]
                .sudo()
                .with_context(active_test=False)
                .browse(group.mapped("res_id"))
                .exists()
            )
            records.update({(res_model, record.id): record for record in found})
        states = {}
        previous_by_estate = {}
        for seal in seals:
            previous = previous_by_estate.get(seal.community_id.id, GENESIS)
            record = records.get((seal.res_model, seal.res_id))
            if (
                seal.previous_hash != previous
                or seal.chain_hash != seal._expected_chain(seal.previous_hash)
            ):
                state = "broken"
            elif not record:
                state = "missing"
            elif record._seal_digest() != seal.content_hash:
                state = "altered"
            else:
                state = "ok"
            states.setdefault(state, Seal)
            states[state] |= seal
            previous_by_estate[seal.community_id.id] = seal.chain_hash
        for state, group in states.items():
            group._set_state({"verify_state": state, "verified_at": now})
        # trusted timestamps: a tampered token, or a chain changed since
        self.env["hoa.seal.timestamp"]._verify_seals(seals)
        return seals.filtered(lambda s: s.verify_state != "ok")

    def action_verify(self):
        """The list's button: verify the chains of every estate the user
        reads, whatever is selected."""
        check_head(self.env)
        communities = (
            self.env["hoa.community"].with_context(active_test=False).search([])
        )
        failed = self._verify(communities) if communities else self.browse()
        count = self.sudo().search_count([("community_id", "in", communities.ids)])
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
    def _cron_verify(self):
        """Nightly: verify every chain; tell the administrators of what fails
        (once per seal, on its estate's chatter)."""
        before = set(self.sudo().search([("verify_state", "!=", "ok")]).ids)
        failed = self._verify()
        new = failed.filtered(lambda s: s.id not in before)
        admins = self.env.ref("hoa_committee.group_hoa_admin").users.partner_id
        for community, seals in new.grouped("community_id").items():
            community.sudo().message_post(
                body=self.env._(
                    "Archive verification: %(names)s no longer match their seals.",
                    names=", ".join(seals.mapped("name")),
                ),
                partner_ids=admins.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True
