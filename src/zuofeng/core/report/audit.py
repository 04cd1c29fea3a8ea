"""The audit page of a report (报告核查): every sentence, what backs it, and the three counts.

The page is a template for the report macros: a value that is a traced figure is written as its
expression (`{{ … }}`, after the sentence's `{% set %}` statements), so the site renders it as the
same link to the same figure page as the report does; anything else is written as its value.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable

from zuofeng.core.problems import Problem
from zuofeng.core.report.claims import KINDS, backed, kind_of
from zuofeng.core.report.render import render
from zuofeng.core.report.sentences import Sentence, set_names

_CALL_START_RE = re.compile(r"\b(count|total|maximum|previous|yoy|months_without|breaches|unhandled|notice_stats|"
                            r"values_of|limit|top_values|about)\s*\(")
_NAME_RE = re.compile(r"(?<![.\w\"'])([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)")
_FIGURE = "\x00figure\x00"
_TRUTH = "{{{{ '是' if ({}) else '否' }}}}"
# A value as the audit page says it: a list as 甲、乙; a figure (a number or a phrase) goes through the hook.
_PRINT = ("{{% set value_ = ({}) %}}{{{{ value_ | join('、') if value_ is iterable and value_ is not string "
          "and value_ is not mapping else value_ }}}}")


def audit_markdown(year: int, title: str, sentences: list[tuple[str, Sentence]], claims: tuple[str, ...],
                   functions: dict[str, Callable[..., Any]]) -> str:
    """The page: counts on top, then each sentence in order with its kind and the ledger values behind it.

    `functions` are the report macros of the year, traced: they tell which values are figures.
    """
    kinds = [kind_of(s, claims) for _, s in sentences]
    found = {kind: kinds.count(kind) for kind in KINDS}
    lines = ["---", f"title: {year}年报告核查", f"year: {year}", "---", "", f"# {_escape(title)}：报告核查", "",
             "、".join(f"{kind} {n} 句" for kind, n in found.items()) + "。", "",
             "数字：句中的数字由宏按台账计算，点击数字可看所统计的记录；已核对：所说的有无、合规由以台账为条件的判断决定，"
             "列出条件、其取值和条件中各项台账数值（点击可看相应记录，如违规的记录）；"
             "叙述：台账无从核对（句末标 <code>&#123;# 叙述 #&#125;</code> 的句子也在此列，并注明）。", "",
             '<table class="zf-audit"><thead><tr><th>#</th><th>类别</th><th>句子</th><th>依据</th></tr></thead><tbody>']
    written: list[str] = []  # the `{% set %}` statements the page's template has run so far
    for number, ((path, sentence), kind) in enumerate(zip(sentences, kinds), start=1):
        basis = _basis(sentence, kind, functions)
        sets = ""
        if "{{" in basis:
            sets = "".join(_sets_to_write(written, sentence.sets))
            written = list(sentence.sets)
        lines.append(f"{sets}<tr><td>{number}</td><td>{kind}</td><td>{_escape(sentence.source)}"
                     f"<br><small>{_escape(path)}:{sentence.line}</small></td><td>{basis}</td></tr>")
    lines += ["</tbody></table>", ""]
    return "\n".join(lines)


def _sets_to_write(written: list[str], sets: list[str]) -> list[str]:
    """The statements a row must run first: those after the ones already run, or all of a new page's."""
    return sets[len(written):] if sets[:len(written)] == written else sets


def _basis(sentence: Sentence, kind: str, functions: dict[str, Callable[..., Any]]) -> str:
    printed = {p.text.strip(): False for p in sentence.pieces if p.printed}
    if sentence.narrative:  # its words are the author's; its figures are still the ledger's
        figures = [_entry(text, False, sentence, functions) for text in printed if backed(text, sentence.sets)]
        return "<br>".join(["作者标为叙述"] + (["句中数字："] + figures if figures else []))
    if kind == "叙述":
        return "—"
    conditions = {c.strip(): True for p in sentence.pieces for c in p.conditions if c.strip() not in printed}
    shown = {text: condition for text, condition in {**printed, **conditions}.items() if backed(text, sentence.sets)}
    return "<br>".join(_entry(text, condition, sentence, functions) for text, condition in shown.items())


def _entry(expression: str, condition: bool, sentence: Sentence, functions: dict[str, Callable[..., Any]]) -> str:
    """An expression and its value (a condition's as 是/否), and each ledger value in it that is a figure."""
    entry = f"<code>{_escape(expression)}</code> = {_value(expression, sentence, functions, condition)}"
    parts = [part for part in _ledger_parts(expression, sentence.sets) if part.strip() != expression.strip()]
    inner = []
    for part in parts:
        value = _value(part, sentence, functions)
        if "{{" in value:  # a figure: its link leads to the records behind the condition
            inner.append(f"<code>{_escape(_named(part, sentence.sets))}</code> = {value}")
    return entry + (f"（{'；'.join(inner)}）" if inner else "")


def _value(expression: str, sentence: Sentence, functions: dict[str, Callable[..., Any]],
           condition: bool = False) -> str:
    """What the expression gives in the report's period (a condition `a / b` of an elif gives each part).

    A condition of an `if` says 是 or 否; a loop's gives what it goes over. A traced figure is
    written as its expression for the page's template to link; a value that cannot be worked out
    alone is said so.
    """
    values = []
    for part in (p.strip() for p in expression.split(" / ")):
        target = _loop_iterable(part)
        template = _TRUTH if condition and target == part else _PRINT
        result = render("".join(sentence.sets) + template.format(target), functions, "", 1, lambda _: _FIGURE)
        if isinstance(result, Problem):
            values.append("（无法单独计算）")
        elif result.strip() == _FIGURE:
            values.append("{{ (" + target + ") }}")
        else:
            values.append(_escape(_plain(result)))
    return " / ".join(values)


def _loop_iterable(part: str) -> str:
    """The iterable of a `for` condition (`paper in papers` → `papers`), else the part itself."""
    name, found, rest = part.partition(" in ")
    return rest if found and name.strip().isidentifier() else part


def _ledger_parts(expression: str, sets: list[str]) -> list[str]:
    """The ledger macro calls and the page's variables holding one, as written in the expression."""
    parts = [_call_at(expression, m.start()) for m in _CALL_START_RE.finditer(expression)]
    names = set_names(sets)
    for match in _NAME_RE.finditer(_without_strings(expression)):
        if match.group(1) in names and backed(match.group(1), sets):
            parts.append(match.group(0))
    return list(dict.fromkeys(parts))


def _call_at(text: str, start: int) -> str:
    """The call starting at `start`, to its closing parenthesis (strings skipped)."""
    depth, quote = 0, ""
    for position in range(text.index("(", start), len(text)):
        char = text[position]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return text[start:position + 1]
    return text[start:]


def _without_strings(text: str) -> str:
    """The text with every string literal blanked (same length), so names inside strings are not read."""
    return re.sub(r"\"[^\"]*\"|'[^']*'", lambda m: " " * len(m.group(0)), text)


def _named(part: str, sets: list[str]) -> str:
    """A variable shown with what the page set it to: `escorts = breaches(…)`."""
    name = part.split(".", 1)[0]
    value = set_names(sets).get(name)
    return f"{part} = {value}" if value is not None and part == name else part


def _plain(text: str) -> str:
    return {"True": "是", "False": "否"}.get(text.strip(), text.strip())


def _escape(text: str) -> str:
    """HTML text that neither Markdown nor the page's Jinja reads as code."""
    return html.escape(text.replace("**", "")).replace("{", "&#123;").replace("}", "&#125;").replace("|", "&#124;")
