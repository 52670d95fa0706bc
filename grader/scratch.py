"""The shared property behind every `<name>.from_scratch` check: nothing forbidden in the source,
nothing forbidden reached at run time."""
from __future__ import annotations

from grader.expect import fail
from grader.learner import Answer, Learner
from grader.rules import RULES


def expect_from_scratch(learner: Learner, answer: Answer, name: str, misconception: str | None = None) -> None:
    """`answer` came from `learner.call(name, ..., watch=True)`; fail if the rule was broken either way."""
    rule = RULES[name]
    expected = f"{name} written without {rule.replaces}"
    found = learner.scan(name)
    if found:
        fail(answer, f"{learner.display} " + "; ".join(found[:3]), expected, misconception=misconception)
    if answer.violations:
        fail(answer, "while running, it reached " + ", ".join(answer.violations[:3]), expected,
             misconception=misconception)
