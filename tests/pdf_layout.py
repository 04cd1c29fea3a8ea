"""Reading a .docx as LibreOffice lays it out: convert to PDF headless, then lines of characters."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)


@dataclass(frozen=True)
class Line:
    """One printed line: its page, baseline, extent and characters (with their sizes)."""

    page: int
    bottom: float
    x0: float
    x1: float
    text: str
    sizes: frozenset[float]

    @property
    def full_width(self) -> bool:
        """Every character a full-width (CJK) one."""
        return all(unicodedata.east_asian_width(ch) in "WF" for ch in self.text)


def to_pdf(docx: Path, workdir: Path) -> Path:
    """The PDF LibreOffice makes of a .docx, with a private profile (parallel runs do not clash)."""
    assert SOFFICE is not None
    profile = workdir / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(workdir), str(docx)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = workdir / f"{docx.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {docx}"
    return pdf


def pdf_lines(pdf: Path) -> tuple[int, list[Line]]:
    """Page count and every line of text, in reading order; characters on one baseline (±3 pt) form a line."""
    import pdfplumber

    lines: list[Line] = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            rows: list[list[dict]] = []
            for char in sorted(page.chars, key=lambda c: (c["bottom"], c["x0"])):
                if not char["text"].strip():
                    continue
                if rows and abs(rows[-1][0]["bottom"] - char["bottom"]) <= 3:
                    rows[-1].append(char)
                else:
                    rows.append([char])
            for row in rows:
                row.sort(key=lambda c: c["x0"])
                lines.append(Line(number, row[0]["bottom"], row[0]["x0"], row[-1]["x1"],
                                  "".join(c["text"] for c in row), frozenset(round(c["size"], 1) for c in row)))
        return len(document.pages), lines
