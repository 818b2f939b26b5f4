"""Files a committee member may attach in the portal: the documents and
photos a committee sends (PDF, JPG/PNG/HEIC photos, Word and Excel files, and
OFD, China's fixed-layout format for official documents).

A file is accepted by what it contains, not by what it is called: its name
must end in one of these extensions and its first bytes must be of one of
these types, so a program renamed ``.pdf`` is refused.
"""

import io
import os
import zipfile

from odoo.tools.mimetypes import guess_mimetype

#: extension → the type its content must have
ACCEPTED_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".heic": "image/heic",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ofd": "application/ofd",
}

#: ISO-BMFF brands of HEIC/HEIF photos (iPhones take them by default)
HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def content_type(content: bytes) -> str:
    """The type of a file by its content."""
    if content[4:8] == b"ftyp" and content[8:12] in HEIC_BRANDS:
        return "image/heic"
    mimetype = guess_mimetype(content)
    if mimetype == "application/zip" and _is_ofd(content):
        return "application/ofd"
    return mimetype


def _is_ofd(content: bytes) -> bool:
    """An OFD document is a zip package with ``OFD.xml`` at its root."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            return "OFD.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False


def is_accepted(name: str, content: bytes) -> bool:
    """Whether the file ``name`` with ``content`` may be attached."""
    extension = os.path.splitext(name or "")[1].lower()
    accepted = set(ACCEPTED_TYPES.values())
    return extension in ACCEPTED_TYPES and content_type(content) in accepted


#: the photos an owner may attach to a question or complaint
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".heic")


def is_photo(name: str, content: bytes) -> bool:
    """Whether the file ``name`` with ``content`` is a photo whose content is
    of the type its extension says."""
    extension = os.path.splitext(name or "")[1].lower()
    return (
        extension in PHOTO_EXTENSIONS
        and content_type(content) == ACCEPTED_TYPES[extension]
    )


def format_size(size: int) -> str:
    """A file size as people write it: ``850 KB``, ``12.3 MB``."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")
