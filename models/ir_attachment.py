import hashlib

from odoo import api, models
from odoo.tools import SQL

#: what makes a file what it is: its content, name and the record it belongs to
CONTENT_FIELDS = frozenset(
    {
        "datas",
        "raw",
        "db_datas",
        "store_fname",
        "url",
        "type",
        "name",
        "res_model",
        "res_id",
        "res_field",
    }
)

#: not in the cache
_MISSING = object()


class IrAttachment(models.Model):
    """The files of what is exchanged with the committee (materials, notices,
    scans of signed pages and receipts, the archived minutes) are part of its
    archive: they are never deleted, and once the record is sealed or signed
    they are neither replaced nor deleted. New files may still be added.

    A file held in a field of such a record or of one of its lines (a
    ballot's scan, a report's signed receipt) is the field's value: it
    changes only through that field, whose record checks the change (a
    ballot's correction needs its reason, and is written on the decision's
    record) — never by writing, adding or deleting the file itself."""

    _inherit = "ir.attachment"

    def _archive_records(self):
        """The archived records these files are attached to, directly or
        through one of their lines (files held in fields apart)."""
        records = []
        by_model = (
            self.sudo()
            .filtered(lambda a: a.res_id and not a.res_field)
            .grouped("res_model")
        )
        for model_name, attachments in by_model.items():
            if model_name in self.env:
                records.append(
                    self.env["hoa.archive.mixin"]._archive_of(
                        self.env[model_name].browse(attachments.mapped("res_id"))
                    )
                )
        return records

    @api.model
    def _written_by_field(self, model_name, res_id, fname, value):
        """Whether the file held in field ``fname`` of record ``res_id`` is
        being written (``value``; ``False`` when it is deleted) by that field
        itself, from its record's write or create: the ORM puts the record's
        new value in the cache, then writes the file (see
        :meth:`odoo.fields.Binary.write`). A direct call finds the cache
        empty or holding the value before."""
        if model_name not in self.env:
            return False
        record = self.env[model_name].browse(res_id).with_context(bin_size=False)
        field = record._fields.get(fname)
        if field is None or field.type != "binary" or value is _MISSING:
            return False
        cached = self.env.cache.get(record, field, _MISSING)
        return cached is not _MISSING and cached == field.convert_to_cache(
            value, record
        )

    def _check_held_files(self, value):
        """Refuse to change these files, held in fields of archived records
        or of their lines, unless their own field writes ``value``."""
        for attachment in self.sudo().filtered(lambda a: a.res_id and a.res_field):
            self._check_held_file(
                attachment.res_model, attachment.res_id, attachment.res_field, value
            )

    @api.model
    def _check_held_file(self, model_name, res_id, fname, value=_MISSING):
        """Refuse to write, add or delete the file held in field ``fname``
        of record ``res_id``, if it is an archived record or one of its
        lines, unless that field itself writes ``value`` into it."""
        if not (model_name and res_id and fname) or model_name not in self.env:
            return
        archived = self.env["hoa.archive.mixin"]._archive_of(
            self.env[model_name].browse(res_id)
        )
        if archived and not self._written_by_field(model_name, res_id, fname, value):
            archived._check_frozen("field")

    def _hoa_checked_checksums(self):
        """``{attachment id: its recorded checksum, or False}``: False when
        the content as stored now no longer has the recorded checksum (a
        file changed or lost behind Odoo's back). The files are read from the
        filestore, the bytes kept in the database in one query; an
        attachment without content (a link) keeps its recorded checksum."""
        if not self:
            return {}
        self.flush_model(["store_fname", "checksum", "db_datas"])
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT id, store_fname, checksum, db_datas IS NOT NULL"
                " FROM ir_attachment WHERE id IN %s",
                tuple(self.ids),
            )
        )
        result = {}
        recorded = {}
        for attachment_id, store_fname, checksum, has_data in cr.fetchall():
            recorded[attachment_id] = checksum
            if store_fname:
                content = self._file_read(store_fname)
                result[attachment_id] = hashlib.sha1(content).hexdigest()
            elif has_data:
                result[attachment_id] = None  # read below
            else:
                result[attachment_id] = checksum
        in_db = tuple(i for i, value in result.items() if value is None)
        if in_db:
            cr.execute(
                SQL("SELECT id, db_datas FROM ir_attachment WHERE id IN %s", in_db)
            )
            for attachment_id, data in cr.fetchall():
                result[attachment_id] = hashlib.sha1(bytes(data)).hexdigest()
        return {
            attachment_id: recorded[attachment_id]
            if actual == recorded[attachment_id]
            else False
            for attachment_id, actual in result.items()
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_held_file(
                vals.get("res_model"),
                vals.get("res_id"),
                vals.get("res_field"),
                vals.get("datas", vals.get("raw", _MISSING)),
            )
        return super().create(vals_list)

    def write(self, vals):
        content = set(vals) & CONTENT_FIELDS
        if content:
            for records in self._archive_records():
                records._check_frozen("file")
            # the ORM's field writes only the content of its file
            self._check_held_files(vals["datas"] if content == {"datas"} else _MISSING)
            if vals.get("res_field") or {"res_model", "res_id"} & content:
                for attachment in self.sudo():
                    self._check_held_file(
                        vals.get("res_model", attachment.res_model),
                        vals.get("res_id", attachment.res_id),
                        vals.get("res_field", attachment.res_field),
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        for records in self._archive_records():
            records._check_frozen("file")
        self._check_held_files(False)
