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
        return self._seal_files_by_record()[self.id]

    def _seal_files_by_record(self):
        """``{record id: its files the seal covers}`` for every record of
        ``self``, in two queries whatever their number."""
        attachments = self.env["ir.attachment"].sudo()
        listed = {r.id: json.loads(r.seal_files) for r in self if r.seal_files}
        existing = set(
            attachments.browse({i for ids in listed.values() for i in ids}).exists().ids
        )
        result = {
            record_id: attachments.browse([i for i in ids if i in existing])
            for record_id, ids in listed.items()
        }
        unsealed = [r.id for r in self if r.id not in listed]
        if unsealed:
            found = attachments.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", unsealed),
                    ("res_field", "=", False),
                ],
                order="id",
            )
            grouped = found.grouped("res_id")
            for record_id in unsealed:
                result[record_id] = grouped.get(record_id, attachments)
        return result

    def _seal_digest(self):
        """SHA-256 of the canonical rendering of the payload: JSON with sorted
        keys, no whitespace, every value as text; with the checksums of the
        files the seal covers (records sealed before files entered the seal
        have none listed), False for a file whose content no longer has its
        checksum."""
        self.ensure_one()
        return self._seal_digests()[self.id]

    def _seal_digests(self):
        """``{record id: seal digest}`` of every record of ``self`` (see
        :meth:`_seal_digest`), their files read together."""
        files = self._seal_files_by_record()
        checksums = (
            self.env["ir.attachment"]
            .sudo()
            .browse({a for group in files.values() for a in group.ids})
            ._hoa_checked_checksums()
        )
        digests = {}
        for record in self:
            payload = record._seal_payload()
            if record.seal_files or not record.seal_id:
                payload = payload | {
                    "files": [
                        [attachment.id, attachment.name, checksums[attachment.id]]
                        for attachment in files[record.id]
                    ]
                }
            canonical = json.dumps(
                payload,
                sort_keys=True,
                ensure_ascii=False,
                separators=(",", ":"),
                default=str,
            )
            digests[record.id] = hashlib.sha256(canonical.encode()).hexdigest()
        return digests

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
