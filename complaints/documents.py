"""What a case document may be: checked by its content, never by its name or the type the
browser claims, because a renamed program (``evidence.exe`` saved as ``evidence.pdf``) would
otherwise sit in the case file and be opened by the next caseworker."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 20 * 1024 * 1024

# Media type found in the content -> the extension the stored file is given.
ALLOWED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "txt",
}
ALLOWED_WORDS = "a PDF, JPEG, PNG, Word (.docx) or plain text file"

# filetype reads the first bytes; a DOCX is recognised from the zip's first entries.
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedDocument:
    media_type: str
    extension: str
    size: int
    sha256: str


def _is_plain_text(upload: UploadedFile) -> bool:
    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def check_upload(upload: UploadedFile | None) -> CheckedDocument:
    """The document's real type, size and checksum, or a ValidationError saying what is wrong."""
    if upload is None:
        raise ValidationError({"file": "Select a file to upload"})
    if upload.size == 0:
        raise ValidationError({"file": "The selected file is empty"})
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": "The selected file must be smaller than 20 MB"})
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    kind = filetype.guess(head)
    if kind is not None:
        media_type = kind.mime
    elif _is_plain_text(upload):
        media_type = "text/plain"
    else:
        media_type = ""
    if media_type not in ALLOWED:
        raise ValidationError({"file": f"The selected file must be {ALLOWED_WORDS}"})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedDocument(
        media_type=media_type,
        extension=ALLOWED[media_type],
        size=upload.size,
        sha256=digest.hexdigest(),
    )
