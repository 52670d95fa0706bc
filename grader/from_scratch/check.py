"""The shared property behind every `<name>.from_scratch` check: nothing forbidden in the source,
nothing forbidden reached at run time."""
from __future__ import annotations

from grader.expect import fail
from grader.learner import Answer, Learner
from grader.from_scratch.rules import RULES

SHOWN = 3  # findings of each kind quoted in a message
HATCHES = ("switches off", "reaches torch's internals", "looks a name up", "passes getattr", "runs code in another",
           "changes a library", "reaches the grader's internals", "reaches native code")
WHY = ("the grader must see what a from-scratch function runs: torch's internals, a switched-off watch, names looked "
       "up at run time and other threads all hide it, so each counts by itself.")


def expect_from_scratch(learner: Learner, answer: Answer, name: str, misconception: str | None = None) -> None:
    """`answer` came from `learner.call(name, ..., watch=True)`; fail if the rule was broken either way.
    Both halves are quoted: the source says where, the run says what was reached."""
    rule = RULES[name]
    found = learner.scan(name)
    reached = [v.removeprefix("reached ") for v in answer.violations if v.startswith("reached ")]
    other = [v for v in answer.violations if not v.startswith("reached ")]
    parts = []
    if found:
        parts.append(f"{learner.display} " + "; ".join(found[:SHOWN]) + _more(found))
    if reached:
        parts.append("while running, it reached " + ", ".join(reached[:SHOWN]) + _more(reached))
    if other:
        parts.append(("while running, it " if not reached else "it ") + "; ".join(other[:SHOWN]) + _more(other))
    if parts:
        hatch = any(h in f for f in found for h in HATCHES) or bool(other and not reached)
        fail(answer, "; ".join(parts), f"{name} written without {rule.replaces}", misconception=misconception,
             detail=WHY if hatch else None)


def _more(items: list) -> str:
    return f" (and {len(items) - SHOWN} more)" if len(items) > SHOWN else ""
