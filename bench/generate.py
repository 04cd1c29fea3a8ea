#!/usr/bin/env python3
"""Generate a scratch project with N records over Y years, deterministic by seed.

Records are the example ledger's records (records/2021–2024) moved to other years: year t
takes the example year with the same leap-year phase (2021 + (t - 2021) mod 4), every date
and every `NNNN年` and `year: NNNN` shifted by whole years. Each year holds one full copy of its example year
(so every report macro has data) plus sampled extra copies (think: more counties), named
`…-cK.md`. Each year but the first gets a report copied from docs/reports/2023, plus a
section using the macros the example report leaves out.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE_YEARS = (2021, 2022, 2023, 2024)
LAST_YEAR = 2024
REPORT_TEMPLATE = 2023
_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"(?<=^year: )(20\d\d)$|(20\d\d)(?=年)", re.MULTILINE)
EXTRA_SECTION = """---
order: 5
title: 五、附表
---

会议总时长{{ total("meeting", "duration_min") }}分钟；上年同期召开会议{{ previous("meeting") }}次，\
{{ compare(count("meeting"), previous("meeting")) }}；接待对象合计{{ total("reception", "guests") }}人。

**党组会议一览**

{{ records_table("meeting", kind="党组会议") }}

**督查通报一览**

{{ records_table("notice") }}

**历年指标**

{{ indicator_table() }}
"""


def years_for(n: int) -> int:
    """Default span: about 400 records a year (one example year), between 2 and 10 years."""
    return max(2, min(10, n // 400))


def shift(text: str, delta: int) -> str:
    """Move every ISO date and every `NNNN年` by delta years (29 Feb becomes 28 Feb when needed)."""

    def date(match: re.Match[str]) -> str:
        year, month, day = int(match.group(1)) + delta, match.group(2), match.group(3)
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if (month, day) == ("02", "29") and not leap:
            day = "28"
        return f"{year}-{month}-{day}"

    text = _DATE.sub(date, text)
    return _YEAR.sub(lambda m: str(int(m.group(1) or m.group(2)) + delta), text)


def _templates() -> dict[int, list[tuple[str, str, str]]]:
    """Example records by year: (type, file name, text)."""
    found: dict[int, list[tuple[str, str, str]]] = {}
    for year in TEMPLATE_YEARS:
        paths = sorted((REPO / "records" / str(year)).glob("*/*.md"))
        found[year] = [(p.parent.name, p.name, p.read_text(encoding="utf-8")) for p in paths]
    return found


def _copy_site(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, dest / name)
    for name in ("docs", "macros"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    for year_dir in (dest / "docs" / "reports").glob("[0-9]*"):
        shutil.rmtree(year_dir)


def _write_report(dest: Path, year: int) -> None:
    source = REPO / "docs" / "reports" / str(REPORT_TEMPLATE)
    target = dest / "docs" / "reports" / str(year)
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.md")):
        (target / path.name).write_text(shift(path.read_text(encoding="utf-8"), year - REPORT_TEMPLATE), encoding="utf-8")
    (target / "05-figures.md").write_text(EXTRA_SECTION, encoding="utf-8")


def generate(dest: Path, n: int, years: int | None = None, seed: int = 1) -> dict[str, int]:
    """Write the scratch project into dest; returns counts (records, years, reports)."""
    years = years or years_for(n)
    rng = random.Random(seed)
    templates = _templates()
    _copy_site(dest)
    span = list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))
    quotas = [n // years + (1 if i < n % years else 0) for i in range(years)]
    written = 0
    for year, quota in zip(span, quotas):
        source_year = TEMPLATE_YEARS[(year - TEMPLATE_YEARS[0]) % 4]
        pool = templates[source_year]
        copy = 0
        while quota > 0:
            chosen = pool if quota >= len(pool) else sorted(rng.sample(pool, quota), key=lambda t: t[1])
            for type_key, name, text in chosen:
                stem = shift(name[:-3], year - source_year) + (f"-c{copy}" if copy else "")
                path = dest / "records" / str(year) / type_key / f"{stem}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(shift(text, year - source_year), encoding="utf-8")
            written += len(chosen)
            quota -= len(chosen)
            copy += 1
    for year in span:
        _renumber_notices(dest / "records" / str(year) / "notice")
    for year in span[1:]:
        _write_report(dest, year)
    return {"records": written, "years": years, "reports": len(span) - 1}


def _renumber_notices(folder: Path) -> None:
    """Copies repeat issue numbers: number a year's notices 1, 2, 3 … again in date order."""
    if not folder.is_dir():
        return
    for number, path in enumerate(sorted(folder.glob("*.md")), start=1):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^issue_no: \d+$", f"issue_no: {number}", text, count=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="生成基准测试用的临时项目")
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="记录条数")
    parser.add_argument("--years", type=int, default=None, help="年数（默认约每年400条）")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.dest, args.n, args.years, args.seed))


if __name__ == "__main__":
    main()
