"""Answers stay in solutions/: solution notes and solution blocks never reach a stub or a notebook, and
what the stubs do show (docstrings, TODO lines, the notebooks' prose) describes the task, not its answer.

Everything here is built fresh from solutions/ in memory, never read from exercises/ or notebooks/,
which are the learner's working copies."""
from __future__ import annotations

import ast
import re

import pytest

from grader.course import ROOT
from grader import course, notebook_build, specs
from grader.build import stub_source
from grader.markers import NOTES_BEGIN, NOTES_END, without_notes

EXERCISES = course.names()
ANSWER_MARK = re.compile(r"(Question \d+|Further Research \d) answered")


def solution(exercise: str) -> str:
    return (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")


def notes_of(source: str) -> str:
    """The text of every notes block, markers excluded."""
    return "\n".join(re.findall(rf"^[ \t]*{NOTES_BEGIN}\n(.*?)^[ \t]*{NOTES_END}$", source, flags=re.M | re.S))


def views(exercise: str, instructor: bool = False) -> dict[str, str]:
    """What a learner sees of an exercise: the stub, and the text of the notebook's cells; with
    `instructor`, the nbgrader source notebook too (solutions in place, but never the notes).

    Grade cells are left out: their first line is the check's statement from grader/specs."""
    text = solution(exercise)
    shown = {"stub": stub_source(text, exercise)}
    source_nb = notebook_build.source_notebook(exercise, text)
    notebooks = [("learner notebook", notebook_build.release(source_nb))]
    if instructor:
        notebooks.append(("source notebook", source_nb))
    for form, notebook in notebooks:
        cells = [c for c in notebook.cells if not c.metadata.get("nbgrader", {}).get("grade")]
        shown[form] = "\n".join(c.source for c in cells)
    return shown


# --- the mechanism -------------------------------------------------------------------------------

NOTED = f'''"""Exercise 99: a task.

What to do.

{NOTES_BEGIN}
Question 1 answered: the answer.
{NOTES_END}
"""


def f(x):
    """Double x.

    {NOTES_BEGIN}
    It is 2 * x.
    {NOTES_END}
    """
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION
'''


def test_without_notes_drops_each_block_and_the_blank_line_before_it():
    stripped = without_notes(NOTED)
    assert "answer" not in stripped and "2 * x" not in stripped.split("### BEGIN SOLUTION")[0]
    assert NOTES_BEGIN not in stripped and NOTES_END not in stripped
    assert ast.get_docstring(ast.parse(stripped)) == "Exercise 99: a task.\n\nWhat to do."
    function = ast.parse(stripped).body[1]
    assert ast.get_docstring(function).strip() == "Double x."
    assert without_notes(stripped) == stripped  # nothing else changes


@pytest.mark.parametrize("broken, says", [
    (f"{NOTES_BEGIN}\ntext\n", "never closed"),
    (f"text\n{NOTES_END}\n", "without"),
    (f"{NOTES_BEGIN}\n{NOTES_BEGIN}\n{NOTES_END}\n", "inside other notes"),
])
def test_unbalanced_notes_markers_are_an_error(broken, says):
    with pytest.raises(ValueError, match=says):
        without_notes(broken, "ex99")


def test_a_stub_keeps_the_task_and_loses_the_notes_and_the_solution():
    stub = stub_source(NOTED, "ex99_task")
    assert "What to do." in stub and "Double x." in stub and "raise NotImplementedError" in stub
    assert "answer" not in stub and "2 * x" not in stub and NOTES_BEGIN not in stub


# --- the real exercises ---------------------------------------------------------------------------

@pytest.mark.parametrize("exercise", EXERCISES)
def test_no_notes_line_reaches_a_stub_or_a_notebook(exercise):
    notes = notes_of(solution(exercise))
    lines = [line.strip() for line in notes.splitlines() if len(line.strip()) >= 25]
    for form, text in views(exercise, instructor=True).items():
        assert NOTES_BEGIN not in text and NOTES_END not in text, form
        assert not ANSWER_MARK.search(text), f"{form}: {ANSWER_MARK.search(text).group()}"
        leaked = [line for line in lines if line in text]
        assert not leaked, f"{form} shows solution notes: {leaked[:3]}"


def _returned(source: str) -> list[str]:
    """The expressions that the solution blocks return, without spaces: the answers themselves."""
    tree = ast.parse(source)
    lines = source.splitlines()
    blocks = [i for i, line in enumerate(lines, 1) if line.strip() in ("### BEGIN SOLUTION", "### END SOLUTION")]
    spans = list(zip(blocks[::2], blocks[1::2]))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and node.value is not None and any(s < node.lineno < e for s, e in spans):
            if all(isinstance(n, (ast.Name, ast.Tuple, ast.Load)) for n in ast.walk(node.value)):
                continue  # `return lowest, highest` names the result, it does not compute it
            found.append(re.sub(r"\s", "", ast.unparse(node.value)))
    return found


def given_away(exercise: str, text: str) -> list[str]:
    """The returned expressions of the exercise's solution that `text` spells out."""
    flat = re.sub(r"\s", "", text).replace("`", "")
    return [a for a in _returned(solution(exercise)) if len(a) >= 10 and a in flat]


def test_the_returned_answer_check_catches_the_old_ex05_todo():
    # The TODO line issue 10 found: this is what the check below must refuse.
    assert given_away("ex05_weight_decay", "# TODO: return the gradient of wd * (param ** 2).sum(): 2 * wd * param")
    assert not given_away("ex05_weight_decay", "# TODO: the gradient of l2_penalty([param], wd), by hand")


@pytest.mark.parametrize("exercise", EXERCISES)
def test_what_a_learner_sees_never_contains_a_returned_answer(exercise):
    # A docstring, a TODO line or the notebook's prose that spells out what the solution returns
    # (`2 * wd * param`, `min(600, round(1.6 * n ** 0.56))`) has given the exercise away.
    for form, text in views(exercise).items():
        assert not given_away(exercise, text), f"{form} gives the answer away: {given_away(exercise, text)}"


def test_the_answers_the_review_found_are_gone_from_stubs_notebooks_and_readme():
    # issue 10: the weight-decay gradient in ex05's TODO, docstring and README row, and ex06's max shift.
    readme_rows = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("| `ex")]
    for form, text in views("ex05_weight_decay").items():
        assert "2 * wd" not in text and "2*wd" not in text, form
    assert not [row for row in readme_rows if "2 * wd" in row or "1.6 * n" in row or "(high - low)" in row]
    for form, text in views("ex06_cross_entropy").items():
        assert "largest logit" not in text and "amax" not in text and "max(x, 0)" not in text, form
