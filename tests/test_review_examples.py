"""Review helpers: CI examples, the merge request template and the pre-commit hook say what they should."""

from __future__ import annotations

import yaml

from tests.conftest import REPO


def _commands(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True)


def test_gitlab_ci_checks_builds_and_keeps_the_site() -> None:
    ci = yaml.safe_load((REPO / "examples/ci/.gitlab-ci.yml").read_text(encoding="utf-8"))
    text = _commands(ci)
    assert "zuofeng check" in text and "mkdocs build --strict" in text
    assert ci["build-site"]["artifacts"]["paths"] == ["site/"]


def test_gitea_workflow_checks_builds_and_keeps_the_site() -> None:
    flow = yaml.safe_load((REPO / "examples/ci/gitea-workflow.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "zuofeng check" in runs and "mkdocs build --strict" in runs
    [upload] = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert upload["with"]["path"] == "site/"


def test_pre_commit_hook_checks_changed_records() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == "zuofeng check --changed"
    assert hook["files"] == "^records/" and hook["pass_filenames"] is False


def test_merge_request_template_has_a_checklist() -> None:
    text = (REPO / "examples/ci/merge_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 6 and "zuofeng check --changed" in text


def test_ci_examples_fetch_the_freeze_tags_before_checking() -> None:
    ci = yaml.safe_load((REPO / "examples/ci/.gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["variables"]["GIT_DEPTH"] == "0" and "slim" not in ci["default"]["image"]  # slim images have no git
    assert "git fetch --quiet --tags --force origin" in ci["default"]["before_script"]
    flow = yaml.safe_load((REPO / "examples/ci/gitea-workflow.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["check"]["steps"]
    [checkout] = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in steps]
    fetch = next(i for i, run in enumerate(runs) if "git fetch --quiet --tags --force origin" in run)
    assert fetch < runs.index("zuofeng check")


def test_codeowners_guard_the_archive() -> None:
    owners = (REPO / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert any(line.split()[:1] == ["/archive/"] for line in owners)
