"""`zuofeng report YEAR`: a year's report pages, started from an earlier year's or the built-in template."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from zuofeng.core.scaffold.files import Names
from zuofeng.core.scaffold.site import InitProblem, report_template, write_tree

DATE_LINE = "date:  # 成文日期：定稿时填写（zuofeng check --final 会提示）"
_FRONT_RE = re.compile(r"\A(---\r?\n)(.*?\r?\n)(---\r?\n)", re.S)


def earlier_report(reports_dir: Path, year: int) -> int | None:
    """The latest year before `year` with a report folder, if any."""
    years = [int(p.name) for p in reports_dir.glob("[0-9][0-9][0-9][0-9]") if p.is_dir() and int(p.name) < year]
    return max(years) if years else None


def next_pages(source: Path, previous: int, year: int) -> dict[str, bytes]:
    """The pages of `source` (year `previous`) restated for `year`; the source is only read."""
    pages: dict[str, bytes] = {}
    for path in sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith(".")):
        data = path.read_bytes()
        if path.suffix == ".md":
            text = data.decode("utf-8")
            text = _restate_index(text, previous, year) if path.name == "index.md" else _restate_section(text, previous, year)
            data = text.encode("utf-8")
        pages[path.name] = data
    return pages


def _restate_index(text: str, previous: int, year: int) -> str:
    """Front matter: year, title and period moved on, the date emptied; the H1 title follows."""
    match = _FRONT_RE.match(text)
    if not match:
        return text
    front = match.group(2)
    front = re.sub(r"(?m)^year:.*$", f"year: {year}", front)
    front = re.sub(r"(?m)^(title:.*)$", lambda m: m.group(1).replace(f"{previous}年", f"{year}年"), front)
    front = re.sub(r"(?m)^#.*成文日期.*\r?\n", "", front)
    front = re.sub(r"(?m)^date:.*$", DATE_LINE, front)
    front = re.sub(r"(?m)^(\s+start:).*$", rf"\g<1> {year}-01-01", front)
    front = re.sub(r"(?m)^(\s+end:).*$", rf"\g<1> {year}-12-31", front)
    body = re.sub(r"(?m)^(# .*)$", lambda m: m.group(1).replace(f"{previous}年", f"{year}年"),
                  text[match.end():], count=1)
    return match.group(1) + front + match.group(3) + body


def _restate_section(text: str, previous: int, year: int) -> str:
    """A section keeps its narrative; only the opening '<year>年以来' moves on."""
    return text.replace(f"{previous}年以来", f"{year}年以来")


def start_report(reports_dir: Path, year: int, names: Names, previous: int | None) -> tuple[Path, int | None]:
    """Write reports_dir/<year>/ from `previous`'s pages or the template; never over an existing folder."""
    target = reports_dir / str(year)
    if target.exists():
        raise InitProblem(f"{target} 已存在，不会覆盖；如需重写，请先自行移走该文件夹")
    if previous is not None:
        source = reports_dir / str(previous)
        if not (source / "index.md").is_file():
            raise InitProblem(f"{source} 没有报告（缺少 index.md），无法以 {previous} 年的报告为底稿")
        pages = next_pages(source, previous, year)
    else:
        pages = {name: data for name, data in report_template(names).items()}
    staging = reports_dir / f".{year}.report-new"
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
        write_tree(staging, pages)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target, previous
