"""Every exercise's spec, found by file name (`exNN_*.py` defining `EXERCISE`)."""
from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

from grader.spec import Exercise

# Checks that run only fixed examples, each with why drawing would add nothing. Every other check draws part of
# its input from hypothesis (in `grade`, from the grading secret), so that a table of the answers a learner's code
# was asked for in self-check fails in grading.
FIXED_INPUTS: dict[str, str] = {
    "dot.empty": "its input is the one pair of empty sequences (a list pair and a tuple pair, both tried): there is "
                 "nothing else to draw, and an answer that passes it is right about it",
}


@cache
def all_exercises() -> dict[str, Exercise]:
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if re.match(r"ex\d\d_", info.name))
    return {name: importlib.import_module(f"{__name__}.{name}").EXERCISE for name in names}


def names() -> list[str]:
    """Exercise stems without importing the specs (cheap: for argument parsing)."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if re.match(r"ex\d\d_", info.name))


def find(query: str) -> str:
    """`ex01`, `1`, `01`, `ex01_dot` or `dot` -> `ex01_dot`; ValueError naming the choices otherwise."""
    q = query.strip().lower().removesuffix(".py").removesuffix(".ipynb")
    if q.isdigit():
        q = f"ex{int(q):02d}"
    matches = [n for n in names() if n == q or n.startswith(q + "_") or n[5:] == q]
    if len(matches) != 1:
        raise ValueError(f"no exercise called {query!r}; choose from {', '.join(names())}")
    return matches[0]
