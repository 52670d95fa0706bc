"""The notebooks under real kernels, and a real nbgrader course round trip.

Every generated notebook runs with its solutions under a kernel (nbclient): every check passes and
nothing reaches stderr. A temporary course (ex01 and ex03: a pure Python and a torch notebook; ex12-ex14:
the exercises whose checks call learner code through probes with callbacks, many seeds and statistics)
goes through generate_assignment, submissions, autograde and export:
  - a perfect copy gets full marks (every exercise), an untouched release 0 (ex01, ex03; the stubs of
    every exercise score 0 in tests/test_maintainer.py);
  - a wrong `dot` (zip truncating) loses exactly the points of the dot checks it fails (ex01, ex03);
  - the same with its grade cells replaced by `pass` scores the same: nbgrader restores them;
  - an ex06 whose softmax calls a log_softmax defined further down, and whose binary_cross_entropy cell
    starts a thread on import, loses softmax's checks and the from-scratch checks below that cell, no others;
  - `python -m grader grade` on submitted/ gives the same points, check by check: it too runs each check
    on the cells above its grade cell.
These start kernels, so they are the slow tests (about a minute and a half on two cores).
"""
from __future__ import annotations

import asyncio
import json
import os
import sys

import pytest

pytest.importorskip("nbgrader")
pytest.importorskip("nbclient")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

import course_tools as tools  # noqa: E402
from confinement_tools import require_confinement  # noqa: E402
from grader.course import ROOT  # noqa: E402
from grader import engine, notebook_build  # noqa: E402
from grader.course import all_exercises  # noqa: E402

ROUND_TRIP = ["ex01_dot", "ex03_embedding", "ex12_ensembles", "ex13_cold_start", "ex14_feedback_loop"]
EDITED = ["ex01_dot", "ex03_embedding"]  # what the other students submit (each notebook costs a kernel)
WRONG_DOT = "def dot(u, v):\n    return sum(a * b for a, b in zip(u, v))\n"
ORDER = "ex06_cross_entropy"  # what the out_of_order student submits
OUT_OF_ORDER_LOSES = ["softmax.matches_reference", "softmax.last_dimension", "softmax.stable_for_large_logits",
                      "softmax.from_scratch", "binary_cross_entropy.from_scratch", "multi_target_loss.from_scratch"]
STUDENTS = ["perfect", "untouched", "wrong_dot", "gutted", "out_of_order"]
SUBMITS = {"perfect": ROUND_TRIP, "untouched": EDITED, "wrong_dot": EDITED, "gutted": EDITED, "out_of_order": [ORDER]}


def grade_id(check_id: str) -> str:
    return "check-" + check_id.replace(".", "-")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    tools.make_course(course, [*ROUND_TRIP, ORDER])
    release, answers = tools.released(course, ORDER), tools.solutions(course, ORDER)
    tools.submit(course, "out_of_order", ORDER, notebook_build.submission(release, tools.out_of_order_answers(answers)))
    for exercise in ROUND_TRIP:
        release, answers = tools.released(course, exercise), tools.solutions(course, exercise)
        wrong = {**answers, "solution-dot": WRONG_DOT} if exercise == "ex01_dot" else answers
        gutted = notebook_build.submission(release, wrong)
        for cell in gutted.cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                cell.source = "pass"
        tools.submit(course, "perfect", exercise, notebook_build.submission(release, answers))
        if exercise in EDITED:
            tools.submit(course, "untouched", exercise, release)
            tools.submit(course, "wrong_dot", exercise, notebook_build.submission(release, wrong))
            tools.submit(course, "gutted", exercise, gutted)
    tools.nbgrader(course, "autograde", notebook_build.ASSIGNMENT)
    return course


def wrong_dot_results() -> list[engine.Result]:
    """What the grader says of the wrong dot, as a file: the checks it must lose, and no others."""
    path = ROOT / "tests" / "corpus" / "ex01_dot" / "wrong_zip_truncates.py"
    assert WRONG_DOT.strip() in path.read_text()
    return engine.run_exercise(all_exercises()["ex01_dot"], path)


def test_generate_assignment_gives_the_learners_notebooks(course, fresh_build):
    for exercise in ROUND_TRIP:
        ours = nbformat.read(fresh_build / "notebooks" / f"{exercise}.ipynb", as_version=4)
        theirs = tools.released(course, exercise)
        assert [(c.id, c.cell_type, c.source) for c in ours.cells] == [(c.id, c.cell_type, c.source) for c in theirs.cells]
        for mine, nbgraders in zip(ours.cells, theirs.cells):
            flags = {k: v for k, v in nbgraders.metadata.get("nbgrader", {}).items() if k not in ("checksum", "cell_type")}
            assert mine.metadata.get("nbgrader", {}) == flags
            assert {k: v for k, v in mine.metadata.items() if k != "nbgrader"} == \
                   {k: v for k, v in nbgraders.metadata.items() if k != "nbgrader"}


def test_autograde_and_export(course):
    most = {student: sum(all_exercises()[e].max_points for e in SUBMITS[student]) for student in STUDENTS}
    lost = [r for r in wrong_dot_results() if not r.passed]
    assert lost and all(r.check.startswith("dot.") for r in lost)
    order = {c.id: c.points for c in all_exercises()[ORDER].checks}
    expected = {"perfect": most["perfect"], "untouched": 0, "wrong_dot": most["wrong_dot"] - sum(r.max_points for r in lost),
                "gutted": most["gutted"] - sum(r.max_points for r in lost),
                "out_of_order": most["out_of_order"] - sum(order[c] for c in OUT_OF_ORDER_LOSES)}
    assert tools.exported_totals(course) == expected
    scores = tools.cell_scores(course, "out_of_order", ORDER)
    assert {g for g, (score, most) in scores.items() if score < most} == {grade_id(c) for c in OUT_OF_ORDER_LOSES}
    for student in ("wrong_dot", "gutted"):  # cell by cell: exactly the checks the grader fails
        scores = tools.cell_scores(course, student, "ex01_dot")
        assert {g for g, (score, most) in scores.items() if score < most} == {grade_id(r.check) for r in lost}
        for exercise in SUBMITS[student]:
            autograded = tools.read(course / "autograded" / student / "lesson7" / f"{exercise}.ipynb")
            assert all(c.source != "pass" for c in autograded.cells), "nbgrader put the grade cells back"
            # the failing cells carry raises-exception (for Run All), and nbgrader scored them 0 all the same
            assert all("raises-exception" in c.metadata.get("tags", []) for c in autograded.cells
                       if c.metadata.get("nbgrader", {}).get("grade"))


def test_grader_grade_on_submitted_agrees(course, tmp_path):
    rows = tools.grader_grade(course / "submitted", tmp_path / "grades")
    ours = tools.totals(rows)
    assert {s: ours.get(s, 0.0) for s in STUDENTS} == tools.exported_totals(course)
    for student in STUDENTS:
        for exercise in SUBMITS[student]:
            nbgraders = {g: score for g, (score, _) in tools.cell_scores(course, student, exercise).items()}
            graders = {grade_id(r["check"]): float(r["points"]) for r in rows
                       if r["student"] == student and r["exercise"] == exercise}
            assert graders == nbgraders, (student, exercise)


CHEAT = ("import grader.notebook\n"
         "grader.notebook.grade = lambda *args, **kwargs: print('✓ passes')\n"
         "def dot(u, v):\n    return 0\n")


def test_confined_scores_replace_nbgraders_advisory_ones(course, tmp_path):
    """A solution cell that replaces `grade` passes every grade cell under autograde; `grade --nbgrader`
    writes the confined score into nbgrader's gradebook, and `nbgrader export` shows the truth. A student
    nbgrader never saw (handed in after autograde) is created."""
    import shutil

    copy = tmp_path / "course"
    shutil.copytree(course, copy)
    release, answers = tools.released(copy, "ex01_dot"), tools.solutions(copy, "ex01_dot")
    tools.submit(copy, "cheat", "ex01_dot", notebook_build.submission(release, {**answers, "solution-dot": CHEAT}))
    tools.nbgrader(copy, "autograde", notebook_build.ASSIGNMENT, "--student", "cheat")
    tools.submit(copy, "late", "ex01_dot", notebook_build.submission(release, answers))
    full = all_exercises()["ex01_dot"].max_points
    assert tools.exported_totals(copy)["cheat"] == full  # nbgrader's own score is advisory
    require_confinement()
    done = tools.run(ROOT, sys.executable, "-m", "grader", "grade", str(copy / "submitted"), "--out", str(tmp_path / "out"),
                     "--nbgrader", str(copy))
    assert "grade cells of" in done.stdout
    totals = tools.exported_totals(copy)
    assert totals["cheat"] < full and totals["late"] == full and \
        totals["perfect"] == sum(all_exercises()[e].max_points for e in SUBMITS["perfect"])
    assert tools.cell_scores(copy, "cheat", "ex01_dot")[grade_id("dot.matches_reference")][0] == 0


async def _execute_all(notebooks: dict, workers: int) -> None:
    gate = asyncio.Semaphore(workers)

    async def execute(notebook) -> None:
        async with gate:
            await NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True).async_execute()

    await asyncio.gather(*(execute(nb) for nb in notebooks.values()))


def test_a_wrong_answer_runs_to_the_summary_without_allow_errors(fresh_build, monkeypatch):
    """Like JupyterLab's Run All: a failing check cell raises (its error output is what nbgrader scores
    0), and execution goes on to the last cell, the summary table."""
    for key, value in tools.environment().items():
        monkeypatch.setenv(key, value)
    notebook = nbformat.read(fresh_build / "notebooks" / "ex01_dot.ipynb", as_version=4)
    notebook = notebook_build.submission(notebook, {"solution-dot": WRONG_DOT})
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()  # allow_errors is False
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.cells}
    errors = [o for o in by_id[grade_id("dot.unequal_lengths")].outputs if o.output_type == "error"]
    assert errors and errors[0].ename == "CheckFailed" and "raises ValueError" in "\n".join(errors[0].traceback)
    assert not [o for o in by_id[grade_id("dot.empty")].outputs if o.output_type == "error"]
    summary = notebook.cells[-1].outputs[0].data["text/html"]
    assert "dot.<wbr>unequal_<wbr>lengths" in summary and "4/5 points" in summary


def test_every_notebook_runs_clean_under_a_kernel(monkeypatch):
    for key, value in tools.environment().items():
        monkeypatch.setenv(key, value)
    notebooks = notebook_build.source_notebooks(ROOT)
    asyncio.run(_execute_all(notebooks, workers=min(2, os.cpu_count() or 1)))
    for exercise, notebook in notebooks.items():
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            where = f"{exercise} cell {cell.id}"
            assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"], \
                f"{where}: {json.dumps(cell.outputs)[:2000]}"
            if cell.metadata.get("nbgrader", {}).get("grade"):  # just the line saying it passed
                assert {(o.output_type, o.name) for o in cell.outputs} == {("stream", "stdout")}, where
                assert "".join(o.text for o in cell.outputs).startswith("✓ "), where
        summary = notebook.cells[-1].outputs
        assert summary and "text/html" in summary[0].data and "✗" not in summary[0].data["text/html"]
