"""`mkdocs serve --dirty`: a records table converted row by row, each row's HTML kept across builds.

A unit's listing at 20,000 records is a table of twelve thousand rows: converting its Markdown
again after one record's title changed took seconds. For the kinds that declare `rows`
(kinds.py), the first build converts the whole table and keeps each row's HTML under its
Markdown line; a later build hands Markdown only the rows it has not seen (at least one, so the
table stays a table) and puts every row back, in order, into the converted page. Markdown
converts a table row from that row alone and the page's place (its links are relative): what
else the page says (a count that moved) does not change it, and the Markdown extensions are in
mkdocs.yml, whose change makes a full build that starts with no rows. So the page is the one a
whole conversion gives (tests/test_serve_incremental.py compares it with a clean build, byte for byte).
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from zuofeng.core.domain.record import Record

# The header of `pages.records_table`, its separator, then its rows.
_HEADER = "| 日期 |"
_ROW = re.compile(r"<tr>\n.*?</tr>\n", re.S)
_FEWEST = 20  # smaller tables are converted whole: not worth keeping


class TableRows:
    """Row HTML of the records tables of the pages of a serve session (one table per page)."""

    def __init__(self) -> None:
        self.enabled = False  # `mkdocs serve --dirty`
        self._kept: dict[str, dict[str, str]] = {}  # src → row Markdown → row HTML
        self._pending: dict[str, tuple[list[str], list[str]]] = {}  # src → (rows, rows converted)

    def clear(self) -> None:
        """Forget every row (a full build, or a failed one)."""
        self._kept = {}
        self._pending = {}

    def keep_only(self, srcs: set[str]) -> None:
        """Drop the rows of pages this build no longer has."""
        for src in self._kept.keys() - srcs:
            del self._kept[src]

    def shorten(self, src: str, markdown: str) -> str:
        """The page's Markdown with only the table rows whose HTML is not kept."""
        self._pending.pop(src, None)
        found = _find_table(markdown) if self.enabled else None
        if found is None:
            self._kept.pop(src, None)
            return markdown
        start, end, lines = found
        rows = lines[start:end]
        known = self._kept.get(src, {})
        send = [row for row in rows if row not in known] or rows[:1]
        self._pending[src] = (rows, send)
        if len(send) == len(rows):
            return markdown
        return "\n".join(lines[:start] + send + lines[end:])

    def restore(self, src: str, html: str) -> str:
        """The converted page with every row of its table, in order; the rows' HTML kept for the next build."""
        pending = self._pending.pop(src, None)
        if pending is None:
            return html
        rows, send = pending
        body = _table_body(html)
        converted = _ROW.findall(html, *body) if body is not None else []
        if body is None or len(converted) != len(send) or "".join(converted) != html[body[0]:body[1]]:
            self._kept.pop(src, None)
            if len(send) < len(rows):
                raise RowsLost(src)
            return html  # not a table Markdown writes row by row: converted whole from now on
        known = {**self._kept.get(src, {}), **dict(zip(send, converted))}
        whole = [known[row] for row in rows]
        self._kept[src] = {row: known[row] for row in rows}
        if len(send) == len(rows):
            return html
        return html[:body[0]] + "".join(whole) + html[body[1]:]


class RowsLost(Exception):
    """A shortened table came back with other rows than sent: the page is incomplete (the next build is full)."""


def _find_table(markdown: str) -> tuple[int, int, list[str]] | None:
    """The first records table's rows (line indices start, end) when it has enough rows to keep."""
    lines = markdown.split("\n")
    for i, line in enumerate(lines[:-1]):
        if line.startswith(_HEADER) and lines[i + 1].startswith("|---"):
            start = end = i + 2
            while end < len(lines) and lines[end].startswith("| "):
                end += 1
            return (start, end, lines) if end - start >= _FEWEST else None
    return None


def _table_body(html: str) -> tuple[int, int] | None:
    """Offsets of the first table's body rows in the converted page."""
    start = html.find("<tbody>\n")
    if start < 0:
        return None
    start += len("<tbody>\n")
    end = html.find("</tbody>", start)
    return (start, end) if end >= 0 else None


class KeptRows:
    """The Markdown of each row of the listings' records tables, kept across serve's builds.

    A listing is made again whenever one of its records changed: at 20,000 records a unit's
    table has some twelve thousand rows, each escaped and linked again. A row is made of its
    record but the record's text (its key, incremental.RecordKeys), the table's folder and its
    form (`pages.records_table`), and nothing else: the catalogue's labels are a site input,
    whose change makes a full build that starts with none.
    """

    def __init__(self) -> None:
        self.enabled = False  # `mkdocs serve --dirty`
        self._rows: dict[tuple[str, str], tuple[str, str]] = {}  # (table, record id) → (record key, row)
        self._made = False  # a row was made in this build (`keep_only` may have rows to drop)
        self._records = 0  # how many records the last `keep_only` was given

    def clear(self) -> None:
        self._rows = {}

    def row(self, key: str, table: str, record_id: str, make: Callable[[], str]) -> str:
        """The row of a record in a table: the one made before while the record's key is the same."""
        hit = self._rows.get((table, record_id))
        if hit is not None and hit[0] == key:
            return hit[1]
        text = make()
        self._rows[(table, record_id)] = (key, text)
        self._made = True
        return text

    def keep_only(self, records: Sequence[Record]) -> None:
        """Drop the rows of records this build no longer has (only after rows were made or records went)."""
        if self._made or len(records) != self._records:
            ids = {record.id for record in records}
            self._rows = {k: v for k, v in self._rows.items() if k[1] in ids}
        self._made, self._records = False, len(records)
