import hashlib
import json

from odoo import fields, models
from odoo.exceptions import UserError

#: what still changes on an archived record: its state, chatter, portal token
#: and seal
ARCHIVE_WRITABLE = frozenset(
    {
        "access_token",
        "seal_id",
        "state",
        "activity_ids",
        "message_follower_ids",
        "message_ids",
        "message_main_attachment_id",
        "website_message_ids",
    }
)


class HoaSealMixin(models.AbstractModel):
    """A record that is sealed into its estate's hash chain at a point of its
    life (minutes signed, result published, letter delivered, statement
    published). Concrete models give the canonical content
    (``_seal_payload``): once sealed, the fields it reads cannot be written
    through the ORM, and any change made around the ORM is found by the
    archive verification."""

    _name = "hoa.seal.mixin"
    _description = "Sealed Into the Archive"

    #: fields of the record itself that the payload reads
    _seal_fields = ()

    seal_id = fields.Many2one(
        "hoa.archive.seal", string="Archive Seal", readonly=True, copy=False
    )
    seal_hash = fields.Char(related="seal_id.chain_hash", string="Seal")

    def _seal_payload(self):
        raise NotImplementedError

    def _seal_digest(self):
        """SHA-256 of the canonical rendering of the payload: JSON with sorted
        keys, no whitespace, every value as text."""
        self.ensure_one()
        canonical = json.dumps(
            self._seal_payload(),
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()

    def _seal(self, kind):
        seals = self.env["hoa.archive.seal"]
        for record in self.filtered(lambda r: not r.seal_id):
            seal = seals._seal(record, kind)
            record.write({"seal_id": seal.id})  # in ARCHIVE_WRITABLE
            seals |= seal
        return seals

    def write(self, vals):
        if self._seal_fields and set(vals) & set(self._seal_fields):
            sealed = self.filtered("seal_id")
            if sealed:
                raise UserError(
                    self.env._(
                        "%(name)s is sealed in the archive: it can no longer change.",
                        name=sealed[0].display_name,
                    )
                )
        return super().write(vals)
