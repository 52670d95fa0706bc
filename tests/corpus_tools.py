"""The corpus of learner submissions that the tests grade: wrong versions and correct alternatives.

A corpus file `tests/corpus/<exercise>/<case>.py` holds replacement definitions for some of the
exercise's names; the rest of the module comes from the worked solution. Its header says what must
happen, one line each:

    # expect-fail: <check id> | <text the failure message must contain>
    # expect-pass: <check id>
    # expect: full-marks          (every check of the exercise passes)
    # standalone                  (the file is the whole module, nothing taken from the solution)
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Case:
    path: Path
    exercise: str
    fails: dict[str, str] = field(default_factory=dict)
    passes: list[str] = field(default_factory=list)
    full_marks: bool = False
    standalone: bool = False

    @property
    def id(self) -> str:
        return f"{self.exercise}/{self.path.stem}"

    def source(self) -> str:
        text = self.path.read_text(encoding="utf-8")
        return text if self.standalone else compose(self.exercise, text)


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("ex*/*.py")):
        case = Case(path, path.parent.name)
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := re.match(r"#\s*expect-fail:\s*(\S+)\s*\|\s*(.+)$", line):
                case.fails[m[1]] = m[2].strip()
            elif m := re.match(r"#\s*expect-pass:\s*(\S+)", line):
                case.passes.append(m[1])
            elif re.match(r"#\s*expect:\s*full-marks", line):
                case.full_marks = True
            elif re.match(r"#\s*standalone", line):
                case.standalone = True
        cases.append(case)
    return cases


def stub(exercise: str) -> str:
    """The untouched stub of an exercise, generated from its solution (never the learner's working file)."""
    from grader.build import stub_source

    return stub_source((ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8"), exercise)


def compose(exercise: str, variant: str) -> str:
    """The worked solution with the variant's top-level definitions put in place of its own."""
    solution = (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
    replaced = {n.name for n in ast.parse(variant).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    tree = ast.parse(solution)
    lines = solution.splitlines(keepends=True)
    drop: set[int] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in replaced:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            drop.update(range(start, node.end_lineno + 1))
    kept = "".join(line for number, line in enumerate(lines, 1) if number not in drop)
    return kept + "\n\n# --- the corpus case ---\n" + variant
