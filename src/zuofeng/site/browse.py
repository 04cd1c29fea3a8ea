"""Listing pages by unit and by tag: records/units/… and records/tags/… (visible records only)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

from pypinyin import lazy_pinyin

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.domain.record import Record
from zuofeng.site.pages import RECORDS_ROOT, KeptRow, front_matter, inline, records_table

if TYPE_CHECKING:
    from zuofeng.site.incremental import SameInputs

UNITS = f"{RECORDS_ROOT}/units"
# Listings repeat every record's title: searching them would bury the records themselves.
_UNSEARCHED = {"exclude": True}
TAGS = f"{RECORDS_ROOT}/tags"


def slugs(names: Iterable[str]) -> dict[str, str]:
    """Stable ASCII folder names (pinyin) for Chinese names; clashes get -2, -3 … in name order."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        base = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(name)).lower()).strip("-") or "x"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result[name] = slug
    return result


def _group(records: Iterable[Record], keys: Callable[[Record], Iterable[str]]) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if not record.confidential:
            for key in keys(record):
                groups[key].append(record)
    return groups


def _listings(root: str, heading: str, noun: str, groups: dict[str, list[Record]], names: dict[str, str],
              catalogue: Catalogue, reuse: SameInputs, keys: Callable[[list[Record]], list[Any]],
              kept: KeptRow | None) -> dict[str, str]:
    index = [f"| {noun} | 记录数 |", "|---|---:|"]
    pages: dict[str, str] = {}
    for name in sorted(groups, key=lambda n: (-len(groups[n]), n)):
        items = sorted(groups[name], key=lambda r: (r.date, r.id), reverse=True)
        index.append(f"| [{inline(name)}]({names[name]}/index.md) | {len(items)} |")
        src = f"{root}/{names[name]}/index.md"

        def listing(name: str = name, items: list[Record] = items) -> str:
            return (front_matter(title=f"{noun}：{name}", search=_UNSEARCHED)
                    + f"# {noun}：{inline(name)}\n\n共 {len(items)} 条可公开的记录。\n\n"
                    + records_table(items, f"{root}/{names[name]}", catalogue, show_type=True, kept=kept))
        pages[src] = reuse.get((src, name), keys(items), listing)
    pages[f"{root}/index.md"] = front_matter(title=heading) + f"# {heading}\n\n" + "\n".join(index) + "\n"
    return pages


@dataclass(frozen=True)
class Browse:
    """Folder names of the units and tags of the visible records (record pages link to them too)."""

    units: dict[str, str]
    tags: dict[str, str]

    @classmethod
    def of(cls, records: Iterable[Record]) -> Browse:
        visible = [r for r in records if not r.confidential]
        return cls(slugs(r.unit for r in visible if r.unit), slugs(t for r in visible for t in r.tags))

    def pages(self, records: Iterable[Record], catalogue: Catalogue, reuse: SameInputs,
              keys: Callable[[list[Record]], list[Any]], kept: KeptRow | None = None) -> dict[str, str]:
        """Docs path → Markdown of every unit and tag listing, plus their two index pages.

        `reuse` hands back a listing made before from the same `keys` of its records; `kept`, a row.
        """
        records = list(records)
        units = _group(records, lambda r: [r.unit] if r.unit else [])
        pages = _listings(UNITS, "按单位浏览", "单位", units, self.units, catalogue, reuse, keys, kept)
        pages.update(_listings(TAGS, "按标签浏览", "标签", _group(records, lambda r: r.tags), self.tags, catalogue,
                               reuse, keys, kept))
        return pages

