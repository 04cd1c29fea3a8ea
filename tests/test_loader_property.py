"""Property-based: whatever the front matter, the loader returns a record or problems, never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.input.loader import load_file
from zuofeng.core.problems import errors_only

CATALOGUE = load_catalogue()
PARTS = ("2023", "meeting", "2023-03-14-x.md")
FIELDS = ["type", "date", "title", "unit", "tags", "confidential", "kind", "duration_min", "attendees",
          "merged", "video", "problems", "issue_no", "deadline", "status", "<<"]
TOKENS = list(":-[]{}#&*!|>'\"%@`,?.~ \n\t\\ab09") + ["会议", "２０", "\x00", "\u202e", "\ufeff", "2023-03-14",
                                                     "!!python/object:os.system", "!!binary", "&a", "*a"] + FIELDS
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                    st.sampled_from(["2023-03-14", "2023-02-30", "常务会议", "１２", "meeting", ".inf", "null"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=8) | st.sampled_from(FIELDS), inner, max_size=4)),
                      max_leaves=12)
CONFIG = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_bytes(raw)
        record, problems = load_file(path, "records/2023/meeting/2023-03-14-x.md", PARTS, CATALOGUE)
    assert (record is None) == bool(errors_only(problems))
    for problem in problems:
        assert str(problem).startswith("records/2023/meeting/2023-03-14-x.md:")
        assert "Traceback" not in str(problem)


@CONFIG
@given(YAMLISH, st.text(max_size=50))
def test_random_yamlish_front_matter_loads_or_gives_problems(front: str, body: str) -> None:
    _load(f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))


@CONFIG
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), VALUES, max_size=8), st.booleans())
def test_random_mappings_dumped_to_yaml_load_or_give_problems(extra: dict[str, Any], based: bool) -> None:
    data: dict[str, Any] = {"type": "meeting", "date": "2023-03-14", "title": "会", "kind": "常务会议"} if based else {}
    data.update(extra)
    _load(("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n").encode("utf-8", "surrogatepass"))


@CONFIG
@given(st.binary(max_size=300))
def test_random_bytes_load_or_give_problems(raw: bytes) -> None:
    _load(raw)


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    raw = ("---\ntype: meeting\ntags: " + "[" * 50_000 + "]" * 50_000 + "\n---\n").encode()
    _load(raw)
