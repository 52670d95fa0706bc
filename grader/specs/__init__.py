"""Exercise specs. Each module here (`exNN_name.py`) is one exercise's checks, as `EXERCISE`: for each
public name, named checks `<name>.<property>`, each with points, a hypothesis strategy for its
inputs, and a property that compares the learner with `reference/`. This package defines the types;
`grader.course` finds the exercises."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from grader import hints

Property = Callable[..., None]  # (learner, case) -> None; raises Failure when the property does not hold


@dataclass(frozen=True)
class Check:
    id: str
    exercise: str
    points: int
    says: str  # the property in words, the first line of a failure
    prop: Property
    given: Any = None  # a hypothesis strategy drawing one case, or None for `examples` only
    examples: tuple = ()  # cases always tried first (hypothesis' explicit examples)
    max_examples: int = 25

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass
class Exercise:
    name: str  # the file stem, e.g. "ex01_dot"
    names: list[str]  # the public names, in the order the file defines them
    checks: list[Check] = field(default_factory=list)

    @property
    def title(self) -> str:
        return hints.title(self.name)

    @property
    def max_points(self) -> int:
        return sum(c.points for c in self.checks)

    @property
    def number(self) -> str:
        return self.name[:4]

    def check(self, id: str, *, points: int, says: str, given: Any = None, examples: tuple | list = (),
              max_examples: int = 25) -> Callable[[Property], Property]:
        """Register the decorated property as check `id`."""
        if id.split(".", 1)[0] not in self.names:
            raise ValueError(f"check {id} is not about a public name of {self.name}")
        if given is None and not examples:
            raise ValueError(f"check {id} has neither a strategy nor examples")

        def register(prop: Property) -> Property:
            self.checks.append(Check(id, self.name, points, says, prop, given, tuple(examples), max_examples))
            return prop

        return register


# Checks that run only fixed examples, each with why drawing would add nothing. Every other check draws part of
# its input from hypothesis (in `grade`, from the grading secret), so that a table of the answers a learner's code
# was asked for in self-check fails in grading.
FIXED_INPUTS: dict[str, str] = {
    "dot.empty": "its input is the one pair of empty sequences (a list pair and a tuple pair, both tried): there is "
                 "nothing else to draw, and an answer that passes it is right about it",
}
