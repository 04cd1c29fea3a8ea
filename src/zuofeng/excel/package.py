"""Saving a workbook byte-reproducibly: fixed document dates and fixed zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from typing import TYPE_CHECKING

from zuofeng.core.zipstamp import normalised_zip

if TYPE_CHECKING:
    from openpyxl import Workbook

# Without SOURCE_DATE_EPOCH every workbook carries this date: the same inputs give the same bytes.
DEFAULT_STAMP = dt.datetime(2000, 1, 1)
CREATOR = "zuofeng"


def build_stamp() -> dt.datetime:
    """The date written into a workbook: $SOURCE_DATE_EPOCH when set, else a constant."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return DEFAULT_STAMP


def workbook_bytes(workbook: Workbook, title: str = "", keywords: str = "") -> bytes:
    """The .xlsx bytes of a workbook, the same for the same content whenever it is saved."""
    stamp = build_stamp()
    props = workbook.properties
    props.creator = props.lastModifiedBy = CREATOR
    props.created = props.modified = stamp
    props.title = title or None
    props.keywords = keywords or None
    # ExcelWriter, not workbook.save(): save() stamps `modified` with the current time.
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    # openpyxl dates every entry with the current time.
    stamp = max(stamp, dt.datetime(1980, 1, 1))
    return normalised_zip(raw.getvalue(), (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second))
