"""The grader inside Jupyter: `check("ex01")`, `hint("ex01")` and the grade cells of the lesson notebooks.

In a notebook the learner's code is what the kernel has defined, not a file: the checks run against
the namespace of the cell that calls them (its globals), and the from-scratch rules read the cells
run in this kernel (IPython's `In`). Nothing here needs nbgrader.

    check("ex01")                 every check of an exercise: an HTML table in Jupyter, text elsewhere
    hint("ex01")                  the exercise's hints, from gentle to specific
    grade("ex01_dot", "dot.empty")  one check, for a grade cell: prints a line when it passes, raises
                                  `CheckFailed` with the terminal's message when it fails

Grade cells are quiet: whatever the checks or the learner's code print or warn is kept out of the
cell's output, because nbgrader gives no points to a grade cell that writes to stderr.
"""
from __future__ import annotations

import ast
import hashlib
import html
import io
import os
import re
import sys
import tempfile
import types
import warnings
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from grader.result import CheckFailed

if TYPE_CHECKING:
    from grader.result import Result

DISPLAY = "this notebook"
UNDEFINED = "run the cell that defines `{name}`: this kernel has not run it yet (Run All runs every cell)"
WIDTH = 88  # columns of a failure's text: JupyterLab's output area at its usual width
GRADER_CALLS = {"check", "hint", "grade"}
# Results of checks already run in this kernel, by (namespace, exercise, check id, fingerprint of the
# learner's cells). Checks are deterministic: while no learner cell has run since, they need not run again.
_RESULTS: dict[tuple[int, str, str, str], "Result"] = {}


def check(exercise: str, namespace: dict | None = None) -> "CheckReport":
    """Run every check of `exercise` against the functions this notebook (or `namespace`) defines."""
    namespace = namespace if namespace is not None else sys._getframe(1).f_globals
    name = _exercise_name(exercise)
    return CheckReport(name, _run(name, None, namespace))


def grade(exercise: str, check_id: str, namespace: dict | None = None) -> None:
    """One check, for an nbgrader grade cell: a short line when it passes, CheckFailed when it fails."""
    from grader import message
    from grader.report import marks

    namespace = namespace if namespace is not None else sys._getframe(1).f_globals
    (result,) = _run(_exercise_name(exercise), [check_id], namespace)
    ok, bad = marks(sys.stdout)
    if not result.passed:
        # Wrapped here, indent kept: JupyterLab breaks an error's long lines anywhere, even mid-word.
        lines = message.message_lines(result, WIDTH - 4)
        raise CheckFailed("\n".join([f"{bad} {result.check}  0/{result.max_points}", *("    " + x for x in lines)]))
    sys.stdout.write(f"{ok} {result.check}  {result.points}/{result.max_points}\n")  # one write: one output


def hint(exercise: str) -> "Hints":
    """The exercise's hints, from gentle to specific (what `python -m grader hint` prints)."""
    from grader import hints

    name = _exercise_name(exercise)
    return Hints(name, hints.title(name), hints.general(name))


def _exercise_name(query: str) -> str:
    from grader import course
    return course.find(query)  # ValueError naming the choices for an unknown exercise


def _run(exercise: str, ids: list[str] | None, namespace: dict) -> list["Result"]:
    """The checks `ids` of `exercise` (all when None) against `namespace`, quietly."""
    from grader import course, engine
    from grader.learner import InProcessRunner, Learner

    spec = course.all_exercises()[exercise]
    checks = [c for c in spec.checks if ids is None or c.id in ids]
    if ids is not None and len(checks) != len(ids):
        unknown = sorted(set(ids) - {c.id for c in checks})
        raise ValueError(f"{exercise} has no check {', '.join(unknown)}; its checks: {', '.join(c.id for c in spec.checks)}")
    cells = kernel_cells(namespace)
    fingerprint = hashlib.sha256("\0".join(code for _, code in cells).encode()).hexdigest() if cells is not None else ""
    source, starts = _joined(cells) if cells is not None else (_file_source(namespace), [])
    key = Path(f"<{DISPLAY}: {exercise}>")
    learner = Learner(exercise, key, InProcessRunner(modules={key: _module(exercise, namespace)}), display=DISPLAY,
                      source=source)
    results = []
    with quiet():
        for c in checks:
            memo = (id(namespace), exercise, c.id, fingerprint)
            result = _RESULTS.get(memo) if fingerprint else None
            result = result or _in_cells(engine.run_check(c, learner, engine.DEFAULT_TIME_LIMIT), starts)
            if fingerprint:
                _RESULTS[memo] = result
            results.append(result)
    return results


def _joined(cells: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The cells' code as one source, and (first line, execution number) of each cell in it."""
    text, starts = "", []
    for number, code in cells:
        text += "\n\n" if text else ""
        starts.append((text.count("\n") + 1, number))
        text += code
    return text, starts


def _in_cells(result: "Result", starts: list[tuple[int, int]]) -> "Result":
    """Lines of the joined cells that a from-scratch message names, as cells: "In [3] line 2"."""
    if not starts or result.passed or not result.got:
        return result

    def cell_line(match: re.Match) -> str:
        line = int(match[1])
        first, number = max((s for s in starts if s[0] <= line), default=starts[0])
        return f"In [{number}] line {line - first + 1}:"

    return replace(result, got=re.sub(r"\bline (\d+):", cell_line, result.got))


def _module(exercise: str, namespace: dict) -> types.ModuleType:
    """The namespace as a module, for the probes: a snapshot of the names defined right now."""
    module = types.ModuleType(f"_notebook_{exercise}")
    module.__dict__.update(namespace)
    module.__file__ = f"<{DISPLAY}>"
    module.__display__ = DISPLAY  # type: ignore[attr-defined]
    # A name the kernel lacks is in a cell not run yet (or not run since a restart), not missing from the file.
    module.__undefined__ = UNDEFINED  # type: ignore[attr-defined]
    return module


def kernel_cells(namespace: dict) -> list[tuple[int, str]] | None:
    """(execution number, code) of the cells run in this kernel, in order (IPython's `In`), leaving out
    cells that only call the grader and cells that do not parse; None outside IPython."""
    history = namespace.get("In")
    if not isinstance(history, list):
        return None
    cells = []
    for number, code in enumerate(history):
        if not isinstance(code, str) or not code.strip():
            continue
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        if not _only_calls_the_grader(tree):
            cells.append((number, code))
    return cells


def _only_calls_the_grader(tree: ast.Module) -> bool:
    def grader_statement(node: ast.stmt) -> bool:
        if isinstance(node, ast.ImportFrom):
            return (node.module or "").split(".")[0] == "grader"
        if isinstance(node, ast.Import):
            return all(a.name.split(".")[0] == "grader" for a in node.names)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            return (func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)) in GRADER_CALLS
        return False

    return bool(tree.body) and all(grader_statement(node) for node in tree.body)


def _file_source(namespace: dict) -> str:
    """Outside IPython (a script calling check()), the script's own file."""
    path = namespace.get("__file__")
    try:
        return Path(path).read_text(encoding="utf-8") if path else ""
    except OSError:
        return ""


@contextmanager
def quiet() -> Iterator[None]:
    """Keep everything written while inside out of the output: Python's streams, warnings, and what C
    code writes to file descriptors 1 and 2 (which Jupyter kernels forward to the notebook too)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    with tempfile.TemporaryFile() as sink, warnings.catch_warnings(record=True), \
            redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        warnings.simplefilter("always")  # recorded and dropped; "always" keeps the once-only registry untouched
        saved = _redirect_descriptors(sink.fileno())
        try:
            yield
        finally:
            for fd, copy in saved.items():
                os.dup2(copy, fd)
                os.close(copy)


def _redirect_descriptors(target: int) -> dict[int, int]:
    saved = {}
    for fd in (1, 2):
        try:
            saved[fd] = os.dup(fd)
        except OSError:  # not open in this process: nothing to redirect
            continue
        os.dup2(target, fd)
    return saved


# --- what check() and hint() show -----------------------------------------------------------------

@dataclass
class CheckReport:
    """The results of `check(...)`: a table in Jupyter (`_repr_html_`), the terminal's report elsewhere."""

    exercise: str
    results: list["Result"]

    @property
    def points(self) -> int:
        return sum(r.points for r in self.results)

    @property
    def max_points(self) -> int:
        return sum(r.max_points for r in self.results)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def __repr__(self) -> str:
        from grader import render

        lines = render.report_lines(self.results)
        return "\n".join(lines + ([] if self.passed else [f'Stuck? hint("{self.exercise[:4]}")']))

    def _repr_html_(self) -> str:
        """A table: the check's name and points, then the smallest failing input, expected and got,
        with the room they need; under a failure, its other lines. Text wraps only between words."""
        from grader import hints

        e = html.escape
        rows = []
        for r in self.results:
            mark = f'<span style="color:{OK if r.passed else BAD}">{"✓" if r.passed else "✗"}</span>'
            cells = [f"{mark} <code>{_breakable(r.check)}</code>", f"{r.points}/{r.max_points}",
                     *(_pre(x) for x in (r.call, r.expected, r.got))]
            rows.append("<tr>" + "".join(f"<td style='{CELL}'>{c}</td>" for c in cells) + "</tr>")
            notes = [r.says, r.detail, r.output and "printed: " + r.output,
                     r.misconception and f"misconception: {r.misconception.name}. {r.misconception.why}",
                     r.hint and "hint: " + r.hint] if not r.passed else []
            if any(notes):
                text = "".join(f"<div style='{HANGING}'>{e(n)}</div>" for n in notes if n)
                rows.append(f"<tr><td></td><td colspan='4' style='{CELL}'>{text}</td></tr>")
        columns = "".join(f"<col style='width:{w}'>" for w in ("20%", "8%", "24%", "24%", "24%"))
        head = "".join(f"<th style='{CELL};white-space:nowrap'>{h}</th>" for h in ("check", "points",
                                                                                     "smallest failing input",
                                                                                     "expected", "got"))
        title = f"{e(self.exercise)}: {e(hints.title(self.exercise))} &mdash; {self.points}/{self.max_points} points"
        after = "" if self.passed else f'<p>Stuck? <code>hint("{e(self.exercise[:4])}")</code></p>'
        return (f"<p><b>{title}</b></p><table style='table-layout:fixed;width:100%'><colgroup>{columns}</colgroup>"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{after}")


OK, BAD = "#1a7f37", "#cf222e"
CELL = "text-align:left;vertical-align:top;overflow-wrap:break-word"
# A long line wraps with its continuation indented; JupyterLab's own CSS for <pre> in outputs breaks
# words anywhere (word-break: break-all), which an inline style overrides.
HANGING = "padding-left:2em;text-indent:-2em;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word"


def _breakable(name: str) -> str:
    """A check id that may wrap after its dots and underscores, never inside a word."""
    return "".join(html.escape(c) + ("<wbr>" if c in "._" else "") for c in name)


def _pre(text: str | None) -> str:
    style = "margin:0;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word"
    return f"<pre style='{style}'>{html.escape(text)}</pre>" if text else ""


@dataclass
class Hints:
    exercise: str
    title: str
    hints: list[str]

    def __repr__(self) -> str:
        return "\n".join([f"{self.exercise}: {self.title}"] + [f"  {i}. {h}" for i, h in enumerate(self.hints, 1)])

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{_inline_code(h)}</li>" for h in self.hints)
        return f"<p><b>{html.escape(self.exercise)}: {html.escape(self.title)}</b></p><ol>{items}</ol>"


def _inline_code(text: str) -> str:
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))
