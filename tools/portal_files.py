"""Files people attach to what they submit in the portal: every check runs
before anything is written (a refused upload leaves no half-created record),
then the files go on the record's chatter as the portal composer posts them."""

from markupsafe import Markup

from odoo.exceptions import UserError

from ..rules.uploads import format_size, is_accepted, is_photo

#: the largest file a committee member or an owner can upload from the portal
PORTAL_MAX_UPLOAD = 10 * 1024 * 1024
#: and how many at once
PORTAL_MAX_FILES = 10


def check_portal_files(env, files, photos_only=False):
    """Refuse more than :data:`PORTAL_MAX_FILES` files, an empty or too large
    one, and one whose content is not of an accepted type (only photos when
    ``photos_only``). ``files`` are ``(name, content)`` pairs; those without a
    name (an empty file input) are dropped.

    :return: the named files
    """
    files = [(name, content) for name, content in files if name]
    if len(files) > PORTAL_MAX_FILES:
        raise UserError(
            env._("Attach at most %(count)s files at once.", count=PORTAL_MAX_FILES)
        )
    for name, content in files:
        if not content:
            raise UserError(
                env._("%(file)s is empty (0 bytes): attach the file again.", file=name)
            )
        if len(content) > PORTAL_MAX_UPLOAD:
            raise UserError(
                env._(
                    "%(file)s is %(size)s: files up to %(max)s can be attached.",
                    file=name,
                    size=format_size(len(content)),
                    max=format_size(PORTAL_MAX_UPLOAD),
                )
            )
        if photos_only and not is_photo(name, content):
            raise UserError(
                env._(
                    "%(file)s cannot be attached: attach photos (JPG, PNG, HEIC).",
                    file=name,
                )
            )
        if not is_accepted(name, content):
            raise UserError(
                env._(
                    "%(file)s cannot be attached: attach PDF files, photos (JPG, "
                    "PNG, HEIC), Word or Excel documents (DOC, DOCX, XLS, XLSX) "
                    "or OFD files.",
                    file=name,
                )
            )
    return files


def post_portal_submission(record, partner, files):
    """Note on ``record`` that ``partner`` submitted it in the portal, with
    the checked ``files``, and make them a follower (they are told of the
    answer)."""
    env = record.env
    attachments = (
        env["ir.attachment"]
        .sudo()
        .create(
            [
                {
                    "name": name,
                    "raw": content,
                    # pending, as the portal composer leaves them:
                    # message_post links them to the record for a portal author
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
                for name, content in files
            ]
        )
    )
    record.message_subscribe(partner.ids)
    record.message_post(
        body=Markup("<p>%s</p>")
        % env._("Submitted in the portal by %(name)s.", name=partner.name),
        attachment_ids=attachments.ids,
        author_id=partner.id,
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
    )
