"""Markdown of generated pages: one per record, and the listings that lead to them."""

from __future__ import annotations

import html
import json
from collections import Counter
from functools import partial
from typing import Any, Callable, Iterable, Mapping, Sequence

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec
from zuofeng.core.domain.record import Record
from zuofeng.core.domain.wording import format_date, listing_count
from zuofeng.core.output.dashboard import relative_link

RECORDS_ROOT = "records"
# A type-specific page renderer (e.g. notices), chosen by record type; its third argument is
# the record's 更正说明 box (Markdown, may be empty), to show below its heading.
Renderer = Callable[[Record, Catalogue, str], str]


def record_src(record: Record) -> str:
    """Docs path of a record's page: records/<year>/<type>/<slug>.md."""
    return f"{RECORDS_ROOT}/{record.id}.md"


def front_matter(**meta: Any) -> str:
    # Generated pages carry their own meta; `render_macros: false` keeps mkdocs-macros away.
    # JSON scalars are valid YAML and far cheaper to write than yaml.safe_dump (one per record page).
    meta["render_macros"] = False
    # MkDocs themes print `page.title` unescaped (<title>, Material's header): escape it here, once.
    if "title" in meta:
        meta["title"] = html.escape(meta["title"])
    lines = "".join(f"{key}: {json.dumps(meta[key], ensure_ascii=False)}\n" for key in sorted(meta))
    return "---\n" + lines + "---\n\n"


def _cell(value: Any, spec: FieldSpec | None = None) -> str:
    """HTML of one field value, escaped: field values are never markup."""
    if value is None or value == () or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple) and spec is not None and spec.kind == "objects":
        return _objects_table(value, spec)
    if isinstance(value, tuple):
        return "、".join(html.escape(str(v)) for v in value)
    if hasattr(value, "isoformat"):
        return format_date(value)
    return html.escape(str(value)).replace("\n", "<br>")


def _objects_table(items: tuple[Any, ...], spec: FieldSpec) -> str:
    head = "".join(f"<th>{html.escape(s.label)}</th>" for s in spec.fields.values())
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(item.get(name), sub)}</td>" for name, sub in spec.fields.items()) + "</tr>"
        for item in items
    )
    return f'<table class="zf-objects"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


# Docs path of a generated page → its URL relative to the page being built (None: no such page).
UrlFor = Callable[[str], "str | None"]


def record_summary(record: Record, catalogue: Catalogue, url_for: UrlFor,
                   unit_slugs: Mapping[str, str] | None = None, tag_slugs: Mapping[str, str] | None = None) -> str:
    """One HTML line (type · date · unit · tags) that search results show under the title."""
    root = record_src(record).rsplit("/", 1)[0]
    parts = [_link(catalogue.label(record.type), url_for(f"{root}/index.md")), format_date(record.date)]
    if record.unit:
        slug = (unit_slugs or {}).get(record.unit)
        parts.append(_link(record.unit, url_for(f"{RECORDS_ROOT}/units/{slug}/index.md") if slug else None))
    for tag in record.tags:
        slug = (tag_slugs or {}).get(tag)
        parts.append(_link(f"#{tag}", url_for(f"{RECORDS_ROOT}/tags/{slug}/index.md") if slug else None))
    return " · ".join(parts)


def _link(text: str, url: str | None) -> str:
    label = html.escape(text)
    return f'<a href="{html.escape(url)}">{label}</a>' if url is not None else label


def record_header(record: Record, catalogue: Catalogue, url_for: UrlFor,
                  unit_slugs: Mapping[str, str] | None = None, tag_slugs: Mapping[str, str] | None = None) -> str:
    """HTML put before a record page's rendered body: its title, summary line and fields.

    Written as HTML after Markdown, not as raw HTML inside it: Markdown would parse every
    field table twice more (MkDocs' anchor scan and md_in_html), a fifth of a record page's build.
    """
    record_type = catalogue.types[record.type]
    rows = [
        ("类型", html.escape(record_type.label)),
        ("日期", format_date(record.date)),
        ("单位", _cell(record.unit)),
    ]
    for name, spec in record_type.fields.items():
        rows.append((spec.label, _cell(record.fields.get(name), spec)))
    if record.tags:
        rows.append(("标签", _cell(record.tags)))
    table = "\n".join(f"<tr><th>{html.escape(label)}</th><td>{value}</td></tr>" for label, value in rows)
    return (
        f'<h1 class="zf-record-title">{html.escape(record.title)}</h1>\n'
        # A div, not a paragraph: Material's search results always show its text, matched or not.
        + f'<div class="zf-record-summary">{record_summary(record, catalogue, url_for, unit_slugs, tag_slugs)}</div>\n'
        + f'<table class="zf-record-fields">\n<tbody>{table}\n</tbody></table>\n'
    )


def record_markdown(record: Record, catalogue: Catalogue, renderers: Mapping[str, Renderer] | None = None,
                    amendments: Sequence[Record] = ()) -> str:
    """A record's page: its type's own renderer, else its amendments and body (`record_header` goes first)."""
    amended = _amendment_block(record, amendments)
    if renderers and record.type in renderers:
        return renderers[record.type](record, catalogue, amended)
    return (
        front_matter(title=record.title)
        + amended
        + record.body.strip()
        + "\n"
    )


def _amendment_block(record: Record, amendments: Sequence[Record]) -> str:
    """The 更正说明 box listing visible amendments of a record (confidential ones stay hidden)."""
    from_dir = f"{RECORDS_ROOT}/{record.id.rsplit('/', 1)[0]}"
    items = [
        f"    - [{format_date(a.date)}]({relative_link(record_src(a), from_dir)})："
        f"{inline(str(a.fields.get('reason', '')))}（批准人：{inline(str(a.fields.get('approved_by', '')))}）"
        for a in amendments
        if not a.confidential
    ]
    if not items:
        return ""
    return '!!! warning "更正说明"\n\n' + "\n".join(items) + "\n\n"


# HTML's &, < and > as entities, Markdown's own characters behind a backslash, a line break as a space:
# one character at a time (a listing's table at 20,000 records escapes some fifty thousand cells).
_INLINE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": " ",
                         **{char: "\\" + char for char in "\\`*_[]|#"}})


def inline(text: str) -> str:
    """Plain text safe inside a Markdown link or table cell."""
    return text.translate(_INLINE)


# One more column of a records table: its heading and each record's cell (Markdown).
Column = tuple[str, Callable[[Record], str]]
# A row of a table kept from an earlier build: (record, the table's folder and form, make the row) → the row.
KeptRow = Callable[[Record, str, Callable[[], str]], str]


def records_table(records: Iterable[Record], from_dir: str, catalogue: Catalogue, show_type: bool = False,
                  extra: Column | None = None, kept: KeptRow | None = None) -> str:
    """A Markdown table of records (visible ones only) linking to their pages; `extra` adds a last column.

    `kept` (serve --dirty) hands back a row made before for the same record, folder and form.
    """
    header = ("| 日期 | " + ("类型 | " if show_type else "") + "标题 | 单位 |" + (f" {extra[0]} |" if extra else "")
              + "\n|---|" + ("---|" if show_type else "") + "---|---|" + ("---|" if extra else "") + "\n")

    def row(record: Record) -> str:
        kind = f"{inline(catalogue.label(record.type))} | " if show_type else ""
        link = f"[{inline(record.title)}]({relative_link(record_src(record), from_dir)})"
        last = f" {extra[1](record)} |" if extra else ""
        return f"| {record.date.isoformat()} | {kind}{link} | {inline(record.unit or '—')} |{last}"
    table = f"{from_dir}|{show_type}"
    visible = [record for record in records if not record.confidential]
    rows = [row(record) if kept is None or extra else kept(record, table, partial(row, record)) for record in visible]
    if not rows:
        return "暂无可公开的记录。\n"
    return header + "\n".join(rows) + "\n"


def type_listing(year: int, type_key: str, records: list[Record], catalogue: Catalogue,
                 kept: KeptRow | None = None) -> str:
    label = catalogue.label(type_key)
    hidden = sum(1 for r in records if r.confidential)
    # All internal: the count says so, and no empty table follows.
    table = records_table(records, f"{RECORDS_ROOT}/{year}/{type_key}", catalogue, kept=kept) \
        if hidden < len(records) else ""
    return (
        front_matter(title=f"{year}年{label}", search={"exclude": True})
        + f"# {year}年{label}\n\n{listing_count(len(records), hidden)}\n\n"
        + table
    )


def year_listing(year: int, records: list[Record], catalogue: Catalogue) -> str:
    counts = Counter(r.type for r in records)
    lines = ["| 类型 | 记录数 |", "|---|---|"]
    for key, record_type in catalogue.types.items():
        if counts[key]:
            lines.append(f"| [{record_type.label}]({key}/index.md) | {counts[key]} |")
    return (
        front_matter(title=f"{year}年记录")
        + f"# {year}年记录\n\n共 {len(records)} 条记录（含内部记录）。\n\n"
        + "\n".join(lines)
        + "\n"
    )


def root_listing(by_year: dict[int, list[Record]], catalogue: Catalogue) -> str:
    present = {r.type for rs in by_year.values() for r in rs}
    keys = [k for k in catalogue.types if k in present]
    header = "| 年份 | " + " | ".join(catalogue.label(k) for k in keys) + " | 合计 |"
    lines = [header, "|---" * (len(keys) + 2) + "|"]
    for year in sorted(by_year, reverse=True):
        counts = Counter(r.type for r in by_year[year])
        cells = " | ".join(
            f"[{counts[k]}]({year}/{k}/index.md)" if counts[k] else "0" for k in keys
        )
        lines.append(f"| [{year}年]({year}/index.md) | {cells} | {len(by_year[year])} |")
    return (front_matter(title="记录台账") + "# 记录台账\n\n各年度各类记录数量（含内部记录）。"
            "也可[按单位浏览](units/index.md)或[按标签浏览](tags/index.md)。\n\n" + "\n".join(lines) + "\n")
