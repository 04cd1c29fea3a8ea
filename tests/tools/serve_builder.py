"""What `mkdocs serve` does on each change, one build per line read from stdin, in one process.

Usage: serve_builder.py CONFIG SITE_DIR URL dirty|clean. As mkdocs.commands.serve: the config
is loaded again before every build, `on_startup(command="serve", dirty=…)` runs once (clean: before
every build, with a new session, so each build is what a new process would make), and
`build(config, serve_url=URL, dirty=…)` writes into SITE_DIR. After each build it waits for the
background search index and prints one JSON line: ok, the pages the plugin planned to build, the
pages MkDocs rendered and wrote (seen through a `post_page` hook), the error if any.
"""

from __future__ import annotations

import json
import logging
import os
import sys

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from mkdocs.plugins import BasePlugin  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from zuofeng.site.session import ServeSession  # noqa: E402


class Written(BasePlugin):  # type: ignore[type-arg]
    """Notes each page MkDocs renders and writes in a build (its `post_page` event)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[str] = []

    def on_post_page(self, output: str, page: Page, config: object) -> str:
        self.pages.append(page.file.src_uri)
        return output


def main() -> None:
    config_file, site_dir, url, mode = sys.argv[1:5]
    dirty = mode == "dirty"
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    started = False
    for _ in sys.stdin:
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = url
        if not dirty:
            # A clean build each time, as a new process would make it: nothing kept from the last one.
            config.plugins["zuofeng"].session = ServeSession()
            started = False
        if not started:
            config.plugins.on_startup(command="serve", dirty=dirty)
            started = True
        written = Written()
        config.plugins["zuofeng-test-written"] = written
        error = ""
        try:
            build(config, serve_url=url, dirty=dirty)
        except (Exception, SystemExit) as exc:  # MkDocs' Abort is a SystemExit-like ClickException
            error = f"{type(exc).__name__}: {exc}"
        plugin = config.plugins["zuofeng"]
        plugin.session.search_job.wait()
        plugin.session.word_job.wait()
        print(json.dumps({"ok": not error, "error": error, "built": sorted(plugin.session.incremental.built),
                          "written": sorted(written.pages),
                          "search_failure": plugin.session.search_job.failure,
                          "word_failure": plugin.session.word_job.failure,
                          "word_later": plugin.session.word_job.started}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
