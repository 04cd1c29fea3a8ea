"""Loading every record under records/: each file read, parsed and validated once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from zuofeng.core.input.body import body_problems
from zuofeng.core.domain.catalogue import COMMON_FIELDS, Catalogue
from zuofeng.core.input.dates import DateRange, default_range
from zuofeng.core.filememo import FileMemo
from zuofeng.core.domain.rules import BreachMemo
from zuofeng.core.input.discover import describe_os_error, find_record_files
from zuofeng.core.input.printable import hidden_chars
from zuofeng.core.problems import Problem, display_path, errors_only
from zuofeng.core.domain.record import Record
from zuofeng.core.input.source import SourceError, decode, split_front_matter
from zuofeng.core.input.validate import FieldChecker
from zuofeng.core.input.yamlload import Parsed, parse

# ASCII digits only and fullmatch: `\d` takes any script's digits and `$` a trailing newline.
NAME_RE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-([0-9A-Za-z\u4e00-\u9fff_-]+)")
YEAR_RE = re.compile(r"[0-9]{4}")
MAX_NAME = 80  # characters of a file name with .md; a path segment must stay short on every system
MAX_BYTES = 10 * 1024 * 1024  # a record file; read no further (a huge body is a warning well below this)


@dataclass
class LoadResult:
    """Records that loaded, and every problem found on the way."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class LoadCache:
    """Per-file results kept between rebuilds, so a rebuild re-reads only edited files."""

    files: FileMemo[tuple[Record | None, list[Problem]]] = field(default_factory=FileMemo)
    catalogue: Catalogue | None = None
    dates: DateRange | None = None
    breaches: BreachMemo = field(default_factory=BreachMemo)  # find_breaches' results per record
    hashes: FileMemo[str] = field(default_factory=FileMemo)  # frozen years' file hashes (core.archive.manifest)

    @property
    def hits(self) -> int:
        return self.files.hits

    @property
    def misses(self) -> int:
        return self.files.misses


def _check_location(display: str, parts: tuple[str, ...], catalogue: Catalogue) -> list[Problem]:
    if len(parts) != 3:
        return [Problem(display, 1, "记录应放在 records/<年份>/<类型>/<YYYY-MM-DD>-<名称>.md")]
    year, type_key, name = parts
    problems = []
    if not YEAR_RE.fullmatch(year):
        problems.append(Problem(display, 1, f"年份文件夹 {year} 应为四位数字年份"))
    if catalogue.get(type_key) is None:
        problems.append(Problem(display, 1, f"类型文件夹 {type_key} 不是已知的记录类型（{', '.join(catalogue.types)}）"))
    hidden = hidden_chars(name)
    if hidden:  # one message that names the culprit beats a generic one about the pattern
        problems.append(Problem(display, 1, f"文件名含不可见或控制字符 {' '.join(hidden)}，请重命名"))
    elif len(name) > MAX_NAME:
        problems.append(Problem(display, 1, f"文件名过长（{len(name)} 个字符），请不超过 {MAX_NAME} 个字符"))
    elif not NAME_RE.fullmatch(name[:-3]):
        problems.append(Problem(display, 1, "文件名应为 YYYY-MM-DD-名称.md，名称只含字母、数字、汉字、- 和 _"))
    return problems


def load_file(path: Path, display: str, parts: tuple[str, ...], catalogue: Catalogue,
              dates: DateRange | None = None) -> tuple[Record | None, list[Problem]]:
    """Read and validate one record file (dates outside `dates`, default 2000 to next year, are errors)."""
    problems = _check_location(display, parts, catalogue)
    if problems:
        return None, problems
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(display, 1, f"无法读取文件：{describe_os_error(exc)}")]
    return _load_content(raw, display, parts, catalogue, dates)


def load_bytes(raw: bytes, display: str, parts: tuple[str, ...], catalogue: Catalogue,
               dates: DateRange | None = None) -> tuple[Record | None, list[Problem]]:
    """Validate the content of a record file not (yet) on disk, e.g. one an import is about to write."""
    problems = _check_location(display, parts, catalogue)
    if problems:
        return None, problems
    return _load_content(raw, display, parts, catalogue, dates)


def _load_content(raw: bytes, display: str, parts: tuple[str, ...], catalogue: Catalogue,
                  dates: DateRange | None) -> tuple[Record | None, list[Problem]]:
    if len(raw) > MAX_BYTES:  # before any parsing: YAML, Markdown and the search index all grow with it
        return None, [Problem(display, 1, f"记录文件过大（超过 {MAX_BYTES // 1024 // 1024} MB）：请精简正文，附件另行存放")]
    try:
        source = split_front_matter(display, decode(display, raw))
    except SourceError as exc:
        return None, [exc.problem]
    parsed = parse(display, source.front_matter, 1)
    if isinstance(parsed, Problem):
        return None, [parsed]
    if not isinstance(parsed.data, dict):
        return None, [Problem(display, 2, "元数据应为“字段: 值”的映射，而不是单个值或列表")]
    return _build_record(display, parts, parsed, source.body, source.body_line, catalogue, dates)


def _build_record(
    display: str, parts: tuple[str, ...], parsed: Parsed, body: str, body_line: int, catalogue: Catalogue,
    dates: DateRange | None,
) -> tuple[Record | None, list[Problem]]:
    year, folder_type, name = parts
    data = parsed.data
    checker = FieldChecker(display, parsed, dates)
    type_key = data.get("type")
    record_type = catalogue.get(type_key) if isinstance(type_key, str) else None
    if record_type is None:
        specs = catalogue.common
        if "type" in data and type_key not in (None, ""):
            checker.error(_line(parsed, "type"), f"字段 type 的值 '{type_key}' 不是已知的记录类型（{', '.join(catalogue.types)}）")
    else:
        specs = catalogue.fields_of(record_type.key)
    values = checker.check_mapping(specs, data, parsed.node)
    checker.problems.extend(body_problems(display, body, body_line))
    if record_type is not None and type_key != folder_type:
        checker.error(checker.lines["type"], f"字段 type 为 {type_key}，与所在文件夹 {folder_type} 不一致")
    record_date = values.get("date")
    if record_date is not None:
        if str(record_date.year) != year:
            checker.error(checker.lines["date"], f"字段 date 为 {record_date}，不在所在年份文件夹 {year} 之内")
        elif record_date.isoformat() != name[:10]:
            checker.error(checker.lines["date"], f"字段 date 为 {record_date}，与文件名中的日期 {name[:10]} 不一致")
    if errors_only(checker.problems) or record_type is None:
        return None, checker.problems
    # A type may be confidential by default (talks); an explicit value in the file wins.
    explicit = data.get("confidential") is not None
    confidential = values["confidential"] if explicit else record_type.confidential
    record = Record(
        id=f"{year}/{folder_type}/{name[:-3]}",
        path=display,
        type=record_type.key,
        date=values["date"],
        title=values["title"],
        unit=values.get("unit"),
        tags=tuple(values.get("tags", ())),
        confidential=confidential,
        fields=MappingProxyType({k: v for k, v in values.items() if k not in COMMON_FIELDS}),
        body=body,
        body_line=body_line,
        lines=MappingProxyType(dict(checker.lines)),
    )
    return record, checker.problems  # warnings only


def _line(parsed: Parsed, key: str) -> int:
    for key_node, _ in getattr(parsed.node, "value", []):
        if getattr(key_node, "value", None) == key:
            return parsed.line(key_node)
    return parsed.line(None)


def load_records(records_dir: Path, catalogue: Catalogue, display_root: Path | None = None,
                 cache: LoadCache | None = None, staged: Mapping[Path, bytes] | None = None,
                 dates: DateRange | None = None) -> LoadResult:
    """Load every `*.md` below records_dir, collecting all problems; cross-record rules included.

    `staged` files (path → content) are loaded as if already written, in place of any file there;
    dates outside `dates` (default 2000 to next year) are errors.
    """
    result = LoadResult()
    dates = dates or default_range()
    root = display_root or records_dir.parent
    if not records_dir.is_dir():
        result.problems.append(Problem(display_path(records_dir, root), 0, "记录文件夹不存在"))
        return result
    if cache is not None and ((cache.catalogue is not catalogue and cache.catalogue != catalogue) or cache.dates != dates):
        cache.files.clear()  # validation depends on the catalogue and the date range: a changed one voids the cache
    if cache is not None:
        cache.catalogue, cache.dates = catalogue, dates
    found = find_record_files(records_dir, root)
    result.problems.extend(found.problems)
    prefix = display_path(records_dir, root)
    files = found.files  # sorted by their parts
    staged_parts = {path.relative_to(records_dir).parts: data for path, data in (staged or {}).items()}
    if staged_parts:
        on_disk = {parts: path for path, parts in files}
        files = [(on_disk.get(parts, ""), parts) for parts in sorted(on_disk.keys() | staged_parts.keys())]
    for path, parts in files:
        display = f"{prefix}/{'/'.join(parts)}" if prefix else "/".join(parts)
        if parts in staged_parts:
            record, problems = load_bytes(staged_parts[parts], display, parts, catalogue, dates)
        else:
            record, problems = _load_cached(path, display, parts, catalogue, cache, dates)
        result.problems.extend(problems)
        if record is not None:
            result.records.append(record)
    result.problems.extend(_duplicate_ids(result.records))
    result.records.sort(key=lambda r: (r.date, r.id))
    return result


def _load_cached(path: str, display: str, parts: tuple[str, ...], catalogue: Catalogue,
                 cache: LoadCache | None, dates: DateRange) -> tuple[Record | None, list[Problem]]:
    if cache is None:
        return load_file(Path(path), display, parts, catalogue, dates)
    try:
        return cache.files.get(path, lambda: load_file(Path(path), display, parts, catalogue, dates))
    except OSError as exc:
        return None, [Problem(display, 1, f"无法读取文件：{describe_os_error(exc)}")]


def _duplicate_ids(records: list[Record]) -> list[Problem]:
    """Ids that differ only by case or Unicode form collide in URLs and on other systems."""
    seen: dict[str, Record] = {}
    problems = []
    for record in sorted(records, key=lambda r: r.path):
        key = unicodedata.normalize("NFKC", record.id).casefold()
        first = seen.setdefault(key, record)
        if first is not record:
            problems.append(Problem(record.path, 1, f"记录编号 {record.id} 与 {first.path} 重复（仅大小写或字形不同）"))
    return problems
