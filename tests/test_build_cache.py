"""Caches across `mkdocs serve` rebuilds: an edited record is re-read, and output matches a cold build."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.sitecheck import search_docs, site_files

pytestmark = pytest.mark.slow
BENCH = REPO / "bench"
NEW_TITLE = "缓存失效检验会议"

# Runs in a child process (fresh module caches): build, edit one record, rebuild — as `mkdocs serve`.
SCRIPT = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import rebuild
project, mode = Path(sys.argv[2]), sys.argv[3]
config = project / "mkdocs.yml"
if mode == "cold":
    rebuild.build_once(config, project / "site-cold", startup=True)
    print(json.dumps({}))
    sys.exit(0)
_, first_plugin = rebuild.build_once(config, project / "site-first", startup=True)
first = dict(first_plugin.session.segment_memo.stats)
edited = Path(sys.argv[4])
text = edited.read_text(encoding="utf-8")
start = text.index("title: ")
end = text.index("\\n", start)
edited.write_text(text[:start] + "title: " + sys.argv[5] + text[end:], encoding="utf-8")
_, plugin = rebuild.build_once(config, project / "site-warm", startup=False)
assert plugin is first_plugin  # MkDocs kept the instance: it has on_startup
cache = next(iter(plugin.session.load_caches.values()))
print(json.dumps({"hits": cache.hits, "misses": cache.misses, "first": first, "total": dict(plugin.session.segment_memo.stats)}))
"""


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generate(dest: Path) -> dict[str, int]:
    info: dict[str, int] = _bench_module().generate(dest, 30, years=2, seed=7)
    shutil.rmtree(dest / "docs" / "reports")  # 15 records a year are too few for the report's figures
    return info


def _run(project: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(BENCH), str(project), *args], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_rebuild_rereads_the_edited_record_and_matches_a_cold_build(tmp_path: Path) -> None:
    project = tmp_path / "bench-project"
    assert _generate(project)["records"] == 30
    edited = sorted((project / "records").rglob("*/meeting/*.md"))[0]
    page = "records/" + edited.relative_to(project / "records").as_posix()[:-3] + "/index.html"

    warm = _run(project, "warm", str(edited), NEW_TITLE)
    # 30 files parsed by the first build; the second re-read only the edited one.
    assert (warm["hits"], warm["misses"]) == (29, 31)
    first, total = warm["first"], warm["total"]
    assert isinstance(first, dict) and isinstance(total, dict)
    assert total["hits"] > first["hits"] and total["misses"] > first["misses"]  # memo used; new text cut

    before = (project / "site-first" / page).read_text(encoding="utf-8")
    after = (project / "site-warm" / page).read_text(encoding="utf-8")
    assert NEW_TITLE not in before and NEW_TITLE in after
    assert any(NEW_TITLE in doc["title"] for doc in search_docs(project / "site-warm"))

    _run(project, "cold")
    warm_tree, cold_tree = site_files(project / "site-warm"), site_files(project / "site-cold")
    assert sorted(warm_tree) == sorted(cold_tree)
    different = [name for name in warm_tree if warm_tree[name] != cold_tree[name]]
    assert different == []


def test_load_cache_survives_an_equal_catalogue_and_is_voided_by_a_changed_one(project) -> None:  # type: ignore[no-untyped-def]
    from zuofeng.core.domain.catalogue import parse_catalogue
    from zuofeng.core.input.loader import LoadCache, load_records

    def catalogue(kind: str):  # type: ignore[no-untyped-def]
        data = {
            "common": {name: {"type": "string"} for name in ("type", "title", "unit", "tags", "confidential")},
            "types": {"visit": {"label": "走访", "fields": {"households": {"type": kind, "required": True}}}},
        }
        data["common"]["date"] = {"type": "date", "required": True}
        return parse_catalogue(data, "test")

    project.record("2023/visit/2023-03-14-a", "type: visit\ndate: 2023-03-14\ntitle: 走访\nhouseholds: 十")
    cache = LoadCache()
    first = load_records(project.root / "records", catalogue("string"), project.root, cache)
    again = load_records(project.root / "records", catalogue("string"), project.root, cache)  # a rebuild
    assert (cache.hits, cache.misses) == (1, 1) and first.problems == again.problems == []
    changed = load_records(project.root / "records", catalogue("int"), project.root, cache)
    assert cache.misses == 2
    assert [p.message for p in changed.problems] == ["字段 households（households）应为整数，实际为'十'"]


def test_bench_projects_pass_the_check(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    # Extra copies of a year repeat its notices: the generator must renumber them, or the bench dies.
    _bench_module().generate(tmp_path / "bench", 1200, years=2)
    result = run_cli("--root", str(tmp_path / "bench"), "check", "--final")
    assert result.code == 0, result.text
