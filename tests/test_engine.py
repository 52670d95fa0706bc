"""The engine's promises: clear messages for broken files, time limits, trusted comparisons,
inputs the learner cannot spoil, and the same verdict on every run."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from grader.course import ROOT

GOOD_DOT = "def dot(u, v):\n    if len(u) != len(v):\n        raise ValueError\n    return sum(a * b for a, b in zip(u, v))\n"


def test_syntax_error_is_one_clear_message_per_check(grade_source):
    results = grade_source("ex01_dot", "def dot(u, v)\n    return 0\n")
    for r in results.values():
        assert not r.passed and "has a syntax error at line 1" in r.message and "Traceback" not in r.message


def test_import_time_error_and_sys_exit_are_reported(grade_source):
    results = grade_source("ex01_dot", "import sys\nsys.exit(3)\n")
    assert all("called sys.exit(3) while being imported" in r.message for r in results.values())
    results = grade_source("ex01_dot", "x = 1 / 0\n")
    assert all("raised ZeroDivisionError while being imported (line 1)" in r.message for r in results.values())


def test_missing_name_is_named(grade_source):
    results = grade_source("ex01_dot", "def dott(u, v):\n    return 0\n")
    assert all("`dot` is not defined in" in r.message and r.message.count("ex01_dot.py") for r in results.values())


def test_infinite_loop_fails_the_check_within_its_time_limit(grade_source):
    start = time.perf_counter()
    results = grade_source("ex01_dot", "def dot(u, v):\n    while True:\n        pass\n",
                           only=["dot.matches_reference", "dot.empty"], time_limit=0.5)
    assert time.perf_counter() - start < 5
    for r in results.values():
        assert not r.passed and "took longer than 0.5 s" in r.message and "dot(" in r.message


def test_a_loop_that_swallows_the_interrupt_still_stops(grade_source):
    # Ten interrupts swallowed: without the alarm firing again, the second `while True` would never end.
    source = "def dot(u, v):\n    for _ in range(10):\n        try:\n            while True:\n                pass\n" \
             "        except BaseException:\n            pass\n    return 0\n"
    start = time.perf_counter()
    results = grade_source("ex01_dot", source, only=["dot.empty"], time_limit=0.3)
    assert "took longer than" in results["dot.empty"].message and time.perf_counter() - start < 30


def test_lying_result_objects_score_nothing(grade_source):
    source = ("class Liar(float):\n    def __eq__(self, other):\n        return True\n    __hash__ = float.__hash__\n"
              "class Anything:\n    def __eq__(self, other):\n        return True\n    def __float__(self):\n        return 32.0\n"
              "def dot(u, v):\n    if len(u) != len(v):\n        raise ValueError\n    return Anything() if u else Liar(1.5)\n")
    results = grade_source("ex01_dot", source, only=["dot.matches_reference", "dot.empty"])
    assert "an object of type" in results["dot.matches_reference"].message
    assert not results["dot.empty"].passed and "1.5" in results["dot.empty"].message


def test_learner_cannot_spoil_the_inputs_the_reference_sees(grade_source):
    source = GOOD_DOT.replace("    return sum", "    result = sum").rstrip() + "\n    u.clear() if isinstance(u, list) else None\n    return result\n"
    assert grade_source("ex01_dot", source, only=["dot.matches_reference"])["dot.matches_reference"].passed


def test_printing_floods_cost_nothing_and_are_quoted(grade_source):
    source = "def dot(u, v):\n    print('x' * 10_000_000)\n    return -1\n"
    start = time.perf_counter()
    result = grade_source("ex01_dot", source, only=["dot.matches_reference"])["dot.matches_reference"]
    assert time.perf_counter() - start < 5 and "printed:" in result.message and len(result.message) < 3000


def test_two_runs_give_identical_json(tmp_path):
    folder = tmp_path / "learner"
    folder.mkdir()
    (folder / "ex01_dot.py").write_text("def dot(u, v):\n    return sum(a * b for a, b in zip(u, v[1:] + v[:1]))\n")
    (folder / "ex02_crosstab.py").write_text((ROOT / "tests/corpus/ex02_crosstab/wrong_counts.py").read_text()
                                             .replace("def ratings", "import pandas as pd\ndef ratings"))
    outputs = []
    for run in range(2):
        out = tmp_path / f"run{run}.json"
        subprocess.run([sys.executable, "-m", "grader", "check", "ex01", "ex02", "--path", str(folder), "--json", str(out)],
                       cwd=tmp_path, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and b'"passed": false' in outputs[0]


def test_a_learner_can_be_a_module_already_in_memory_with_its_source_given():
    # A notebook kernel's namespace: the functions are objects, the code to scan comes from its cells.
    import types
    from pathlib import Path

    from grader import course, engine
    from grader.learner import InProcessRunner, Learner

    source = "import numpy as np\n\ndef dot(u, v):\n    if len(u) != len(v):\n        raise ValueError\n" \
             "    return sum(a * b for a, b in zip(u, v))\n"
    module = types.ModuleType("kernel")
    exec(compile(source, "<cell>", "exec"), module.__dict__)
    key = Path("<kernel>")
    learner = Learner("ex01_dot", key, InProcessRunner(modules={key: module}), display="this notebook", source=source)
    results = {c.id: engine.run_check(c, learner) for c in course.all_exercises()["ex01_dot"].checks}
    assert results["dot.matches_reference"].passed
    scratch = results["dot.from_scratch"]
    assert not scratch.passed and "this notebook line 1: imports numpy" in scratch.message


def test_a_notebooks_check_cells_are_not_part_of_the_learners_code(tmp_path):
    import json

    from grader import course, engine
    from grader.loading import read_source

    def cell(source, **metadata):
        return {"cell_type": "code", "metadata": metadata, "source": source, "outputs": [], "execution_count": None}

    nbgrader = lambda **flags: {"schema_version": 3, "grade": False, "solution": False, "locked": False, **flags}  # noqa: E731
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# dot"},
        cell("%matplotlib inline\nSCALE = 1\n"),
        cell(["def dot(u, v):\n", GOOD_DOT.split("\n", 1)[1]], nbgrader=nbgrader(solution=True, grade_id="dot")),
        cell("raise RuntimeError('grade cell')\n", nbgrader=nbgrader(grade=True, locked=True, grade_id="g", points=1)),
        cell("raise RuntimeError('gutted grade cell')\n", nbgrader=nbgrader(grade=True, grade_id="h", points=1)),
        cell("raise RuntimeError('summary')\n", lesson7={"check": True}),
        cell("ANSWER = 'kept'\n", nbgrader=nbgrader(grade=True, solution=True, grade_id="a", points=1)),
    ]
    path = tmp_path / "ex01_dot.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    source = read_source(path)
    assert "RuntimeError" not in source and "def dot" in source and "SCALE = 1" in source and "ANSWER" in source
    results = engine.run_exercise(course.all_exercises()["ex01_dot"], path)
    assert all(r.passed for r in results), [r.message for r in results if not r.passed]


def test_a_failing_notebook_cell_costs_only_its_own_answers(tmp_path):
    """As under nbgrader's kernel: a cell that raises is reported, and the cells after it still run."""
    import nbformat

    from grader import course, engine

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import missing_module_xyz"),
                      nbformat.v4.new_code_cell((ROOT / "solutions" / "ex01_dot.py").read_text()),
                      nbformat.v4.new_code_cell("def broken(:\n    pass")]
    path = tmp_path / "ex01_dot.ipynb"
    nbformat.write(notebook, path)
    results = engine.run_exercise(course.all_exercises()["ex01_dot"], path)
    assert all(r.passed for r in results), [r.message for r in results]
    notebook.cells = notebook.cells[:1]
    nbformat.write(notebook, path)
    message = engine.run_exercise(course.all_exercises()["ex01_dot"], path)[0].message
    assert "`dot` is not defined" in message and "code cell 1 raised ModuleNotFoundError" in message


def test_a_notebooks_check_sees_only_the_cells_above_its_grade_cell(tmp_path):
    """As under nbgrader: a name defined in a cell below a check's grade cell is not defined for that check,
    and a thread started below does not count against the from-scratch checks above."""
    import nbformat

    from course_tools import out_of_order_answers
    from grader import course, engine, notebook_build
    from grader.learner import InProcessRunner, Learner

    exercise = course.all_exercises()["ex06_cross_entropy"]
    notebook = notebook_build.source_notebooks(ROOT, [exercise.name])[exercise.name]  # not notebooks/: the learner's
    path = tmp_path / f"{exercise.name}.ipynb"
    nbformat.write(notebook_build.submission(notebook, out_of_order_answers(notebook_build.solutions_of(notebook))), path)
    results = {r.check: r for r in engine.run_exercise(exercise, path)}
    softmax = {c.id for c in exercise.checks if c.name == "softmax"}
    assert {check for check, r in results.items() if not r.passed} == \
        softmax | {"binary_cross_entropy.from_scratch", "multi_target_loss.from_scratch"}
    assert all("name 'log_softmax' is not defined (a cell below this check's cell defines it" in results[c].message
               for c in softmax)
    assert "thread started earlier" in results["multi_target_loss.from_scratch"].message
    # A check further up after one further down (a learner who moved a grade cell): a fresh module, only the cells above.
    learner = Learner(exercise.name, path, InProcessRunner())
    checks = {c.id: c for c in exercise.checks}
    assert not engine.run_check(checks["binary_cross_entropy.from_scratch"], learner).passed
    assert engine.run_check(checks["log_softmax.from_scratch"], learner).passed


DRAWN_INPUTS = """
import json, sys, types
from pathlib import Path
if len(sys.argv) > 2:
    sys.path.insert(0, sys.argv[2])
    import odd_constants  # noqa: F401 - a module hypothesis counts as local: its constants would join the draws
from grader import course, engine
from grader.learner import InProcessRunner
seen = []
def dot(u, v):
    seen.append([list(u), list(v)])
    if len(u) != len(v):
        raise ValueError("lengths")
    return sum(a * b for a, b in zip(u, v))
module = types.ModuleType("recorder")
module.dot = dot
path = Path(sys.argv[1])
path.write_text("")
engine.run_exercise(course.all_exercises()["ex01_dot"], path, runner=InProcessRunner(modules={path: module}),
                    only={"dot.matches_reference", "dot.unequal_lengths"})
print(json.dumps(seen))
"""


def test_loaded_modules_do_not_change_the_inputs_drawn(tmp_path):
    """Hypothesis mixes constants from "local" modules into its draws; a learner's file is one in
    self-check and never in grading, so without care check and grade would draw different inputs."""
    (tmp_path / "odd_constants.py").write_text("\n".join(f"C{i} = {v!r}" for i, v in
                                                         enumerate([*range(-8, 22), *(i / 8 for i in range(-40, 40))])))
    runs = [subprocess.run([sys.executable, "-c", DRAWN_INPUTS, str(tmp_path / "f.py"), *extra], capture_output=True,
                           text=True, cwd=ROOT, timeout=300) for extra in ([], [str(tmp_path)])]
    assert all(r.returncode == 0 for r in runs), runs[1].stderr[-2000:]
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
