"""The course: every exercise, and where each of its parts lives.

Everything that lists or locates exercises asks this module. An exercise `exNN_name` is one spec
module `grader/specs/exNN_name.py` (that is what makes it exist, even in an installed grader without
the solutions) and these parts, found by name:

    solutions/exNN_name.py            the worked solution, the single source of the stub and notebook
    exercises/exNN_name.py            the learner's stub (generated)
    notebooks/exNN_name.ipynb         the learner's notebook (generated)
    reference/exNN_name.py            the trusted implementation the checks compare with
    grader/specs/exNN_name.py         the checks
    grader/probes/exNN_name.py        probes, where a check needs more than calling a public name
    grader/hints/exNN_name.toml       title, hints, TODO lines, misconceptions, the row of the table
    tests/corpus/exNN_name/           wrong and right versions, with what each must score
"""
from __future__ import annotations

import hashlib
import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.specs import Exercise

ROOT = Path(__file__).resolve().parent.parent
GRADER = ROOT / "grader"
STEM = r"ex\d\d_\w+"
EXERCISE_FILE = re.compile(rf"({STEM})\.(py|ipynb)$")  # a learner's file, a solution, a stub or a notebook


@dataclass(frozen=True)
class Parts:
    """Where the parts of exercise `name` live (see the module's docstring)."""

    name: str

    @property
    def number(self) -> str:
        return self.name[:4]

    @property
    def solution(self) -> Path:
        return ROOT / "solutions" / f"{self.name}.py"

    @property
    def stub(self) -> Path:
        return ROOT / "exercises" / f"{self.name}.py"

    @property
    def notebook(self) -> Path:
        return ROOT / "notebooks" / f"{self.name}.ipynb"

    @property
    def reference(self) -> Path:
        return ROOT / "reference" / f"{self.name}.py"

    @property
    def spec(self) -> Path:
        return GRADER / "specs" / f"{self.name}.py"

    @property
    def probes(self) -> Path:
        return GRADER / "probes" / f"{self.name}.py"

    @property
    def hints(self) -> Path:
        return GRADER / "hints" / f"{self.name}.toml"

    @property
    def corpus(self) -> Path:
        return ROOT / "tests" / "corpus" / self.name


def names() -> list[str]:
    """Every exercise, in order, without importing a spec (cheap: for argument parsing)."""
    import grader.specs

    return sorted(info.name for info in pkgutil.iter_modules(grader.specs.__path__) if re.fullmatch(STEM, info.name))


def parts(name: str) -> Parts:
    return Parts(name)


def find(query: str) -> str:
    """`ex01`, `1`, `01`, `ex01_dot`, `ex01_dot.py` or `dot` -> `ex01_dot`; ValueError naming the choices."""
    q = query.strip().lower().removesuffix(".py").removesuffix(".ipynb")
    if q.isdigit():
        q = f"ex{int(q):02d}"
    matches = [n for n in names() if n == q or n.startswith(q + "_") or n[5:] == q]
    if len(matches) != 1:
        raise ValueError(f"no exercise called {query!r}; choose from {', '.join(names())}")
    return matches[0]


@cache
def all_exercises() -> dict[str, "Exercise"]:
    """Every exercise's spec, importing the checks (and with them hypothesis and the references)."""
    return {name: importlib.import_module(f"grader.specs.{name}").EXERCISE for name in names()}


def grader_digest(*settings: object) -> str:
    """Changes whenever a check could give another answer: the grader's code, the references, the hints
    and anything in `settings` (limits, say). What caches of results are keyed on."""
    return hashlib.sha256(repr(settings).encode() + _code_digest().encode()).hexdigest()


@cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for folder in (GRADER, ROOT / "reference"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
