"""The maintainer's check, `python -m grader dev check` (rustlings' `dev check`): the exercise set is
whole and consistent. For each exercise:

- what `python -m grader new` left to fill in (its `TODO(new)` lines), so a half-made exercise reads
  as a list of what to do;
- its parts exist (`grader.course.Parts`), its row of the table of exercises is written;
- its spec is sound: unique check ids about public names, points, each public name checked, from
  scratch exactly where the rules say, a hint for every check, a TODO line for every public name, text
  for every misconception the spec names, and a solution docstring naming the fastbook question;
- its untouched stub (regenerated from solutions/ into a temporary folder, never the learner's file)
  keeps the solution's signatures and docstrings and fails every check as "not implemented yet";
- its worked solution gets every point;
- its corpus: headers that assert something, every check shown to fail on a wrong version, the
  thresholds of `grader.corpus`, and every case scoring as its header says.

And once: the generated files are what the build makes of solutions/ now.
"""
from __future__ import annotations

import ast
import contextlib
import io
import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from grader import build, corpus, course, engine, hints
from grader.from_scratch.rules import RULES
from grader.learner import InProcessRunner
from grader.markers import BEGIN
from grader.specs import Exercise

T = TypeVar("T")
LEFT = "TODO(new)"  # what `python -m grader new` writes wherever a maintainer has something to fill in


def left_to_fill(name: str) -> list[str]:
    """Each `TODO(new)` line in the exercise's hand-written parts, as `path:line: text`."""
    parts = course.parts(name)
    files = [parts.solution, parts.reference, parts.spec, parts.probes, parts.hints,
             *sorted(parts.corpus.glob("*.py"))]
    return [f"{path.relative_to(course.ROOT)}:{number}: {line.strip().lstrip('#').strip()}"
            for path in files if path.exists()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if LEFT in line]


def missing_parts(name: str) -> list[str]:
    parts = course.parts(name)
    needed = {"worked solution": parts.solution, "reference": parts.reference, "spec": parts.spec,
              "hints": parts.hints, "corpus folder": parts.corpus}
    missing = [f"no {what}: {path.relative_to(course.ROOT)}" for what, path in needed.items() if not path.exists()]
    row = hints.load(name).get("table", {})
    missing += [f"{parts.hints.relative_to(course.ROOT)}: [table] has no `{key}` (the README's row)"
                for key in ("names", "does", "fastbook") if not str(row.get(key, "")).strip()]
    return missing


def spec_problems(exercise: Exercise) -> list[str]:
    name, problems = exercise.name, []
    ids = [check.id for check in exercise.checks]
    problems += [f"check id {i} appears twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"{c.id}: points must be at least 1" for c in exercise.checks if c.points < 1]
    problems += [f"{c.id}: `says` is empty" for c in exercise.checks if not c.says.strip()]
    for public in exercise.names:
        if not any(check.name == public for check in exercise.checks):
            problems.append(f"{public} has no check")
        if (f"{public}.from_scratch" in ids) != (public in RULES):
            problems.append(f"{public}: a from_scratch check exactly when grader/from_scratch/rules.py has a rule for it")
    data, toml = hints.load(name), course.parts(name).hints.name
    written = set(data.get("checks", {}))
    problems += [f"{toml}: no hint for {i} under [checks]" for i in ids if i not in written]
    problems += [f"{toml}: a hint for {i}, which is no check" for i in sorted(written - set(ids))]
    problems += [f"{toml}: no TODO line for {public} under [todo]" for public in exercise.names
                 if public not in data.get("todo", {})]
    if not data.get("hints"):
        problems.append(f"{toml}: no `hints` for `python -m grader hint {name}`")
    known = data.get("misconceptions", {})
    problems += [f"{toml}: no [misconceptions.{key}], which the spec names" for key in sorted(_misconceptions_named(name))
                 if key not in known]
    problems += [f"{toml}: [misconceptions.{key}] needs a `name` and a `why` ending in a full stop"
                 for key, entry in known.items() if not entry.get("name") or not str(entry.get("why", "")).endswith(".")]
    doc = ast.get_docstring(ast.parse(course.parts(name).solution.read_text(encoding="utf-8"))) or ""
    if not any(words in doc for words in ("question", "Question", "Road to the Top")):
        problems.append(f"solutions/{name}.py: the module docstring names no fastbook question (or Road to the Top part)")
    return problems


def _misconceptions_named(name: str) -> set[str]:
    """The misconception keys a spec names: `("key", lambda ...)` pairs and `misconception="key"`."""
    tree = ast.parse(course.parts(name).spec.read_text(encoding="utf-8"))
    named = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Lambda)
                and isinstance(node.elts[0], ast.Constant) and isinstance(node.elts[0].value, str)):
            named.add(node.elts[0].value)
        elif isinstance(node, ast.keyword) and node.arg == "misconception":
            named |= _strings_it_can_be(node.value)
    return named


def _strings_it_can_be(node: ast.expr) -> set[str]:
    """The string constants an expression can evaluate to: `"a"`, `"a" if ... else "b" if ... else None`."""
    if isinstance(node, ast.Constant):
        return {node.value} if isinstance(node.value, str) else set()
    if isinstance(node, ast.IfExp):
        return _strings_it_can_be(node.body) | _strings_it_can_be(node.orelse)
    return set()


def stub_problems(exercise: Exercise, stub: Path) -> list[str]:
    """The stub keeps the solution's signatures and docstrings, raises NotImplementedError, and fails
    every check saying so."""
    text, problems = stub.read_text(encoding="utf-8"), []
    solution = ast.parse(course.parts(exercise.name).solution.read_text(encoding="utf-8"))
    stubs, solved = _top_level(ast.parse(text)), _top_level(solution)
    if "TODO" not in text or BEGIN in text:
        problems.append("the stub must have TODO lines and no solution markers")
    for public in exercise.names:
        if public not in stubs or public not in solved:
            problems.append(f"{public} is not defined in both the solution and the stub")
            continue
        if _signature(stubs[public]) != _signature(solved[public]):
            problems.append(f"{public}: the stub's signature differs from the solution's")
        if ast.get_docstring(stubs[public]) != ast.get_docstring(solved[public]):
            problems.append(f"{public}: the stub's docstring differs from the solution's")
        if not any(isinstance(n, ast.Raise) and "NotImplementedError" in ast.unparse(n) for n in ast.walk(stubs[public])):
            problems.append(f"{public}: the stub has no `raise NotImplementedError`")
    results, error = _graded(lambda: engine.run_exercise(exercise, stub))
    for result in results:
        if result.passed or result.points:
            problems.append(f"{result.check} passes on the untouched stub: a check that cannot fail?")
        elif "not implemented yet" not in result.message:
            problems.append(f"{result.check} fails on the stub without saying \"not implemented yet\":\n{result.message}")
    return problems + error


def _top_level(tree: ast.Module) -> dict[str, ast.AST]:
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def _signature(node: ast.AST) -> list[str]:
    """A function's arguments; a class's bases and the name and arguments of each of its methods."""
    if isinstance(node, ast.ClassDef):
        methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        return [ast.dump(b) for b in node.bases] + [f"{m.name}{ast.dump(m.args)}" for m in methods]
    return [ast.dump(node.args)]


def solution_problems(exercise: Exercise) -> list[str]:
    """Every check passes on the worked solution, through the wire format as in grading (every probe
    takes and gives plain data only)."""
    results, error = _graded(lambda: engine.run_exercise(exercise, course.parts(exercise.name).solution,
                                                         runner=InProcessRunner(wire_check=True)))
    return [f"{r.check} fails on the worked solution:\n{r.message}" for r in results if not r.passed] + error


def _graded(run: Callable[[], list[T]]) -> tuple[list[T], list[str]]:
    """`run()`'s results, or none and the error the grader's own code (a spec, a reference) raised,
    with the line of ours it came from: that is a problem of the exercise, not of what was graded."""
    try:
        return run(), []
    except Exception as e:
        ours = [frame for frame in traceback.extract_tb(e.__traceback__)
                if Path(frame.filename).is_relative_to(course.ROOT)
                and Path(frame.filename).parent.name in ("specs", "probes", "reference")]
        where = f" at {Path(ours[-1].filename).relative_to(course.ROOT)}:{ours[-1].lineno}" if ours else ""
        return [], [f"grading raised {type(e).__name__}{where}: {e}"]


def corpus_problems(exercise: Exercise, grade_cases: bool = True) -> list[str]:
    try:
        cases = corpus.load(exercise)
    except corpus.CorpusError as e:
        return [str(e)]
    problems = [f"corpus too thin: {line}" for line in corpus.thin_names(exercise, cases)]
    problems += [f"{check} is never shown to fail: no corpus case expects it to" for check in corpus.never_failed(exercise, cases)]
    if grade_cases:
        for case in cases:
            found, error = _graded(lambda: case.problems(exercise))
            problems += [f"{case.id}: {p}" for p in found + error]
    return problems


def stale_generated(root: Path = course.ROOT) -> list[str]:
    """What `build --check` reports as stale, one line each (empty when the generated files are fresh)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        build.main(root, check=True)
    return [line for line in out.getvalue().splitlines() if line.startswith("stale:")]


def fresh_build(dest: Path, root: Path = course.ROOT) -> Path:
    """A fresh build from `root`'s solutions/ into `dest`, as a fresh clone has it: exercises/ (stubs,
    manifest, the learner's pytest conftest) and notebooks/."""
    shutil.copytree(root / "solutions", dest / "solutions")
    (dest / "exercises").mkdir(parents=True)
    shutil.copy(root / "exercises" / "conftest.py", dest / "exercises" / "conftest.py")
    with contextlib.redirect_stdout(io.StringIO()):
        build.main(dest)
    return dest


@contextlib.contextmanager
def regenerated_stubs(names: list[str]) -> Iterator[Path]:
    """A temporary folder holding each named exercise's untouched stub, generated from its solution."""
    with tempfile.TemporaryDirectory(prefix="lesson7-stubs-") as folder:
        for name in names:
            Path(folder, f"{name}.py").write_text(corpus.stub(name), encoding="utf-8")
        yield Path(folder)


def check_exercise(name: str, stubs: Path, grade_cases: bool = True) -> tuple[list[str], list[str]]:
    """(left to fill in, problems) for one exercise."""
    left, missing = left_to_fill(name), missing_parts(name)
    if missing:
        return left, missing  # the rest would only repeat that a part is missing
    exercise = course.all_exercises()[name]
    problems = spec_problems(exercise)
    problems += [f"stub: {p}" for p in stub_problems(exercise, stubs / f"{name}.py")]
    problems += solution_problems(exercise)
    problems += corpus_problems(exercise, grade_cases)
    return left, problems
