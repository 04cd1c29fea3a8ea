"""What the ledger backs in a report's sentences: figures, checked claims, and narrative."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from zuofeng.core.domain.index import QueryError, RecordIndex
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.problems import Problem
from zuofeng.core.report.sentences import CLAUSE_END, Sentence, set_names

Kind = Literal["数字", "已核对", "叙述"]
KINDS: tuple[Kind, ...] = ("数字", "已核对", "叙述")
# The macros that answer from the ledger (or its rules): a sentence printing one states a figure.
_LEDGER_RE = re.compile(r"\b(count|total|maximum|previous|yoy|months_without|breaches|notice_stats|values_of|limit|"
                        r"top_values|unhandled)\s*\(")
# The macro that answers whether every breach was dealt with: what a word like 已责令整改 rests on.
_HANDLED_RE = re.compile(r"\bunhandled\s*\(")
_NAME_RE = re.compile(r"\b[A-Za-z_]\w*\b")
_CALL_RE = re.compile(r"""\b(count|total|maximum|yoy|values_of|top_values)\(\s*["'](\w+)["']\s*(?:,\s*["'](\w+)["'])?"""
                      r"""(?P<rest>[^()]*(?:\([^()]*\)[^()]*)*)\)""")
_STRING_RE = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_FILTER_RE = re.compile(r"\b(\w+)\s*=\s*(\[[^\]]*\]|\"[^\"]*\"|'[^']*')")


def backed(expression: str, sets: list[str], macros: re.Pattern[str] = _LEDGER_RE) -> bool:
    """Whether an expression calls a ledger macro (of `macros`), itself or through the variables the page set."""
    names = set_names(sets)
    seen: set[str] = set()
    pending = [expression]
    while pending:
        text = pending.pop()
        if macros.search(text):
            return True
        for name in _NAME_RE.findall(text):
            if name in names and name not in seen:
                seen.add(name)
                pending.append(names[name])
    return False


def kind_of(sentence: Sentence, claims: tuple[str, ...] = ()) -> Kind:
    """已核对 when a condition over the ledger decides what it asserts, 数字 when it prints a ledger figure, else 叙述."""
    if sentence.narrative:
        return "叙述"
    figure = _prints_figure(sentence)
    conditioned = any(backed(c, sentence.sets) for p in sentence.pieces for c in p.conditions)
    claiming = any(word in sentence.text for word in claims)
    if (claiming and (figure or conditioned)) or (conditioned and not figure):
        return "已核对"
    return "数字" if figure else "叙述"


def _prints_figure(sentence: Sentence) -> bool:
    return any(p.printed and backed(p.text, sentence.sets) for p in sentence.pieces)


def counts(sentences: list[Sentence], claims: tuple[str, ...] = ()) -> dict[Kind, int]:
    """Sentences of each kind."""
    found = {kind: 0 for kind in KINDS}
    for sentence in sentences:
        found[kind_of(sentence, claims)] += 1
    return found


def unsupported_claims(path: str, sentences: list[Sentence], claims: tuple[str, ...],
                       handled: tuple[str, ...] = ()) -> list[Problem]:
    """Sentences asserting absence or compliance with no ledger macro in their clause or their condition;
    and sentences saying a breach was dealt with (`handled` words) that no `unhandled(…)` decides."""
    problems = []
    for sentence in sentences:
        if sentence.narrative:
            continue
        words = _unbacked(sentence, tuple(w for w in claims if w not in handled), _LEDGER_RE)
        if words:
            problems.append(Problem(path, sentence.line, f"“{'、'.join(words)}”没有台账依据："
                                    f"句中没有统计台账的宏，也不在以宏为条件的 {{% if %}} 之内；请用宏或条件表达，"
                                    f"或在句末加 {{# 叙述 #}} 标明为叙述。句子：“{sentence.source}”", "warning"))
        words = _unbacked(sentence, handled, _HANDLED_RE)
        if words:
            problems.append(Problem(path, sentence.line, f"“{'、'.join(words)}”没有处理情况依据：违规记录是否都已处理，"
                                    f"要看记录的“处理情况”；请把这句话放在以 unhandled(…) 为条件的 {{% if %}} 之内"
                                    f"（如 {{% if unhandled(\"reception\") == 0 %}}），未处理的写明条数。"
                                    f"句子：“{sentence.source}”", "warning"))
    return problems


def _unbacked(sentence: Sentence, words: tuple[str, ...], macros: re.Pattern[str]) -> list[str]:
    """The words of the sentence's text that no macro of `macros` backs in their clause or condition."""
    found = [word for n, piece in enumerate(sentence.pieces) if not piece.printed
             for word in words for hit in re.finditer(re.escape(word), piece.text)
             if not _claim_backed(sentence, n, hit.start(), macros)]
    return list(dict.fromkeys(found))


def _claim_backed(sentence: Sentence, at_piece: int, at: int, macros: re.Pattern[str]) -> bool:
    if any(backed(c, sentence.sets, macros) for c in sentence.pieces[at_piece].conditions):
        return True
    return any(backed(sentence.pieces[n].text, sentence.sets, macros)
               for n in _clause_expressions(sentence, at_piece, at))


def _clause_expressions(sentence: Sentence, at_piece: int, at: int) -> list[int]:
    """The printed pieces in the clause (between ，；： and the sentence's ends) around a text position."""
    flat, position = "", 0
    for n, piece in enumerate(sentence.pieces):
        if n == at_piece:
            position = len(flat) + at
        flat += f"\x00{n}\x01" if piece.printed else piece.text
    start = max((flat.rfind(c, 0, position) for c in CLAUSE_END), default=-1) + 1
    ends = [i for i in (flat.find(c, position) for c in CLAUSE_END) if i >= 0]
    return [int(n) for n in re.findall("\x00([0-9]+)\x01", flat[start:min(ends, default=len(flat))])]


@dataclass(frozen=True)
class Named:
    """A field a sentence's macros speak of: its type, field, and the values the catalogue or the ledger knows."""

    type: str
    field: str
    values: frozenset[str]


def stale_values(path: str, sentences: list[Sentence], index: RecordIndex, period: ReportPeriod) -> list[Problem]:
    """Values named in a sentence (of the fields its macros count or filter on) that no record of the period holds."""
    problems = []
    for sentence in sentences:
        if sentence.narrative:
            continue
        text = sentence.text
        # A value the sentence's own macros filter on is backed by them: they print its count, zero included.
        counted = _filter_values(sentence)
        for named in _named_fields(sentence, index):
            for value in sorted(v for v in named.values if len(v) > 1 and v in text and v not in counted):
                try:
                    held = index.count(named.type, period, **{named.field: value})
                except QueryError:
                    continue
                if not held:
                    label = index.catalogue.fields_of(named.type)[named.field].label
                    problems.append(Problem(path, sentence.line, f"句中提到“{value}”，但报告期（{period}）内没有"
                                            f"{index.catalogue.label(named.type)}记录的{label}为“{value}”："
                                            f"请改用 top_values 等宏列出记录中的取值。句子：“{sentence.source}”", "warning"))
    return problems


def _filter_values(sentence: Sentence) -> frozenset[str]:
    """Every string literal given as a filter value to a macro of the sentence."""
    values = set()
    for expression in sentence.expressions():
        for match in _FILTER_RE.finditer(expression):
            for double, single in _STRING_RE.findall(match.group(2)):
                values.add(double or single)
    return frozenset(values)


def _named_fields(sentence: Sentence, index: RecordIndex) -> list[Named]:
    found: dict[tuple[str, str], Named] = {}
    for expression in sentence.expressions():
        for call in _CALL_RE.finditer(expression):
            type_key = call.group(2)
            fields = index.catalogue.fields_of(type_key) if index.catalogue.get(type_key) else {}
            names = [call.group(3)] if call.group(1) in ("values_of", "top_values") and call.group(3) else []
            names += [m.group(1) for m in _FILTER_RE.finditer(call.group("rest"))]
            for name in names:
                spec = fields.get(name)
                if spec is not None and spec.kind in ("enum", "list", "string"):
                    found[(type_key, name)] = Named(type_key, name, _known_values(index, type_key, name))
    return list(found.values())


def _known_values(index: RecordIndex, type_key: str, name: str) -> frozenset[str]:
    """The choices of a field and every value a record of the type ever held in it."""
    spec = index.catalogue.fields_of(type_key)[name]
    values = set(spec.choices or ())
    for record in index.of_type(type_key):
        value = record.fields.get(name)
        values.update(str(v) for v in (value if isinstance(value, (list, tuple)) else [value]) if v not in (None, ""))
    return frozenset(values)
