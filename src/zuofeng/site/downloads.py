"""The reports' Word files as generated site files (downloads/<year>-report.docx), made of the build's one render."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable, Hashable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from zuofeng.core import safe_write
from zuofeng.core.problems import Problem
from zuofeng.export.docx import report_docx
from zuofeng.site.incremental import SameInputs
from zuofeng.site.rendered import ReportRenders

log = logging.getLogger("mkdocs.plugins.zuofeng")
DOWNLOADS_ROOT = "downloads"


def docx_src(year: int) -> str:
    return f"{DOWNLOADS_ROOT}/{year}-report.docx"


def docx_files(config: MkDocsConfig, renders: ReportRenders, reuse: SameInputs,
               version: Callable[[int], str], later: WordJob | None = None) -> list[File]:
    """One .docx per report; a report whose macros fail is left to its page, which stops the build.

    `version(year)` says what the file is made of: the same, the bytes of the last build are kept.
    With `later` (serve --dirty updating its folder), a changed file already in the folder is made
    by that job once the pages are written; until then the folder keeps the last one.
    """
    files = []
    for year in sorted(renders.reports):
        key = ("docx", year, version(year))

        def make(year: int = year) -> bytes | None:
            return _export(renders, year)
        dest = Path(config.site_dir) / docx_src(year)
        made = None
        if later is not None and not reuse.has(key):
            made = later.take(key)  # written to the folder by the last job after its build
            if made is None and dest.is_file():
                later.defer(key, dest, make)
                # The file as it is in the folder: MkDocs copies nothing onto itself (File.copy_file).
                files.append(File.generated(config, docx_src(year), abs_src_path=str(dest)))
                continue
        data = reuse.get(key, (), make if made is None else lambda made=made: made)
        if data is not None:
            files.append(File.generated(config, docx_src(year), content=data))
    return files


def _export(renders: ReportRenders, year: int) -> bytes | None:
    rendered = renders.for_word(year)
    if isinstance(rendered, Problem):
        log.debug("zuofeng：%s年报告未生成 Word 文件：%s", year, rendered)
        return None
    return report_docx(rendered, renders.ledger.index)


class WordJob:
    """`mkdocs serve --dirty`: the Word files an edit changed, made in a thread once the pages are written.

    python-docx takes a tenth of a second or more per report, and a figure every report shows
    (the indicator table) changes them all: as with the search index (pagefind_index.IndexJob),
    the edited page shows first and the downloads follow. Each file is swapped in whole
    (safe_write.replace). The thread shares nothing with the next build: it reads the finished
    build's renders, writes its files, and keeps their bytes for that build to `take`. A new build
    cancels it without waiting: no file is swapped in once `cancel` returned.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Hashable, Path, Callable[[], bytes | None]]] = []
        self._thread: threading.Thread | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()  # held while a file is swapped in, and by `cancel` and `take`
        self._made: dict[Hashable, bytes] = {}  # written by the last job, by their memo keys
        self.failure: str | None = None
        self.started = 0  # files the last job was given

    def defer(self, key: Hashable, dest: Path, make: Callable[[], bytes | None]) -> None:
        """A file to make and write to `dest` once this build succeeded (`start`)."""
        self._pending.append((key, dest, make))

    def take(self, key: Hashable) -> bytes | None:
        """The bytes a job wrote for this key (once), or None."""
        with self._lock:
            return self._made.pop(key, None)

    def start(self) -> None:
        """The build succeeded: make the deferred files, in order, in a thread."""
        pending, self._pending = self._pending, []
        self.cancel()
        with self._lock:
            self._made = {}  # what this build did not take is of no use to the next
        self.started = len(pending)
        if not pending:
            return
        cancelled = self._cancelled = threading.Event()
        self.failure = None
        self._thread = threading.Thread(target=self._run, args=(pending, cancelled),
                                        name="zuofeng-word-files", daemon=True)
        self._thread.start()

    def _run(self, pending: list[tuple[Hashable, Path, Callable[[], bytes | None]]],
             cancelled: threading.Event) -> None:
        for key, dest, make in pending:
            try:
                data = None if cancelled.is_set() else make()
                with self._lock:
                    if cancelled.is_set():
                        return
                    if data is not None:
                        safe_write.replace(dest, data)
                        self._made[key] = data
            except Exception as exc:  # noqa: BLE001 — a thread's error would vanish: said on the console
                self.failure = f"{dest.name}：{exc}"
                log.error("zuofeng：Word 文件 %s 未能更新：%s", dest.name, exc)

    def cancel(self) -> None:
        """Forget the files not yet begun; a running job writes no file after this returns."""
        self._pending = []
        with self._lock:
            self._cancelled.set()
        self._thread = None

    def wait(self) -> None:
        """Until the running job (if any) has written its files (tests and benchmarks)."""
        thread = self._thread
        while thread is not None and thread.is_alive():
            thread.join(timeout=0.1)  # a short wait at a time: Ctrl+C still reaches the main thread
