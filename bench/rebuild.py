#!/usr/bin/env python3
"""A `mkdocs serve`-style rebuild: build, edit one record, build again in the same process.

Like mkdocs.commands.serve: one on_startup(command='serve'), then a fresh load_config per
build. Prints JSON: first build, rebuild after the edit, and the load cache's hits/misses.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def build_once(config_file: Path, site_dir: Path, startup: bool) -> tuple[float, Any]:
    """Seconds the build took, and the zuofeng plugin (the same instance across rebuilds)."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    if startup:
        config.plugins.on_startup(command="serve", dirty=False)
    started = time.perf_counter()
    build(config, serve_url="http://127.0.0.1:8000/")
    return time.perf_counter() - started, config.plugins["zuofeng"]


def edit_one(project: Path) -> Path:
    """Append a sentence to the body of the latest meeting record (a visible page changes)."""
    path = sorted((project / "records").rglob("*/meeting/*.md"))[-1]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n会后各单位逐项抓好落实。\n")
    return path


def main() -> None:
    project = Path(sys.argv[1]).resolve()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site_dir = project / "serve-site"
    first, _ = build_once(project / "mkdocs.yml", site_dir, startup=True)
    edited = edit_one(project)
    again, plugin = build_once(project / "mkdocs.yml", site_dir, startup=False)
    cache = next(iter(plugin.session.load_caches.values()))
    print(json.dumps({"first_s": round(first, 2), "rebuild_s": round(again, 2), "edited": edited.name,
                      "cache_hits": cache.hits, "cache_misses": cache.misses, "segments": plugin.session.segment_memo.stats}))


if __name__ == "__main__":
    main()
