import hashlib
import json

from odoo import fields, models


class HoaSealMixin(models.AbstractModel):
    """A record that is sealed into its estate's hash chain at a point of its
    life (minutes signed, result published, letter delivered, statement
    published). Concrete models give the canonical content
    (``_seal_payload``): once sealed, the fields it reads cannot be written
    through the ORM, and any change made around the ORM is found by the
    archive verification."""

    _name = "hoa.seal.mixin"
    _description = "Sealed Into the Archive"
    _inherit = ["hoa.archive.mixin"]

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

    def _frozen_reason(self):
        if self.seal_id:
            return self.env._(
                "%(name)s is sealed in the archive: it can no longer change.",
                name=self.display_name,
            )
        return super()._frozen_reason()

    def _frozen_fnames(self, fnames):
        """What the seal covers of the record itself: by default the fields
        its payload reads."""
        return set(fnames) & set(self._seal_fields)
