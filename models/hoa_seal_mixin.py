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
    #: the files the seal covers (their ids, as JSON): those the record had
    #: when sealed; files added later (the archived PDF) are not in it
    seal_files = fields.Char(string="Sealed Files", readonly=True, copy=False)

    def _seal_payload(self):
        raise NotImplementedError

    def _seal_file_records(self):
        """The files the seal covers: those listed when it was sealed (a
        file deleted since is missing, and the digest no longer matches), or
        before sealing every file of the record."""
        self.ensure_one()
        attachments = self.env["ir.attachment"].sudo()
        if self.seal_files:
            return attachments.browse(json.loads(self.seal_files)).exists()
        return attachments.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("res_field", "=", False),
            ],
            order="id",
        )

    def _seal_digest(self):
        """SHA-256 of the canonical rendering of the payload: JSON with sorted
        keys, no whitespace, every value as text; with the checksums of the
        files the seal covers (records sealed before files entered the seal
        have none listed)."""
        self.ensure_one()
        payload = self._seal_payload()
        if self.seal_files or not self.seal_id:
            payload = payload | {
                "files": [
                    [attachment.id, attachment.name, attachment.checksum]
                    for attachment in self._seal_file_records()
                ]
            }
        canonical = json.dumps(
            payload,
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()

    def _seal(self, kind):
        seals = self.env["hoa.archive.seal"]
        for record in self.filtered(lambda r: not r.seal_id):
            files = record._seal_file_records()
            seal = seals._seal(record, kind)
            # both in ARCHIVE_WRITABLE; the verification finds any change
            record.write({"seal_id": seal.id, "seal_files": json.dumps(files.ids)})
            seal._give_to_committee(record)
            seals |= seal
        return seals

    def _frozen_reason(self):
        # a received hash naming the record holds it even if its seal and its
        # link were removed behind the ORM's back
        if self.seal_id or self._seal_given():
            return self.env._(
                "%(name)s is sealed in the archive: it can no longer change.",
                name=self.display_name,
            )
        return super()._frozen_reason()

    def _frozen_fnames(self, fnames):
        """What the seal covers of the record itself: by default the fields
        its payload reads."""
        return set(fnames) & set(self._seal_fields)

    def _seal_given(self):
        """Whether the committee was given a seal's hash for this record."""
        self.ensure_one()
        return bool(
            self.env["hoa.archive.seal.receipt"]
            .sudo()
            .search_count(
                [("res_model", "=", self._name), ("res_id", "=", self.id)], limit=1
            )
        )
