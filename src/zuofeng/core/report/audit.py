"""The audit page of a report (报告核查): every sentence, what backs it, and the three counts."""

from __future__ import annotations

import html
from typing import Any, Callable

from zuofeng.core.problems import Problem
from zuofeng.core.report.claims import KINDS, backed, kind_of
from zuofeng.core.report.render import render
from zuofeng.core.report.sentences import Sentence


def audit_markdown(year: int, title: str, sentences: list[tuple[str, Sentence]], claims: tuple[str, ...],
                   functions: dict[str, Callable[..., Any]]) -> str:
    """The page: counts on top, then each sentence in order with its kind and the ledger values behind it."""
    kinds = [kind_of(s, claims) for _, s in sentences]
    found = {kind: kinds.count(kind) for kind in KINDS}
    lines = ["---", f"title: {year}年报告核查", f"year: {year}", "---", "", f"# {_escape(title)}：报告核查", "",
             "、".join(f"{kind} {n} 句" for kind, n in found.items()) + "。", "",
             "数字：句中的数字由宏按台账计算；已核对：所说的有无、合规由以台账为条件的判断决定；"
             "叙述：台账无从核对（句末标 <code>&#123;# 叙述 #&#125;</code> 的句子也在此列，并注明）。", "",
             '<table class="zf-audit"><thead><tr><th>#</th><th>类别</th><th>句子</th><th>依据</th></tr></thead><tbody>']
    for number, ((path, sentence), kind) in enumerate(zip(sentences, kinds), start=1):
        lines.append(f"<tr><td>{number}</td><td>{kind}</td><td>{_escape(sentence.source)}"
                     f"<br><small>{_escape(path)}:{sentence.line}</small></td>"
                     f"<td>{_basis(sentence, kind, functions)}</td></tr>")
    lines += ["</tbody></table>", ""]
    return "\n".join(lines)


def _basis(sentence: Sentence, kind: str, functions: dict[str, Callable[..., Any]]) -> str:
    if sentence.narrative:
        return "作者标为叙述"
    if kind == "叙述":
        return "—"
    shown = [text for text in sentence.expressions() if backed(text, sentence.sets)]
    return "<br>".join(f"<code>{_escape(text)}</code> = {_escape(_value(text, sentence, functions))}" for text in shown)


def _value(expression: str, sentence: Sentence, functions: dict[str, Callable[..., Any]]) -> str:
    """What the expression gives in the report's period (a condition `a / b` of an elif gives each part)."""
    parts = [part.strip() for part in expression.split(" / ")]
    values = []
    for part in parts:
        target = part.split(" in ", 1)[1] if part.startswith(tuple("abcdefghijklmnopqrstuvwxyz")) and " in " in part \
            and part.split(" in ", 1)[0].isidentifier() else part
        result = render("".join(sentence.sets) + "{{ (" + target + ") }}", functions, "", 1)
        values.append("（无法单独计算）" if isinstance(result, Problem) else _plain(result))
    return " / ".join(values)


def _plain(text: str) -> str:
    return {"True": "是", "False": "否"}.get(text.strip(), text.strip())


def _escape(text: str) -> str:
    """HTML text that neither Markdown nor the page's Jinja reads as code."""
    return html.escape(text.replace("**", "")).replace("{", "&#123;").replace("}", "&#125;").replace("|", "&#124;")
