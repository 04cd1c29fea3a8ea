"""Published years are frozen: a record changed, added or deleted there needs an amendment."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Mapping

from zuofeng.core.archive.anchor import anchored_manifests, read_anchors
from zuofeng.core.archive.manifest import Manifest, frozen_as, hash_tree, load_manifests, sha256_text
from zuofeng.core.filememo import FileMemo
from zuofeng.core.problems import Problem
from zuofeng.core.domain.record import Record, shown

AMENDMENT = "amendment"


def amendments_by_target(records: Iterable[Record]) -> dict[str, list[Record]]:
    """Amendment records grouped by the id of the record they amend, by date."""
    targets: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.type == AMENDMENT and record.fields.get("target"):
            targets[str(record.fields["target"]).strip()].append(record)
    return dict(targets)


def public_records(records: Iterable[Record]) -> list[Record]:
    """The records a site may show; an amendment of a confidential record does not name it (see `shown`)."""
    records = list(records)
    return shown(records, {r.id for r in records if r.confidential})


def frozen_years(root: Path, site_branch: str) -> set[int]:
    """Years whose records were frozen by a publish: a manifest, a freeze tag or a version on the site."""
    years = {manifest.year for manifest in load_manifests(root)[0]}
    anchors = read_anchors(root, site_branch)
    if anchors is not None:
        years |= set(anchors.tags) | anchors.site_years
    return years


def frozen_problems(root: Path, records_dir: Path, records: list[Record], site_branch: str,
                    staged: Mapping[Path, bytes] | None = None, hashes: FileMemo[str] | None = None) -> list[Problem]:
    """Every change to a frozen year without a matching amendment, and amendments aiming at nothing.

    `staged` files (path → content) count as written: an import is checked before it writes.
    `hashes` keeps the frozen years' file hashes between serve's rebuilds.
    """
    manifests, problems = load_manifests(root)
    anchors = read_anchors(root, site_branch)
    # Outside git there is nothing to anchor to: the manifests in the work tree are all we have.
    if anchors is not None:
        manifests, anchor_problems = anchored_manifests(manifests, {p.path for p in problems}, anchors)
        problems += anchor_problems
    if not manifests:
        return problems
    amended = amendments_by_target(records)
    known = {r.id for r in records}
    for manifest in manifests:
        problems += _year_problems(manifest, root, records_dir, amended, staged or {}, hashes)
        known |= {_record_id(path, root, records_dir) for path in manifest.records}
    for target, amendments in amended.items():
        if target not in known:
            for amendment in amendments:
                problems.append(Problem(amendment.path, amendment.line_of("target"),
                                        f"更正对象 {target} 不是已有记录的编号（records/ 下的路径去掉 .md）"))
    return problems


def _year_problems(manifest: Manifest, root: Path, records_dir: Path, amended: dict[str, list[Record]],
                   staged: Mapping[Path, bytes], hashes: FileMemo[str] | None) -> list[Problem]:
    folder = records_dir / str(manifest.year)
    current = hash_tree(folder, root, hashes)
    for path, data in staged.items():
        if path.is_relative_to(folder):
            current[path.relative_to(root).as_posix()] = sha256_text(data)
    problems: list[Problem] = []
    for path in sorted(set(current) | set(manifest.records)):
        before, now = manifest.records.get(path), current.get(path)
        if before == now:
            continue
        # A CRLF record frozen before hashes ignored line ends: its raw bytes still match.
        if before is not None and now is not None and frozen_as(_content(root / path, staged), before):
            continue
        record_id = _record_id(path, root, records_dir)
        # Amendments themselves may be filed later, even inside a frozen year.
        if before is None and record_id.split("/")[1:2] == [AMENDMENT]:
            continue
        if record_id in amended:
            continue
        change = "记录已被删除" if now is None else "记录为新增" if before is None else "记录已被修改"
        problems.append(Problem(path, 0 if now is None else 1,
                                f"该记录属于已发布的{manifest.year}年，已冻结；修改须附更正记录"
                                f"（type: amendment，target: {record_id}）（{change}）"))
    problems += _page_warnings(manifest, root)
    return problems


def _content(path: Path, staged: Mapping[Path, bytes]) -> bytes:
    """A record's bytes as the check sees them: staged (an import about to write) or on disk."""
    return staged[path] if path in staged else path.read_bytes()


def _page_warnings(manifest: Manifest, root: Path) -> list[Problem]:
    warnings = []
    for path, digest in sorted(manifest.pages.items()):
        file = root / path
        if not (file.is_file() and frozen_as(file.read_bytes(), digest)):
            warnings.append(Problem(path, 0, f"{manifest.year}年报告已发布，此页面与发布时（{manifest.path}）不一致；"
                                              "已发布的版本不会改变", "warning"))
    return warnings


def _record_id(path: str, root: Path, records_dir: Path) -> str:
    return (root / path).relative_to(records_dir).with_suffix("").as_posix()
