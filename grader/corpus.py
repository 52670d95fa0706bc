"""The corpus: versions learners really write, wrong and right, each with what it must score.

A file `tests/corpus/<exercise>/<case>.py` holds replacement definitions for some of the exercise's
names; the rest of the module comes from the worked solution. Its header (the comment lines it starts
with) says what must happen, one directive a line:

    # expect-fail: <check id> | <text the failure message must contain>
    # expect-pass: <check id>
    # expect: full-marks          (every check of the exercise passes)

Other comment lines are prose. A line that looks like a directive but is none (`# expect-fial: ...`,
`# expect-pass: dot.emtpy`) is an error, and so is a case that expects nothing: either would pass
without asserting anything.
"""
from __future__ import annotations

import ast
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from grader import course

if TYPE_CHECKING:
    from grader.specs import Exercise

# How thick the corpus must be, per public name: wrong versions (each failing some check of that name)
# and right versions in other styles (full marks).
MIN_WRONG = 5
MIN_RIGHT = 3

_FAIL = re.compile(r"expect-fail:\s*(\S+)\s*\|\s*(\S.*)$")
_PASS = re.compile(r"expect-pass:\s*(\S+)$")
_FULL = re.compile(r"expect:\s*full-marks$")
_DIRECTIVE = re.compile(r"[a-z]+(-[a-z]+)*:")  # how a directive starts; prose starts otherwise


class CorpusError(ValueError):
    """A corpus file whose header cannot be read as the docstring says."""


@dataclass
class Case:
    path: Path
    exercise: str
    fails: dict[str, str] = field(default_factory=dict)  # check id -> text its message must contain
    passes: list[str] = field(default_factory=list)
    full_marks: bool = False

    @property
    def id(self) -> str:
        return f"{self.exercise}/{self.path.stem}"

    def source(self) -> str:
        return compose(self.exercise, self.path.read_text(encoding="utf-8"))

    def names_defined(self) -> set[str]:
        return {n.name for n in ast.parse(self.path.read_text(encoding="utf-8")).body
                if isinstance(n, (ast.FunctionDef, ast.ClassDef))}

    def problems(self, exercise: Exercise) -> list[str]:
        """Grade the case in this process, through the wire format as grading's workers send results,
        and say each way the results differ from what the header expects."""
        from grader import engine
        from grader.learner import InProcessRunner

        only = None if self.full_marks else [*self.fails, *self.passes]
        with tempfile.TemporaryDirectory(prefix="lesson7-corpus-") as folder:
            path = Path(folder, f"{self.exercise}.py")
            path.write_text(self.source(), encoding="utf-8")
            results = {r.check: r for r in engine.run_exercise(exercise, path, only=only,
                                                               runner=InProcessRunner(wire_check=True))}
        problems = []
        if self.full_marks:
            problems += [f"{check} fails, but this version is right:\n{r.message}" for check, r in results.items()
                         if not r.passed]
        for check, text in self.fails.items():
            if results[check].passed:
                problems.append(f"{check} passes, but this version is wrong")
            elif text not in results[check].message:
                problems.append(f"{check}'s message lacks {text!r}:\n{results[check].message}")
        problems += [f"{check} fails:\n{results[check].message}" for check in self.passes if not results[check].passed]
        return problems


def folder(exercise: str) -> Path:
    return course.parts(exercise).corpus


def read_case(path: Path, exercise: Exercise) -> Case:
    """One corpus file; CorpusError for a header line that is not a directive it knows, a check id the
    exercise lacks, or a header that expects nothing."""
    case = Case(path, exercise.name)
    ids = {check.id for check in exercise.checks}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("#"):
            break  # the header ends at the first line of code (or blank line)
        text, where = line.lstrip("#").strip(), f"{path}:{number}"
        if m := _FAIL.fullmatch(text):
            case.fails[m[1]] = m[2].strip()
        elif m := _PASS.fullmatch(text):
            case.passes.append(m[1])
        elif _FULL.fullmatch(text):
            case.full_marks = True
        elif _DIRECTIVE.match(text) or text.startswith("expect"):
            raise CorpusError(f"{where}: {text!r} is not a directive: use `expect-fail: CHECK | TEXT`, "
                              "`expect-pass: CHECK` or `expect: full-marks`")
        unknown = [check for check in (*case.fails, *case.passes) if check not in ids]
        if unknown:
            raise CorpusError(f"{where}: {unknown[0]!r} is no check of {exercise.name} "
                              f"(its checks: {', '.join(sorted(ids))})")
    if not (case.fails or case.passes or case.full_marks):
        raise CorpusError(f"{path}: the header expects nothing, so the case would pass whatever it scored")
    return case


def load(exercise: Exercise) -> list[Case]:
    return [read_case(path, exercise) for path in sorted(folder(exercise.name).glob("*.py"))]


def load_cases() -> list[Case]:
    """Every case of every exercise (CorpusError for the first bad header)."""
    return [case for exercise in course.all_exercises().values() for case in load(exercise)]


def thin_names(exercise: Exercise, cases: list[Case]) -> list[str]:
    """The public names with fewer than MIN_WRONG wrong or MIN_RIGHT right versions, in words."""
    wrong, right = Counter(), Counter()
    for case in cases:
        if case.full_marks:
            right.update(case.names_defined())
        wrong.update({check.split(".")[0] for check in case.fails})
    return [f"{name}: {wrong[name]} wrong (at least {MIN_WRONG}), {right[name]} right (at least {MIN_RIGHT})"
            for name in exercise.names if wrong[name] < MIN_WRONG or right[name] < MIN_RIGHT]


def never_failed(exercise: Exercise, cases: list[Case]) -> list[str]:
    """The checks no case expects to fail: a check never shown to fail could be one that cannot."""
    shown = {check for case in cases for check in case.fails}
    return [check.id for check in exercise.checks if check.id not in shown]


def stub(exercise: str) -> str:
    """The untouched stub of an exercise, generated from its solution (never the learner's working file)."""
    from grader.build import stub_source

    return stub_source(course.parts(exercise).solution.read_text(encoding="utf-8"), exercise)


def compose(exercise: str, variant: str) -> str:
    """The worked solution with the variant's top-level definitions put in place of its own."""
    solution = course.parts(exercise).solution.read_text(encoding="utf-8")
    replaced = {n.name for n in ast.parse(variant).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    lines = solution.splitlines(keepends=True)
    drop: set[int] = set()
    for node in ast.parse(solution).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in replaced:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            drop.update(range(start, node.end_lineno + 1))
    kept = "".join(line for number, line in enumerate(lines, 1) if number not in drop)
    return kept + "\n\n# --- the corpus case ---\n" + variant
