"""A published year's freeze anchored outside the work tree: its git tag and the site branch.

`archive/<year>/manifest.json` can be edited like any file; the annotated tag that publishing
made (protected on the git server) cannot. Each manifest is compared with the one in its tag.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from zuofeng.core import gitcmd
from zuofeng.core.archive.manifest import ARCHIVE_DIR, MANIFEST_NAME, Manifest, read_manifest
from zuofeng.core.problems import Problem

TAG_PREFIX = "zuofeng-frozen-"
_TAG = re.compile(rf"{TAG_PREFIX}(\d{{4}})(?:-([2-9]|[1-9]\d+))?")


@dataclass(frozen=True)
class Anchors:
    """What git says was published: each year's newest freeze tag, its manifest, the site's years."""

    tags: dict[int, str]
    manifests: dict[int, bytes | None]
    site_years: frozenset[int]
    site_branch: str


def tag_name(year: int, round_: int = 1) -> str:
    """`zuofeng-frozen-2023` for the first publish, `zuofeng-frozen-2023-2` for the first amendment."""
    return f"{TAG_PREFIX}{year}" if round_ == 1 else f"{TAG_PREFIX}{year}-{round_}"


def freeze_tags(root: Path) -> list[str] | None:
    """Names of the freeze tags of the repository; None when root is not in a git repository."""
    try:
        result = gitcmd.run(root, "for-each-ref", "--format=%(refname:strip=2)", f"refs/tags/{TAG_PREFIX}*")
    except gitcmd.GitMissing:
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", "replace").split()


def newest_tags(names: list[str]) -> dict[int, str]:
    """Year → its freeze tag of the highest round (an amended year's republish is a new tag)."""
    rounds: dict[int, tuple[int, str]] = {}
    for name in names:
        match = _TAG.fullmatch(name)
        if match:
            year, round_ = int(match[1]), int(match[2] or 1)
            if round_ > rounds.get(year, (0, ""))[0]:
                rounds[year] = (round_, name)
    return {year: name for year, (_, name) in rounds.items()}


def next_tag(names: list[str], year: int) -> str:
    """The tag a new publish of the year creates: never an existing one (protected tags cannot move)."""
    newest = newest_tags(names).get(year)
    if newest is None:
        return tag_name(year)
    match = _TAG.fullmatch(newest)
    return tag_name(year, int(match[2] or 1) + 1 if match else 2)


def read_anchors(root: Path, site_branch: str) -> Anchors | None:
    """Freeze tags, their manifests and the site branch's years in two git calls; None outside git."""
    names = freeze_tags(root)
    if names is None:
        return None
    tags = newest_tags(names)
    objects = {year: f"refs/tags/{tag}:./{ARCHIVE_DIR}/{year}/{MANIFEST_NAME}" for year, tag in tags.items()}
    # The local site branch (mike's) or, in a CI clone, the remote one.
    versions = [f"refs/heads/{site_branch}:versions.json", f"refs/remotes/origin/{site_branch}:versions.json"]
    blobs = gitcmd.batch_blobs(root, [*objects.values(), *versions])
    years = frozenset().union(*(_site_years(blobs[name]) for name in versions))
    return Anchors(tags, {year: blobs[name] for year, name in objects.items()}, years, site_branch)


def anchored_manifests(manifests: list[Manifest], unreadable: set[str],
                       anchors: Anchors) -> tuple[list[Manifest], list[Problem]]:
    """The manifests to check records against (a tagged year's as published) and what is wrong with them."""
    by_year = {m.year: m for m in manifests}
    chosen: list[Manifest] = []
    problems: list[Problem] = []
    for year in sorted(set(by_year) | set(anchors.tags) | anchors.site_years):
        path, work, tag = f"{ARCHIVE_DIR}/{year}/{MANIFEST_NAME}", by_year.get(year), anchors.tags.get(year)
        restore = f"；请恢复：git checkout {tag} -- {path}"
        published = _published(anchors, year, path, problems)
        if published is not None:
            chosen.append(published)
            if work is None and path not in unreadable:
                problems.append(Problem(path, 0, f"{year}年已发布（冻结标签 {tag}），发布清单不得删除{restore}"))
            elif work is not None and work.data != published.data:
                problems.append(Problem(path, 0, f"与发布时的清单（冻结标签 {tag}）不一致：已发布年份的清单不得修改"
                                                 f"{restore}；更正记录后请用 zuofeng publish {year} --amend --force 重新发布"))
            continue
        if work is not None:
            chosen.append(work)
        if tag is not None:
            continue
        if work is None and path not in unreadable:
            problems.append(Problem(path, 0, f"{year}年已发布（站点分支 {anchors.site_branch} 的 versions.json 列有该年），"
                                             "但发布清单不存在；请从 git 历史中恢复"))
        elif work is not None:
            problems.append(Problem(path, 0, f"没有冻结标签 {tag_name(year)}，无法确认清单与发布时一致"
                                             "（CI 中请先 git fetch --tags；较早发布的年份见 README 补打标签）", "warning"))
    return chosen, problems


def _published(anchors: Anchors, year: int, path: str, problems: list[Problem]) -> Manifest | None:
    tag = anchors.tags.get(year)
    if tag is None:
        return None
    raw = anchors.manifests.get(year)
    if raw is None:
        problems.append(Problem(path, 0, f"冻结标签 {tag} 中没有 {path}：标签应指向提交发布清单的那次提交"))
        return None
    try:
        return read_manifest(path, raw)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        problems.append(Problem(path, 0, f"冻结标签 {tag} 中的发布清单无法读取（{exc}）"))
        return None


def _site_years(raw: bytes | None) -> set[int]:
    try:
        versions = json.loads(raw) if raw else []
        return {int(v["version"]) for v in versions if str(v.get("version", "")).isdigit()}
    except (ValueError, TypeError, AttributeError, KeyError):
        return set()
