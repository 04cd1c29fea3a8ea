"""Reproducible zip packages (.docx, .xlsx): every entry re-zipped with one fixed date and fixed attributes."""

from __future__ import annotations

import io
import zipfile

DateTime = tuple[int, int, int, int, int, int]


def normalised_zip(data: bytes, date_time: DateTime) -> bytes:
    """Re-zip every entry, in the same order, with one fixed date and fixed attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename), compresslevel=9)
    return out.getvalue()
