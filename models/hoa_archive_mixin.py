from odoo import api, models, tools
from odoo.exceptions import UserError

#: what still changes on an archived record: its state, chatter, portal token
#: and seal
ARCHIVE_WRITABLE = frozenset(
    {
        "access_token",
        "seal_id",
        "seal_files",
        "state",
        "activity_ids",
        "message_follower_ids",
        "message_ids",
        "message_main_attachment_id",
        "website_message_ids",
    }
)


class HoaArchiveMixin(models.AbstractModel):
    """A record exchanged with the committee (a contact, a report, a
    meeting, a notice, an inquiry, a decision, a statement): it is part of
    the archive, and so are its lines, its files and its chatter.

    :meth:`_check_frozen` is the one gate of every change to it: the record's
    create, write and unlink, those of its lines (which call it through their
    parent) and of its attachments and messages. Nobody, whatever their
    rights and even through sudo code, deletes what has been exchanged
    through Odoo (archive or cancel it instead): only the database
    administrator can, outside it. Once sealed or signed, nobody changes what
    the seal covers."""

    _name = "hoa.archive.mixin"
    _description = "Kept in the Archive"

    #: whether a draft, never exchanged, may be deleted (see
    #: :meth:`_archive_deletable`); if not, no record ever is
    _archive_drafts = False

    def write(self, vals):
        self.check_access("write")  # who may not write at all is told so
        self._check_frozen("write", vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        if not self._archive_drafts:
            # never deleted, whatever the record: its views offer no Delete
            raise UserError(self._archive_kept_message("unlink"))
        self._check_frozen("unlink")

    @api.model
    @tools.ormcache()
    def _archive_line_parents(self):
        """``{line model: its many2one to its parent}`` for the lines of the
        archived records, read from the registry: the records of a one2many
        of an archived record (or of one of its lines) that are deleted with
        it (ballots, attendance, votes, statement lines…)."""
        mixin = self.pool["hoa.archive.mixin"]
        todo = [
            name
            for name, model in self.pool.items()
            if issubclass(model, mixin) and not model._abstract
        ]
        parents = {}
        while todo:
            for field in self.env[todo.pop()]._fields.values():
                if field.type != "one2many" or field.comodel_name in parents:
                    continue
                comodel = self.pool[field.comodel_name]
                inverse = comodel._fields.get(field.inverse_name)
                if (
                    issubclass(comodel, mixin)
                    or inverse is None
                    or inverse.type != "many2one"
                    or inverse.ondelete != "cascade"
                ):
                    continue
                parents[field.comodel_name] = field.inverse_name
                todo.append(field.comodel_name)
        return parents

    @api.model
    def _archive_of(self, records):
        """The archived records that ``records`` are, or are lines of; an
        empty recordset if they are neither."""
        parent = self._archive_line_parents().get(records._name)
        if not (parent or isinstance(records, self.pool["hoa.archive.mixin"])):
            return self.env["hoa.archive.mixin"]
        records = records.sudo().with_context(active_test=False).exists()
        return self._archive_of(records[parent]) if parent else records

    def _archive_deletable(self):
        """Whether this record was never exchanged and may still be deleted
        (a draft); by default everything is exchanged."""
        self.ensure_one()
        return False

    def _frozen_reason(self):
        """Why this record's content can no longer change (sealed, signed),
        or ``False``."""
        self.ensure_one()
        return False

    def _frozen_fnames(self, fnames):
        """Which of ``fnames`` the freeze covers: all but the bookkeeping."""
        return set(fnames) - ARCHIVE_WRITABLE

    def _check_frozen(self, operation, fnames=None):
        """Refuse ``operation`` on ``self`` when the archive forbids it.

        :param operation: ``"write"`` (the record written, or one of its
            lines created, written or deleted), ``"unlink"`` (the record, or
            a part of it exchanged on its own: an opinion), ``"file"`` (one
            of its files deleted or rewritten), ``"message"`` (a chatter
            message edited or deleted)
        :param fnames: the fields of the record written; ``None`` for a line
        """
        for record in self.sudo().with_context(active_test=False).exists():
            if operation == "field":
                raise UserError(record._archive_kept_message(operation))
            if operation == "message":
                if not record._archive_deletable():
                    raise UserError(record._archive_kept_message(operation))
            elif operation in ("unlink", "file"):
                reason = record._frozen_reason()
                if reason:
                    raise UserError(reason)
                if not record._archive_deletable():
                    raise UserError(record._archive_kept_message("unlink"))
            elif fnames is not None:
                frozen = record._frozen_fnames(fnames)
                if (
                    frozen - {"active"}
                    and "active" in record._fields
                    and not record.active
                ):
                    raise UserError(
                        self.env._(
                            "%(name)s is archived: restore it before changing it.",
                            name=record.display_name,
                        )
                    )
                if not frozen:
                    continue
            reason = record._frozen_reason()
            if reason:
                raise UserError(reason)

    def _archive_kept_message(self, operation):
        name = ", ".join(self.mapped("display_name")) or (
            self.env["ir.model"].sudo()._get(self._name).name
        )
        if operation == "message":
            return self.env._(
                "The messages of %(name)s are part of the archive exchanged "
                "with the committee: they are never edited or deleted. Post "
                "a new message to correct one.",
                name=name,
            )
        if operation == "field":
            return self.env._(
                "The files in the fields of %(name)s and of its lines (scans, "
                "authorisations, receipts) change only on the record itself, "
                "where the change is checked and recorded: never by writing, "
                "adding or deleting the file directly.",
                name=name,
            )
        return self.env._(
            "%(name)s is part of the archive exchanged with the committee and "
            "is never deleted: archive or cancel it instead.",
            name=name,
        )
