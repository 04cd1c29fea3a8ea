"""Report sentences about one rule that count every rule: `breaches(type)` without `rule=`."""

from __future__ import annotations

import re

from zuofeng.core.problems import Problem
from zuofeng.core.domain.rules import Rule
from zuofeng.core.report.sentences import Sentence, split_sentences

# A call naming only the type: breaches("reception") or breaches('reception', year=2023).
_CALL_RE = re.compile(r"""breaches\(\s*(["'])(?P<type>[A-Za-z_][A-Za-z0-9_]*)\1(?P<rest>[^()]*)\)""")
_NAMED_RE = re.compile(r"""^\s*,\s*(["']|rule\s*=)|\brule\s*=""")


def unnamed_rule_problems(path: str, body: str, first_line: int, rules: list[Rule]) -> list[Problem]:
    """Warnings where a sentence speaks of some rules of a type but its breaches() counts all of them.

    The sentence is the one of `split_sentences` whose span holds the call (its words, template
    code removed); a rule is spoken of when one of its `keywords` appears in it.
    """
    problems = []
    sentences = split_sentences(body, first_line)
    for call in _CALL_RE.finditer(body):
        if _NAMED_RE.search(call.group("rest")):
            continue
        of_type = [r for r in rules if r.type == call.group("type")]
        spoken = [r for r in of_type if any(word in _words_at(sentences, call.start()) for word in r.keywords)]
        if len(of_type) < 2 or not spoken or len(spoken) == len(of_type):
            continue
        line = first_line + body.count("\n", 0, call.start())
        named = "、".join(r.label for r in of_type)
        hint = " 或 ".join(f'breaches("{r.type}", rule="{r.id}")' for r in spoken)
        problems.append(Problem(path, line, f"{call.group(0)} 统计该类记录的全部 {len(of_type)} 条规则（{named}），"
                                            f"而这句话只说到“{'、'.join(r.label for r in spoken)}”：请写 {hint}", "warning"))
    return problems


def _words_at(sentences: list[Sentence], at: int) -> str:
    """The words of the sentence whose span holds a position of the body ('' between sentences)."""
    return next((s.text for s in sentences if s.start <= at < s.end), "")
