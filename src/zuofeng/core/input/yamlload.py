"""Safe YAML parsing of front matter, keeping the line of every key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C loader is much faster; fall back to the pure-Python one where libyaml is absent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from zuofeng.core.problems import Problem


class FrontMatterLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that leaves dates as text, so that we validate them with the field named."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Parsed:
    """Front matter as Python data plus its YAML node tree (for line numbers)."""

    data: Any
    node: yaml.Node | None
    line_offset: int  # lines before the front matter text in the file

    def line(self, node: yaml.Node | None) -> int:
        """File line (1-based) of a node, or of the front matter's start."""
        if node is None:
            return self.line_offset + 1
        return node.start_mark.line + self.line_offset + 1


_MESSAGES = (
    ("found character '\\t'", "不能用制表符（Tab）缩进或分隔，请改用空格"),
    ("found a tab character", "不能用制表符（Tab）缩进，请改用空格"),
    ("could not find expected ':'", "缺少冒号“:”，字段应写成 名称: 值"),
    ("mapping values are not allowed here", "此处不能出现“: ”，含冒号的值请加引号"),
    ("found undefined tag handle", "未知的 YAML 标签"),
    ("could not determine a constructor for the tag", "不允许的 YAML 标签（不能构造对象）"),
    ("found unexpected end of stream", "引号或括号未闭合"),
    ("did not find expected key", "缩进不一致或缺少“-”"),
    ("expected <block end>, but found", "缩进不一致"),
    ("while parsing a flow", "方括号或花括号未闭合"),
    ("found duplicate anchor", "重复的锚点"),
    ("found unknown escape character", "未知的转义字符，含反斜杠的值请用单引号"),
)


def _chinese_reason(exc: yaml.YAMLError) -> str:
    text = str(exc)
    for needle, message in _MESSAGES:
        if needle in text:
            return message
    problem = getattr(exc, "problem", None) or text.splitlines()[0]
    return f"语法错误（{problem}）"


def parse(path: str, text: str, line_offset: int) -> Parsed | Problem:
    """Parse front matter text; a YAML error becomes a Problem at the YAML line."""
    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket is noticed lines later; the line where it opened is the useful one.
        in_flow = bool(exc.context and "flow" in exc.context)
        mark = (exc.context_mark if in_flow else None) or exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        reason = "不能用制表符（Tab）缩进，请改用空格" if _at_tab(text, exc.problem_mark) else _chinese_reason(exc)
        full_width = _full_width_line(text, mark.line if mark else 0)
        if full_width is not None:
            line, reason = full_width[0] + line_offset, full_width[1]
        return Problem(path, line, f"元数据 YAML 有误：{reason}")
    except yaml.YAMLError as exc:
        return Problem(path, line_offset + 1, f"元数据 YAML 有误：{_chinese_reason(exc)}")
    except (ValueError, TypeError, OverflowError) as exc:
        return Problem(path, line_offset + 1, f"元数据 YAML 有误：无法解析的值（{exc}）")
    except RecursionError:
        return Problem(path, line_offset + 1, "元数据 YAML 有误：嵌套层数过多")
    finally:
        loader.dispose()
    return Parsed(data, node, line_offset)


_FULL_WIDTH = (("：", "全角冒号“：”"), ("\u3000", "全角空格（U+3000）"))


def _full_width_line(text: str, error_line: int) -> tuple[int, str] | None:
    """The line (1-based, within text) whose full-width colon or space broke the mapping, if any.

    `title：会议` is read as plain text, so libyaml only complains on the line after it.
    """
    lines = text.split("\n")
    for number in range(min(error_line, len(lines) - 1), -1, -1):
        line = lines[number]
        key_part = line.split(": ", 1)[0] if ": " in line or line.rstrip().endswith(":") else line
        for char, name in _FULL_WIDTH:
            if char in key_part.lstrip(" -"):
                return number + 1, f"使用了{name}，字段应写成 名称: 值（半角冒号“:”后加一个半角空格）"
        if number < error_line and line.strip() and not line.startswith((" ", "-")):
            return None  # a sound top-level line before the error: the cause is elsewhere
    return None


def _at_tab(text: str, mark: yaml.Mark | None) -> bool:
    """libyaml calls a leading tab "a character that cannot start any token"."""
    if mark is None:
        return False
    lines = text.split("\n")
    return mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t"


def mapping_items(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    """The key/value node pairs of a mapping node (empty for anything else)."""
    if isinstance(node, yaml.MappingNode):
        return list(node.value)
    return []
