"""Pagefind search index: each page cut into jieba words, written in chunks a browser loads on demand.

Material's search sends the whole index to every reader (36 MB at 20,000 records). Pagefind
splits it into fragments fetched per query word. Its own Chinese segmentation (ICU on the
index, the browser's `Intl.Segmenter` on the query) cuts 督查通报 into 督|查|通报 and 用车 into
用|车, then matches 用工; so the index gets jieba's words, separated by spaces, under a language
Pagefind does not segment, and the search page cuts the query with the same words (`words.txt`).
"""

from __future__ import annotations

import atexit
import contextlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import jieba

from zuofeng.site import search

# Pagefind cuts only zh/ja/th; a language it does not know has no stemmer either: our spaces are
# the only word breaks.
INDEX_LANGUAGE = "zz"
OUTPUT_DIR = "pagefind"
WORDS_FILE = "search/words.txt"
FACETS_FILE = "search/facets.json"  # the years and types a search can be narrowed to
OUTPUTS = (OUTPUT_DIR, WORDS_FILE, FACETS_FILE)  # what a finished index job swaps into the site
log = logging.getLogger("mkdocs.plugins.zuofeng")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TAG = re.compile(r"<[^>]+>")
_DROP = re.compile(r"<(script|style|th)\b[^>]*>.*?</\1>", re.S | re.I)


@dataclass(frozen=True)
class SearchDoc:
    """One page as the search index holds it."""

    url: str
    title: str
    info: str  # what the page is and when: 公务接待 · 2024-03-05 · 县政府办公室, 2024年报告
    text: str
    filters: dict[str, str] = field(default_factory=dict)
    sort_date: str = ""


def page_text(page_html: str) -> str:
    """Visible text of rendered HTML, without scripts, styles or table header labels."""
    return html.unescape(_TAG.sub(" ", _DROP.sub(" ", page_html)))


def encode(word: str) -> str:
    """A word with each Chinese character as q + 5 hex digits (docs/assets/zuofeng-search.js decodes).

    Pagefind finds a Chinese word on a one-chunk test site but not among the chunks of a larger
    one (复工复产: 0 results on the example site); in ASCII its chunk lookup and prefix match hold.
    """
    return _HAN.sub(lambda m: f"q{ord(m.group()):05x}", word)


def segment(text: str) -> str:
    """jieba's words of a text (accurate mode), blanks dropped, one per line."""
    return "\n".join(word for word in jieba.cut(text) if word.strip())


Segmenter = Callable[[str], str]


def _html_of(doc: SearchDoc, cut: Segmenter) -> tuple[str, set[str]]:
    """The page Pagefind indexes (title weighted as h1, inner words weighted low) and its words."""
    title_words, text_words = cut(doc.title).split("\n"), cut(doc.text).split("\n")
    words = set(title_words) | set(text_words)
    inner = search.missing_inner_words(words)
    meta = [("title", doc.title), ("info", doc.info)]
    parts = [f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>' for key, value in meta if value]

    if doc.sort_date:
        parts.append(f'<span data-pagefind-sort="date">{html.escape(doc.sort_date)}</span>')
    body = (
        f'<div data-pagefind-ignore>{"".join(parts)}</div>'
        f"<h1>{_encoded(title_words)}</h1>"
        f"<p>{_encoded(text_words)}</p>"
        f'<p data-pagefind-weight="0.5">{_encoded(inner)}</p>'
        f'<p data-pagefind-weight="0.1">{" ".join(facet_word(key, value) for key, value in doc.filters.items())}</p>'
    )
    return f"<html><body data-pagefind-body>{body}</body></html>", words | set(inner)


def facet_word(key: str, value: str) -> str:
    """The word that narrows a search to a year or a type (zf + key + value + z, in ASCII).

    Not a Pagefind filter: Pagefind writes a filter's values in hash-map order, which changes from
    one run to the next, and the site must be byte-identical for the same inputs.
    """
    return f"zf{encode(key)}{encode(value)}z"


def _encoded(words: list[str]) -> str:
    return html.escape(" ".join(encode(word) for word in words))


def _run_pagefind(pages: Path, out: Path, job: IndexJob | None = None) -> None:
    """Index a folder of pages with the Pagefind binary from its wheel; a failure stops the build."""
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(out),
               "--force-language", INDEX_LANGUAGE, "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if job is not None:
        _lower_priority(process.pid)
        job.started(process)
    stdout, stderr = process.communicate()
    if job is not None:
        job.check()
    if process.returncode != 0:
        raise PagefindError(f"Pagefind 建立搜索索引失败：{stderr or stdout}")


def _lower_priority(pid: int) -> None:
    """serve's background index yields the processor to the next rebuild (set before Pagefind starts its threads)."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, 10)
    except (AttributeError, OSError):  # not on Windows; a process already gone
        pass


class PagefindError(RuntimeError):
    """Pagefind could not write the index."""


def write_index(docs: Iterable[SearchDoc], site_dir: Path, cut: Segmenter = segment,
                pages: IndexPages | None = None, job: IndexJob | None = None) -> int:
    """Write site/pagefind/ and the query word list site/search/words.txt; returns the number of pages.

    `pages` keeps the pages Pagefind reads between runs (serve), `job` may cancel the run.
    """
    ordered = sorted(docs, key=lambda d: d.url)  # same inputs, same index files
    with contextlib.ExitStack() as stack:
        if pages is None:
            pages = IndexPages(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="zuofeng-pagefind-"))))
        # Pages as files, then one run of the binary: its Python service answers one request per 0.1 s.
        words = pages.update(ordered, cut, job)
        _run_pagefind(pages.folder, site_dir / OUTPUT_DIR, job)
    facets: dict[str, set[str]] = {}
    for doc in ordered:
        for key, value in doc.filters.items():
            facets.setdefault(key, set()).add(value)
    (site_dir / FACETS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / FACETS_FILE).write_text(json.dumps({k: sorted(v) for k, v in sorted(facets.items())}, ensure_ascii=False),
                                        encoding="utf-8")
    han_words = sorted(w for w in words if len(w) > 1 and _HAN.search(w))
    target = site_dir / WORDS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(han_words) + "\n", encoding="utf-8")
    return len(ordered)


class IndexPages:
    """The pages Pagefind reads, in a folder; between serve's runs only changed entries are written."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: dict[str, tuple[SearchDoc, frozenset[str]]] = {}

    def update(self, docs: list[SearchDoc], cut: Segmenter, job: IndexJob | None = None) -> set[str]:
        """Write the pages of entries new or changed, remove those gone; every page's words."""
        words: set[str] = set()
        seen = set()
        for doc in docs:
            if job is not None:
                job.check()
            seen.add(doc.url)
            kept = self._written.get(doc.url)
            if kept is None or (kept[0] is not doc and kept[0] != doc):
                page, page_words = _html_of(doc, cut)
                path = self._path(doc.url)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(page, encoding="utf-8")
                kept = self._written[doc.url] = (doc, frozenset(page_words))
            words |= kept[1]
        for url in self._written.keys() - seen:
            self._path(url).unlink(missing_ok=True)
            del self._written[url]
        return words

    def _path(self, url: str) -> Path:
        return self.folder / url.strip("/") / "index.html"


class IndexJob:
    """`mkdocs serve --dirty`: the index written in a thread once the pages are, then swapped in.

    Pagefind indexes the whole site at every run (seconds at 20,000 pages): the edited page
    shows first, its search entry a few seconds later. A new build cancels a job still running.
    The pages Pagefind reads stay in a folder of their own between runs.
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen[str] | None = None
        self._cancelled = threading.Event()
        self._released = threading.Event()  # the running job is done with the shared pages folder and the site
        self._cleaning: list[threading.Thread] = []
        self._pages: IndexPages | None = None
        self.failure: str | None = None

    def start(self, docs: list[SearchDoc], site_dir: Path, cut: Segmenter) -> None:
        self.cancel()
        if self._pages is None:
            self._pages = IndexPages(Path(tempfile.mkdtemp(prefix="zuofeng-pagefind-")))
            atexit.register(self.close)  # Ctrl+C on serve: stop Pagefind, remove its folders
        self._cancelled = threading.Event()
        self._released = threading.Event()
        self.failure = None
        staging = site_dir.with_name(f"{site_dir.name}.search-{os.getpid()}")
        self._thread = threading.Thread(target=self._run, args=(docs, site_dir, staging, cut, self._released),
                                        name="zuofeng-search-index", daemon=True)
        self._thread.start()

    def _run(self, docs: list[SearchDoc], site_dir: Path, staging: Path, cut: Segmenter,
             released: threading.Event) -> None:
        shutil.rmtree(staging, ignore_errors=True)
        try:
            count = write_index(docs, staging, cut, self._pages, self)
            self.check()
            _move_outputs(staging, site_dir)
            log.info("zuofeng：搜索索引已更新（%s 个页面）", count)
        except _Cancelled:
            pass
        except (PagefindError, OSError) as exc:
            self.failure = str(exc)
            log.error("zuofeng：%s", exc)
        finally:
            # A cancelled Pagefind leaves thousands of files: the next build need not wait for their removal.
            trash = staging.with_name(f"{staging.name}-{threading.get_ident()}.old")
            try:
                staging.rename(trash)
            except OSError:
                trash = staging
            released.set()
            shutil.rmtree(trash, ignore_errors=True)

    def started(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        if self._cancelled.is_set():
            process.kill()

    def check(self) -> None:
        """Stop here if the job was cancelled."""
        if self._cancelled.is_set():
            raise _Cancelled

    def cancel(self) -> None:
        """Stop a job still running; the index of the last finished one stays."""
        self._cancelled.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        if self._thread is not None:
            while not self._released.wait(timeout=0.1):  # a short wait at a time: Ctrl+C still reaches the main thread
                pass
            # It may still be removing its half-written index: joined on close.
            self._cleaning = [t for t in self._cleaning if t.is_alive()] + [self._thread]
            self._thread = None
        self._process = None

    def wait(self) -> None:
        """Until the running job (if any) has swapped its index in."""
        if self._thread is not None:
            while self._thread.is_alive():
                self._thread.join(timeout=0.1)
            self._thread = None

    def close(self) -> None:
        self.cancel()
        for thread in self._cleaning:
            thread.join()
        self._cleaning = []
        if self._pages is not None:
            shutil.rmtree(self._pages.folder, ignore_errors=True)
            self._pages = None


class _Cancelled(Exception):
    """A newer build cancelled this index job."""


def _move_outputs(staging: Path, site_dir: Path) -> None:
    """Put a finished index in place of the site's: the folder by two renames, the files replaced."""
    for name in OUTPUTS:
        new, current = staging / name, site_dir / name
        current.parent.mkdir(parents=True, exist_ok=True)
        if new.is_dir():
            old = staging / f"{name}.old"
            if current.exists():
                os.rename(current, old)
            os.rename(new, current)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, current)
