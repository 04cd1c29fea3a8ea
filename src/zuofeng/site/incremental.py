"""`mkdocs serve --dirty`: after an edit, build again only the pages whose inputs changed.

MkDocs' dirty build asks each file `File.is_modified()` before reading and before writing a
page (its documented seam); left alone it compares the file's modification times, which says
nothing of a page generated from records or of a report whose figures moved. Here every page
gets a key — a hash of everything its HTML is made of: its Markdown (after the report macros),
the links in it that resolve, and what the plugin adds to it (a record's field table, its
last-updated date) — and is built again only when its key changed. Whatever every page shows
(mkdocs.yml, the theme's templates, the catalogue, the navigation and its titles) goes into
one site key: when it changes, every page is built again.

State lives on the plugin instance, which MkDocs keeps across serve's rebuilds (`on_startup`).
A build that fails forgets it: the next build is full.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
import shutil
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable, Hashable, Iterable, Sequence, TypeVar

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from zuofeng.core.domain.record import Record, value_digest
from zuofeng.site import seams

T = TypeVar("T")

# Relative link targets in Markdown or HTML: ](x), ]: x, href="x", src="x".
_LINK = re.compile(r"""\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|(?:href|src)=["']([^"']+)["']""", re.M)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_ENV_PREFIXES = ("ZUOFENG_", "SOURCE_DATE_EPOCH")


def digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class SameInputs:
    """Values kept across serve's builds while they are made from the same inputs.

    Inputs compare by value: keys (strings) by `==`, records by `value_digest`; the very same
    object (the load cache hands back an unchanged file's record) is the fast path. Other
    objects (a page, this build's `Browse`, the dates of `LastUpdated`) still count only when
    they are the very objects of last time. Entries not asked for in a build are dropped at its end.
    """

    def __init__(self) -> None:
        self._memo: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self._used: set[Hashable] = set()

    def get(self, key: Hashable, inputs: Sequence[Any], make: Callable[[], T]) -> T:
        self._used.add(key)
        if self.has(key, inputs):
            return self._memo[key][1]  # type: ignore[no-any-return]
        value = make()
        self._memo[key] = (tuple(inputs), value)
        return value

    def has(self, key: Hashable, inputs: Sequence[Any] = ()) -> bool:
        """Whether `get` would give a kept value (without asking for it)."""
        hit = self._memo.get(key)
        return hit is not None and len(hit[0]) == len(inputs) and all(map(_same, hit[0], inputs))

    def clear(self) -> None:
        """Forget everything (a full build starts from nothing)."""
        self._memo = {}
        self._used = set()

    def end_build(self) -> None:
        for key in self._memo.keys() - self._used:
            del self._memo[key]
        self._used = set()


def _same(kept: Any, given: Any) -> bool:
    """Whether an input is the one a kept value was made from (see SameInputs)."""
    if kept is given:
        return True
    if isinstance(kept, str) and isinstance(given, str):
        return kept == given
    return isinstance(kept, Record) and isinstance(given, Record) and value_digest(kept) == value_digest(given)


class RecordKeys:
    """A key per record for what listings and report figures read of it: everything but its text.

    A key stays the very same string object while that part of its record is unchanged, so
    `SameInputs` may be given keys in place of records: a listing, or a report's render, is
    reused after an edit of a record's text. Off (any command but `serve --dirty`), the
    records themselves stand for their keys and `all` is empty.
    """

    def __init__(self) -> None:
        self.enabled = False
        self.all = ""  # one key of this build's records
        self.all_but_titles = ""  # the same without their titles (what counting them reads)
        self._keys: dict[str, tuple[Record, str, str]] = {}

    def update(self, records: Iterable[Record]) -> None:
        """Take this build's records (in the index's order)."""
        if not self.enabled:
            return
        old = self._keys
        new: dict[str, tuple[Record, str, str]] = {}
        for record in records:
            hit = old.get(record.id)
            if hit is None or hit[0] is not record:
                key = _all_but_text(record)
                hit = (record, hit[1] if hit is not None and hit[1] == key else key, _all_but(record, ("body", "title")))
            new[record.id] = hit
        self._keys = new
        self.all = digest(*(hit[1] for hit in new.values()))
        self.all_but_titles = digest(*(hit[2] for hit in new.values()))

    def of(self, records: Iterable[Record]) -> list[Any]:
        """The keys of records: kept ones for those given to the last `update`, new ones for others
        (a record the site shows in another form, e.g. an amendment's internal target)."""
        if not self.enabled:
            return list(records)
        return [self.key(record) for record in records]

    def key(self, record: Record) -> str:
        hit = self._keys.get(record.id)
        return hit[1] if hit is not None and hit[0] is record else _all_but_text(record)


def _all_but_text(record: Record) -> str:
    return _all_but(record, ("body",))


def _all_but(record: Record, left_out: tuple[str, ...]) -> str:
    return digest(repr([getattr(record, f.name) for f in fields(record) if f.name not in left_out]))


class Incremental:
    """Which pages a dirty serve build writes again, and the files it removes afterwards."""

    def __init__(self) -> None:
        self.enabled = False  # `mkdocs serve --dirty`
        self.in_place = False  # this build updates the last one's folder
        self.built: set[str] = set()  # src_uris this build writes
        self._config_key: str | None = None
        self._nav_key: str | None = None
        self._page_keys: dict[str, str] = {}  # src_uri → key of the page last written
        self._outputs: set[str] = set()  # dest_uri of every file of the last build
        self._targets: dict[str, tuple[str, ...]] = {}  # text hash → link targets (docs paths)
        self._starting_key = ""  # mkdocs.yml, theme and site inputs of the build under way
        self._next: tuple[str, str, dict[str, str], set[str], str] | None = None  # this build's, kept once it succeeds
        self._hashed: dict[str, tuple[str, str]] = {}  # src_uri → its text last time, and that text's hash
        self._sitemap_key: str | None = None  # every page's address and date, as sitemap.xml lists them
        self.unchanged_templates: set[str] = set()  # theme templates this build need not write again
        self._titles: dict[str, tuple[str, str]] = {}  # src_uri → key and title of an untitled nav page, last build
        self._untitled_pages: list[File] = []  # this build's (their titles are kept once it succeeded)

    @property
    def warm(self) -> bool:
        """Whether a build succeeded before this one (it may be updated in place)."""
        return self._config_key is not None

    def start(self, config: MkDocsConfig, site_inputs: Iterable[str]) -> bool:
        """Whether this build may update the last one's folder: same mkdocs.yml, theme and `site_inputs`.

        Otherwise it is a full build into a new folder, as without `--dirty`.
        """
        self._starting_key = digest(*site_inputs, _config_key(config))
        self.in_place = self.enabled and self._starting_key == self._config_key
        return self.in_place

    def plan(self, files: Files, pages: Sequence[File], nav: Navigation, texts: Callable[[File], str],
             extras: Callable[[File], str], declared: Callable[[File], Sequence[str]]) -> None:
        """Key every page (`pages`: the documentation pages of `files`) and tell MkDocs, through
        `File.is_modified`, which ones to build.

        A page's key is made of the parts its kind declares (`declared(file)`, kinds.KeyPart):
        `texts(file)`, its Markdown as it will be converted (reports after their macros); which of
        its links resolve; `extras(file)`, what the plugin adds to its HTML besides. A nav page
        that takes its title from its text keeps the title it had while its key is the same.
        """
        sources = {f.src_uri for f in files}
        untitled = _untitled_nav_pages(nav)
        nav_key = _nav_key(nav, untitled, texts)
        full = not self.in_place or nav_key != self._nav_key
        keys: dict[str, str] = {}
        texts_seen: set[str] = set()
        self.built = set()
        hashed: dict[str, tuple[str, str]] = {}
        for file in pages:
            parts = declared(file)
            text = texts(file)
            last = self._hashed.get(file.src_uri)
            # Reused Markdown is the very same string as last time: no need to hash it again.
            text_key = last[1] if last is not None and last[0] is text else digest(text)
            hashed[file.src_uri] = (text, text_key)
            texts_seen.add(text_key)
            present = ""
            if "links" in parts:
                targets = self._targets.get(text_key)
                if targets is None:
                    targets = self._targets[text_key] = _link_targets(text, file.src_uri)
                present = "".join("1" if t in sources else "0" for t in targets) if targets else ""
            key = keys[file.src_uri] = "|".join((text_key if "markdown" in parts else "", present,
                                                 extras(file) if "extra" in parts else ""))
            changed = full or self._page_keys.get(file.src_uri) != key
            if not changed and file.src_uri in untitled:
                changed = not self._keep_title(file, key)
            if changed:
                self.built.add(file.src_uri)
            # MkDocs' dirty build asks this before reading and before writing the page.
            seams.set_modified(file, changed)
        self._targets = {k: v for k, v in self._targets.items() if k in texts_seen}
        self._hashed = hashed
        sitemap_key = digest(*(f"{f.page.canonical_url}|{f.page.abs_url}|{f.page.update_date}" for f in pages if f.page))
        # The 404 page shows the navigation around nothing; sitemap.xml lists every page's address and date.
        self.unchanged_templates = set()
        if self.in_place and not full:
            self.unchanged_templates.add("404.html")
        if self.in_place and sitemap_key == self._sitemap_key:
            self.unchanged_templates.add("sitemap.xml")
        self._next = (self._starting_key, nav_key, keys, {f.dest_uri for f in files}, sitemap_key)
        self._untitled_pages = [f for f in pages if f.src_uri in untitled]

    def _keep_title(self, file: File, key: str) -> bool:
        """Give an untitled nav page that is not built again the title it was given last time (the
        others' navigation shows it); False when there is none to give."""
        kept = self._titles.get(file.src_uri)
        if kept is None or kept[0] != key or file.page is None:
            return False
        seams.set_title(file.page, kept[1])
        return True

    def commit(self, site_dir: str) -> None:
        """The build succeeded: remove the files of pages gone since the last one, remember this one."""
        if self._next is None:
            return
        config_key, nav_key, keys, outputs, sitemap_key = self._next
        self._next = None
        if self.in_place:
            for dest in sorted(self._outputs - outputs):
                _remove(Path(site_dir), dest)
        if self.enabled:
            self._config_key, self._nav_key, self._page_keys, self._outputs = config_key, nav_key, keys, outputs
            self._sitemap_key = sitemap_key
            self._titles = {f.src_uri: (keys[f.src_uri], f.page.title) for f in self._untitled_pages
                            if f.page is not None and f.page.title is not None}
        self._untitled_pages = []

    def forget(self) -> None:
        """The build failed: what is on disk is unknown, so the next build is a full one."""
        self._config_key = self._nav_key = self._next = self._sitemap_key = None
        self._page_keys = {}
        self._titles = {}
        self._untitled_pages = []
        self._outputs = set()


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once for the builds of a serve session.

    MkDocs makes a new Jinja environment for every build, which would parse and compile every
    template again (a tenth of a fast rebuild). Jinja checks each against its source's checksum.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def clear(self) -> None:
        self._compiled = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """Logging filter: drop MkDocs' warning that a dirty build is inexact (this plugin makes it exact)."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _untitled_nav_pages(nav: Navigation) -> set[str]:
    """Nav pages whose title comes from their text: read again unless their title is kept (`_keep_title`),
    or the others' nav would lack it."""
    return {page.file.src_uri for page in nav.pages if page.title is None}


def _nav_key(nav: Navigation, untitled: set[str], texts: Callable[[File], str]) -> str:
    """The navigation every page shows: titles, addresses, and the titles pages give themselves."""
    parts: list[str] = []

    def walk(items: Iterable[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, Section):
                parts.append(f"{depth}S{item.title}")
                walk(item.children, depth + 1)
            elif isinstance(item, Link):
                parts.append(f"{depth}L{item.title}|{item.url}")
            elif isinstance(item, Page):
                title = item.title if item.file.src_uri not in untitled else _own_title(texts(item.file))
                parts.append(f"{depth}P{title}|{item.file.url}")
    walk(nav.items, 0)
    return digest(*parts)


def _own_title(text: str) -> str:
    markdown, meta = get_data(text)
    return f"{meta.get('title')}|{get_markdown_title(markdown)}"


def _config_key(config: MkDocsConfig) -> str:
    """mkdocs.yml, the environment it reads, and the theme's templates."""
    parts = []
    if config.config_file_path and os.path.isfile(config.config_file_path):
        parts.append(Path(config.config_file_path).read_text(encoding="utf-8", errors="replace"))
    parts += [f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith(_ENV_PREFIXES)]
    parts += [f"{k}={config.get(k)}" for k in ("site_url", "site_dir", "docs_dir", "use_directory_urls", "repo_url", "edit_uri")]
    for folder in config.theme.dirs:
        for here, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # .icons: thousands of SVGs
            for name in sorted(names):
                if name.endswith((".html", ".xml")):
                    stat = os.stat(os.path.join(here, name))
                    parts.append(f"{here}/{name}|{stat.st_mtime_ns}|{stat.st_size}")
    return digest(*parts)


def _link_targets(text: str, src: str) -> tuple[str, ...]:
    """Docs paths a page's relative links point to (whether each exists decides what MkDocs writes)."""
    base = posixpath.dirname(src)
    found = []
    for match in _LINK.finditer(text):
        target = next(g for g in match.groups() if g is not None)
        if not target or target[0] in "#/" or _SCHEME.match(target):
            continue
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path:
            found.append(posixpath.normpath(posixpath.join(base, path)))
    return tuple(sorted(set(found)))


def _remove(site: Path, dest: str) -> None:
    """Remove a file of the last build and the folders it leaves empty."""
    path = site / dest
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except IsADirectoryError:
        shutil.rmtree(path, ignore_errors=True)
    folder = path.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
