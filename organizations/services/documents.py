"""Uploading an organization's documents (registration certificate, reports, charter...).

A file is accepted only when its extension is one we allow AND its first bytes say it really is
that type: a renamed executable or HTML page never reaches storage, and the stored content type
comes from what we checked, not from what the browser claimed.
"""

import posixpath
import unicodedata
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngo_portal.models import User

from ..models import Organization, OrganizationDocument
from ..permissions import can_upload_document

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_NOT_SAVED = gettext_lazy("The document could not be saved: please try again.")
# Of the stored name's base, in UTF-8 bytes: well below the 255 bytes a file system takes.
MAX_NAME_BYTES = 120
MAX_ORIGINAL_CHARACTERS = 255
# Unicode categories never kept in a file name: controls, format characters (direction
# overrides, invisible joiners), surrogates, private use, unassigned.
HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn"}

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": DOCX,
    "xlsx": XLSX,
}
SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
    DOCX: b"PK\x03\x04",
    XLSX: b"PK\x03\x04",
}
# DOCX and XLSX are both ZIP archives: the part inside tells them apart from any other ZIP.
OFFICE_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


def _extension(name: str) -> str:
    return posixpath.splitext(name or "")[1].lstrip(".").lower()


def _has_office_part(file: UploadedFile, part: str) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        file.seek(0)


def _content_matches(file: UploadedFile, content_type: str) -> bool:
    file.seek(0)
    head = file.read(len(SIGNATURES[content_type]))
    file.seek(0)
    if head != SIGNATURES[content_type]:
        return False
    part = OFFICE_PARTS.get(content_type)
    return part is None or _has_office_part(file, part)


def document_file_errors(file: UploadedFile) -> list[ValidationError]:
    """Why a file cannot be stored (type, content, size), as translated errors; empty if fine."""
    content_type = CONTENT_TYPES.get(_extension(file.name))
    if content_type is None:
        return [ValidationError(_("Upload a PDF, JPEG, PNG, DOCX or XLSX file."), code="file_type")]
    if file.size == 0:
        return [ValidationError(_("The file is empty."), code="file_empty")]
    if file.size > MAX_DOCUMENT_BYTES:
        return [
            ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="file_size",
                params={
                    "size": filesizeformat(file.size),
                    "limit": filesizeformat(MAX_DOCUMENT_BYTES),
                },
            )
        ]
    if not _content_matches(file, content_type):
        return [
            ValidationError(
                _(
                    "The content of this file does not match its name (.%(extension)s): it may "
                    "be damaged or renamed. Save it again in that format and upload it."
                ),
                code="file_content",
                params={"extension": _extension(file.name)},
            )
        ]
    return []


def _displayed_name(name: str) -> str:
    """The uploaded name without its path and without control or format characters (a
    right-to-left override can disguise an extension), at most 255 characters, extension
    kept."""
    name = "".join(c for c in posixpath.basename(name) if unicodedata.category(c) not in HIDDEN)
    base, extension = posixpath.splitext(name)
    return base[: MAX_ORIGINAL_CHARACTERS - len(extension)] + extension


def _short_name(name: str) -> str:
    """Keep the extension and at most MAX_NAME_BYTES of the base name in UTF-8: file systems
    count a name's bytes (255), and a Chinese character takes three."""
    base, extension = posixpath.splitext(_displayed_name(name))
    # Cut at a byte, then drop the piece of a character the cut split.
    base = base.encode()[:MAX_NAME_BYTES].decode(errors="ignore")
    return base + extension.lower()


@transaction.atomic
def document_upload(
    *, organization: Organization, by: User, kind: str, title: str, file: UploadedFile
) -> OrganizationDocument:
    """Store a document of the organization after checking its type, content and size.

    Side effect: the file is written through the storage API (never before every check passed).
    """
    if not can_upload_document(by, organization):
        raise PermissionDenied
    errors = document_file_errors(file)
    if errors:
        raise ValidationError({"file": errors})
    original_name = _displayed_name(file.name)
    file.name = _short_name(file.name)
    document = OrganizationDocument(
        organization=organization,
        kind=kind,
        title=(title or "").strip(),
        file=file,
        original_name=original_name,
        content_type=CONTENT_TYPES[_extension(file.name)],
        size=file.size,
        uploaded_by=by,
    )
    document.full_clean()
    try:
        with transaction.atomic():
            document.save()
    except Exception as error:
        # The row was refused after the file was written: do not leave an orphan in storage.
        if document.file._committed:
            document.file.storage.delete(document.file.name)
        if isinstance(error, DatabaseError):
            raise ValidationError(
                {"file": ValidationError(DOCUMENT_NOT_SAVED, code="not_saved")}
            ) from error
        raise
    return document
