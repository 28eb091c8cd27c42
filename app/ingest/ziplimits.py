"""Open a DOCX package defensively: size, ratio and entry limits before anything is inflated."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from app.errors import IngestError
from app.settings import Settings

# Everything zipfile/zlib raise on damaged or unusual archives. RuntimeError covers encrypted members
# and its subclass NotImplementedError, which an unknown zip version raises (found by fuzzing).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, RuntimeError,
              struct.error, zlib.error)
_READ_CHUNK = 1 << 16
_RATIO_MIN_SIZE = 1 << 20  # small parts compress well harmlessly; only large ones can bomb


def open_package(data: bytes, settings: Settings) -> zipfile.ZipFile:
    """Return the open zip after checking the declared sizes against the limits."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except ZIP_ERRORS:
        raise IngestError("corrupt", "the Word document is corrupt or truncated: open it in Word, "
                          "save a new copy and try again") from None
    if len(infos) > settings.max_zip_entries:
        raise IngestError("zip_bomb", f"the Word document has {len(infos)} parts, more than the limit of "
                          f"{settings.max_zip_entries}: it is not a normal document")
    total = sum(i.file_size for i in infos)
    if total > settings.max_uncompressed_bytes:
        raise IngestError("zip_bomb", f"the Word document would unpack to {total // 1_048_576} MB, more than "
                          f"the limit of {settings.max_uncompressed_mb:g} MB (a zip bomb?)")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > settings.max_compression_ratio \
                and info.file_size > _RATIO_MIN_SIZE:
            ratio = info.file_size // info.compress_size
            raise IngestError("zip_bomb", f"a part of the Word document is compressed {ratio} times, more than "
                              f"the limit of {settings.max_compression_ratio:g} (a zip bomb?)")
    return zf


def read_member(zf: zipfile.ZipFile, name: str, settings: Settings) -> bytes:
    """Read one part, stopping if it inflates past the limit whatever its header claims."""
    limit = settings.max_uncompressed_bytes
    out = bytearray()
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(_READ_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise IngestError("zip_bomb", f"a part of the Word document unpacks past the limit of "
                                      f"{settings.max_uncompressed_mb:g} MB (a zip bomb?)")
    except ZIP_ERRORS:
        raise IngestError("corrupt", "the Word document is corrupt or truncated: open it in Word, "
                          "save a new copy and try again") from None
    return bytes(out)
