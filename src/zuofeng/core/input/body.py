"""Limits on record bodies that keep Markdown rendering bounded (found by feeding it hostile text)."""

from __future__ import annotations

import re

from zuofeng.core.problems import Problem

MAX_DEPTH = 24  # list/quote levels; python-markdown recurses per level and dies near a few hundred
LARGE = 1_000_000  # characters; every character of a body also goes into the search index
_INDENT = re.compile(r"[ \t>]*")


def body_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """Nesting too deep to render is an error; a very large body is a warning."""
    problems: list[Problem] = []
    for number, line in enumerate(body.split("\n")):
        prefix = _INDENT.match(line).group()  # type: ignore[union-attr]
        depth = prefix.count(">") + len(prefix.replace("\t", "    ").replace(">", "")) // 4
        if depth > MAX_DEPTH:
            problems.append(Problem(path, first_line + number, f"正文嵌套过深（{depth} 层缩进或引用），最多 {MAX_DEPTH} 层"))
            break
    if len(body) > LARGE:
        problems.append(Problem(path, first_line, f"正文过大（{len(body) / 1_000_000:.1f} 百万字符），网站的搜索索引会随之变大，请精简或将附件另行存放", "warning"))
    return problems
