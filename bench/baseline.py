"""The baseline site: plain Material for MkDocs building as many plain Markdown pages as ours."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

SEARCH = """plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\-]+'
"""


def _plain_page(text: str) -> str:
    """A record file as plain Markdown of similar size: its fields as a table, then its body."""
    _, front, body = text.split("---\n", 2)
    title = next((line[7:].strip('" ') for line in front.splitlines() if line.startswith("title:")), "记录")
    rows = [line.split(":", 1) for line in front.splitlines() if ":" in line]
    table = "\n".join(f"| {k.strip(' -')} | {v.strip().replace('|', '／')} |" for k, v in rows)
    return f"# {title}\n\n| 字段 | 内容 |\n|---|---|\n{table}\n\n{body.strip()}\n"


def _config(project: Path, years: list[int]) -> str:
    ours = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head = ours.split("\nplugins:", 1)[0]
    nav = "nav:\n  - 首页: index.md\n" + "".join(f"  - {y}年: pages/{y}/index.md\n" for y in years)
    return f"{head}\n\n{SEARCH}\n{nav}\nvalidation:\n  nav:\n    omitted_files: ignore\n"


def make_baseline(dest: Path, project: Path, pages: int) -> int:
    """Write a plain site of `pages` pages built from the project's record files; returns the count."""
    records = sorted((project / "records").rglob("*.md"))
    docs = dest / "docs"
    shutil.copytree(project / "docs" / "assets", docs / "assets")
    by_year: dict[int, list[str]] = defaultdict(list)
    years = sorted({int(p.relative_to(project / "records").parts[0]) for p in records})
    content = max(0, pages - 1 - len(years))
    for i in range(content):
        source = records[i % len(records)]
        year = int(source.relative_to(project / "records").parts[0])
        name = f"p{i:05d}.md"
        target = docs / "pages" / str(year) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_plain_page(source.read_text(encoding="utf-8")), encoding="utf-8")
        by_year[year].append(name)
    for year in years:
        links = "\n".join(f"- [{name[:-3]}]({name})" for name in by_year[year])
        (docs / "pages" / str(year)).mkdir(parents=True, exist_ok=True)
        (docs / "pages" / str(year) / "index.md").write_text(f"# {year}年\n\n{links}\n", encoding="utf-8")
    home = "\n".join(f"- [{y}年](pages/{y}/index.md)" for y in years)
    (docs / "index.md").write_text(f"# 基准站点\n\n{home}\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(_config(project, years), encoding="utf-8")
    return content + 1 + len(years)
