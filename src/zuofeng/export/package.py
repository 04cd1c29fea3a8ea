"""Reproducible .docx bytes and a safe, atomic write of them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from zuofeng.core import safe_write
from zuofeng.core.zipstamp import normalised_zip
from zuofeng.core.problems import Problem, ProblemsFound

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


class ExportError(ProblemsFound):
    """The report cannot be exported; carries the problem(s) to print as `path:line: 问题`."""


def reproducible_bytes(document: Document, title: str, author: str, day: dt.date) -> bytes:
    """Save with fixed metadata and zip timestamps: same inputs, byte-identical file."""
    _drop_template_leftovers(document)
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    core = document.core_properties
    core.title, core.author, core.last_modified_by = title, author, author
    core.comments, core.revision = "", 1
    core.created = core.modified = stamp
    buffer = io.BytesIO()
    document.save(buffer)
    return normalised_zip(buffer.getvalue(), (day.year, day.month, day.day, 0, 0, 0))


def _drop_template_leftovers(document: Document) -> None:
    """python-docx's template carries a Word 2010 styles copy (with theme fonts) and a thumbnail."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del document.part.rels[rel_id]
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]


def write_docx(path: Path, data: bytes, force: bool = False) -> None:
    """Write the file atomically; never overwrite unless forced."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(Problem(str(path), 0, "这是一个目录，不能写入 Word 文件"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        (safe_write.replace if force else safe_write.write_new)(path, data)
    except FileExistsError:
        raise ExportError(Problem(str(path), 0, "文件已存在，未覆盖；如需覆盖请加 --force")) from None
    except OSError as exc:
        raise ExportError(Problem(str(path), 0, f"无法写入：{exc.strerror or exc}")) from None
