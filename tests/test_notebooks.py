"""The lesson notebooks and the nbgrader course, without starting a kernel: how they are cut from the
solutions, their nbgrader metadata and points, the learner's copies in notebooks/, and the grader as
a notebook calls it (`check`, `hint`, `grade`) on an in-memory namespace."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings

import nbformat
import pytest

from grader.course import ROOT
from grader import course, engine, hints, notebook_build
from grader.build import main as build_main
from grader.markers import BEGIN
from grader.loading import is_check_cell, read_source
from grader.notebook import CheckFailed, check, grade, hint, kernel_cells

EXERCISES = course.names()
SOURCES = notebook_build.source_notebooks(ROOT)


def solution_namespace(exercise: str) -> dict:
    namespace: dict = {}
    exec(compile((ROOT / "solutions" / f"{exercise}.py").read_text(), f"{exercise}.py", "exec"), namespace)
    return namespace


def grade_cells(notebook) -> list:
    return [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_cutting_a_solution_into_cells_loses_no_line(exercise):
    source = (ROOT / "solutions" / f"{exercise}.py").read_text()
    docstring, parts = notebook_build.split_solution(source)
    assert docstring and parts[0].kind == "setup"
    cut = [line for part in parts for line in part.code.splitlines() if line.strip()]
    kept = [line for line in source.split('"""', 2)[2].splitlines() if line.strip()]
    if 'if __name__ == "__main__":' in kept and cut != kept:  # a script's entry point (outside solution blocks)
        kept = kept[: kept.index('if __name__ == "__main__":')]
    assert cut == kept
    for part in parts:  # a solution block never straddles two cells
        assert part.code.count(BEGIN) == part.code.count("### END SOLUTION")


SHAPES = '''"""Exercise 9: shapes. question 1"""
import torch

SIZE = 3

### BEGIN SOLUTION
def _double(x):
    return 2 * x
### END SOLUTION


# A comment about area.
@staticmethod
def area(x):
    """The area."""
    ### BEGIN SOLUTION
    return _double(x)
    ### END SOLUTION


### BEGIN SOLUTION
def _demo():
    print(area(2))


if __name__ == "__main__":
    _demo()
### END SOLUTION


if __name__ == "__main__":
    print(area(1))
'''


def test_module_level_blocks_and_script_entry_points():
    docstring, parts = notebook_build.split_solution(SHAPES)
    assert docstring == "Exercise 9: shapes. question 1"
    assert [(p.kind, p.name) for p in parts] == [("setup", None), ("helper", None), ("definition", "area"), ("helper", None)]
    assert parts[0].code == "import torch\n\nSIZE = 3"
    assert parts[2].code.startswith("# A comment about area.\n@staticmethod\ndef area(x):")
    assert parts[2].code.endswith("    ### END SOLUTION") and "print(area(1))" not in "".join(p.code for p in parts)
    kept = notebook_build.needed_helpers(parts)  # the demo goes (the stub drops it too), the helper stays
    assert [p.kind for p in kept] == ["setup", "helper", "definition"] and "_double" in kept[1].code


@pytest.mark.parametrize("exercise", EXERCISES)
def test_one_grade_cell_per_check_worth_its_points(exercise):
    notebook, spec = SOURCES[exercise], course.all_exercises()[exercise]
    cells = grade_cells(notebook)
    called = {c.source.rsplit('"', 2)[-2]: c.metadata["nbgrader"]["points"] for c in cells}  # grade("exNN", "<id>")
    assert len(called) == len(cells) and called == {c.id: c.points for c in spec.checks}
    for cell in cells:
        assert cell.metadata["nbgrader"]["locked"] and not cell.metadata["nbgrader"]["solution"]
        assert cell.metadata["lesson7"] == {"check": True} and is_check_cell(cell)
        assert cell.metadata["tags"] == ["raises-exception"]  # Run All goes on past a failing check
        assert all(len(line) <= notebook_build.COMMENT_WIDTH for line in cell.source.splitlines())  # no code wrap
    solutions = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert {c.metadata["nbgrader"]["grade_id"] for c in solutions} >= {f"solution-{n}" for n in spec.names}
    assert not any(is_check_cell(c) for c in solutions)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_nbgrader_accepts_the_metadata(exercise):
    validator = pytest.importorskip("nbgrader.nbgraderformat").MetadataValidator()
    validator.validate_nb(SOURCES[exercise])  # raises on a bad cell, a missing grade_id or a duplicate id
    nbformat.validate(SOURCES[exercise])


@pytest.mark.parametrize("exercise", EXERCISES)
def test_graded_as_a_file_the_source_notebook_gets_full_marks_and_its_release_none(exercise, tmp_path):
    # This is how `python -m grader grade` sees a submitted notebook: its code cells, grade cells left out.
    spec = course.all_exercises()[exercise]
    path = tmp_path / f"{exercise}.ipynb"
    path.write_text(notebook_build.dumps(SOURCES[exercise]))
    assert "grade(" not in read_source(path) and "check(" not in read_source(path)
    results = engine.run_exercise(spec, path)
    assert all(r.passed for r in results), [r.message for r in results if not r.passed]
    path.write_text(notebook_build.dumps(notebook_build.release(SOURCES[exercise])))
    results = engine.run_exercise(spec, path)
    assert all(not r.passed and "not implemented yet" in r.message for r in results)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_learners_notebook_is_the_release_form(exercise, fresh_build):
    committed = nbformat.reads((fresh_build / "notebooks" / f"{exercise}.ipynb").read_text(), as_version=4)
    text = json.dumps(committed)
    assert "BEGIN SOLUTION" not in text and notebook_build.CODE_STUB.split("\n")[0] in text
    for cell in committed.cells:
        flags = cell.metadata.get("nbgrader", {})
        if flags.get("grade"):
            assert cell.metadata["editable"] is False and cell.metadata["deletable"] is False
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_the_crosstab_exercise_shows_the_sheet():
    markdown = "\n".join(c.source for c in SOURCES["ex02_crosstab"].cells if c.cell_type == "markdown")
    assert "| user \\ movie |" in markdown and "question 4" in markdown


def test_build_keeps_a_notebook_the_learner_has_run(tmp_path, fresh_build):
    for folder in ("solutions", "exercises", "notebooks"):
        shutil.copytree(fresh_build / folder, tmp_path / folder)
    worked = tmp_path / "notebooks" / "ex01_dot.ipynb"
    notebook = json.loads(worked.read_text())
    notebook["cells"][-1]["execution_count"] = 3
    worked.write_text(json.dumps(notebook))
    assert build_main(tmp_path) == 0 and json.loads(worked.read_text())["cells"][-1]["execution_count"] == 3
    assert build_main(tmp_path, check=True) == 0  # the learner's run is not drift
    assert build_main(tmp_path, force=True) == 0 and "execution_count\": 3" not in worked.read_text()
    (tmp_path / "notebooks" / "ex02_crosstab.ipynb").unlink()  # a deleted one comes back
    assert build_main(tmp_path) == 0 and build_main(tmp_path, check=True) == 0


def test_notebooks_command_writes_a_course(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "grader", *a], cwd=ROOT, capture_output=True, text=True)  # noqa: E731
    done = run("notebooks", "--course", str(tmp_path / "course"), "ex01", "crosstab")
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "course" / "source" / "lesson7").iterdir())
    assert written == ["ex01_dot.ipynb", "ex02_crosstab.ipynb"]
    config = (tmp_path / "course" / "nbgrader_config.py").read_text()
    assert 'course_id = "lesson7"' in config and repr(notebook_build.CODE_STUB) in config
    (tmp_path / "course" / "nbgrader_config.py").write_text("# mine\n")
    notebook_build.write_course(tmp_path / "course", ROOT)  # an instructor's own configuration is kept
    assert (tmp_path / "course" / "nbgrader_config.py").read_text() == "# mine\n"
    assert len(list((tmp_path / "course" / "source" / "lesson7").iterdir())) == len(EXERCISES)
    done = run("notebooks", "--course", str(tmp_path / "course" / "nbgrader_config.py"))
    assert done.returncode == 2 and "is not a folder" in done.stderr
    assert "notebooks" in run("--help").stdout


# --- the grader inside a notebook -----------------------------------------------------------------

WRONG_DOT = "def dot(u, v):\n    return sum(a * b for a, b in zip(u, v))\n"


def namespace_of(*cells: str) -> dict:
    """What a kernel holds after running `cells`: their names, and IPython's `In`."""
    namespace: dict = {"In": ["", *cells]}
    for cell in cells:
        exec(compile(cell, "<cell>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("exercise", EXERCISES)
def test_check_on_a_namespace_with_the_solution_passes_everything(exercise):
    report = check(exercise, solution_namespace(exercise))
    assert report.passed and report.points == report.max_points == course.all_exercises()[exercise].max_points
    assert report._repr_html_().count("✓") == len(report.results) and "✗" not in report._repr_html_()


def test_check_shows_a_table_with_the_smallest_failing_input():
    report = check("ex01", namespace_of(WRONG_DOT))
    assert not report.passed and report.points == report.max_points - 1
    page = report._repr_html_()
    assert "<table" in page and "✗" in page and "dot.<wbr>unequal_<wbr>lengths" in page  # may wrap at . and _ only
    assert "word-break:normal" in page and "table-layout:fixed" in page  # words never broken, columns as set
    assert "dot([], [0])</pre>" in page  # the smallest failing input
    assert "raises ValueError" in page and "returned 0" in page and "zip truncating unequal lengths" in page
    text = repr(report)
    assert "✗ dot.unequal_lengths" in text and "dot([], [0])" in text and 'hint("ex01")' in text


def test_check_called_from_a_cell_reads_the_cells_globals():
    namespace = namespace_of(WRONG_DOT, "from grader.notebook import check\nreport = check('ex01')\n")
    assert namespace["report"].points == namespace["report"].max_points - 1


def test_a_failed_grade_cell_raises_the_terminals_message(capsys):
    namespace = namespace_of(WRONG_DOT)
    with pytest.raises(CheckFailed) as failed:
        grade("ex01_dot", "dot.unequal_lengths", namespace)
    result = engine.run_exercise(course.all_exercises()["ex01_dot"], ROOT / "tests/corpus/ex01_dot/wrong_zip_truncates.py",
                                 only=["dot.unequal_lengths"])[0]
    shown = failed.value._render_traceback_()  # what IPython prints instead of a traceback
    assert shown[0].endswith("dot.unequal_lengths  0/1")
    assert " ".join(shown[1:]).split() == result.message.split()  # the same words, wrapped to fit the output
    assert all(len(line) <= 88 and line.startswith("    ") for line in shown[1:])
    grade("ex01_dot", "dot.matches_reference", namespace)
    assert capsys.readouterr().out.strip().endswith("dot.matches_reference  2/2")
    with pytest.raises(ValueError, match="has no check dot.nope"):
        grade("ex01_dot", "dot.nope", namespace)


def test_grade_cells_write_nothing_but_their_line(capfd):
    noisy = ("import os, sys, warnings\n"
             "def dot(u, v):\n"
             "    warnings.warn('careful', UserWarning)\n"
             "    print('to stderr', file=sys.stderr)\n"
             "    os.write(2, b'from C code\\n')\n"
             "    if len(u) != len(v):\n        raise ValueError\n"
             "    return sum(a * b for a, b in zip(u, v))\n")
    namespace = namespace_of(noisy)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        grade("ex01_dot", "dot.matches_reference", namespace)
        warnings.warn("outside a grade cell warnings still show", UserWarning)
    out, err = capfd.readouterr()
    assert out.strip().splitlines() == ["✓ dot.matches_reference  2/2"]
    assert "careful" not in err and "from C code" not in err and "to stderr" not in err
    assert [str(w.message) for w in seen] == ["outside a grade cell warnings still show"]  # filters put back
    os.write(2, b"descriptor 2 is back\n")
    assert "descriptor 2 is back" in capfd.readouterr().err


def test_from_scratch_reads_the_cells_the_kernel_ran():
    numpy_dot = "import numpy as np\n\ndef dot(u, v):\n    if len(u) != len(v):\n        raise ValueError\n" \
                "    return float(np.dot(u, v))\n"
    with pytest.raises(CheckFailed) as failed:
        grade("ex01", "dot.from_scratch", namespace_of("x = 1", numpy_dot))
    shown = " ".join(str(failed.value).split())  # as one line: the message is wrapped to the output's width
    assert re.search(r"this notebook In \[2\] line 6: uses np .*; In \[2\] line 1: imports numpy", shown), shown


def test_kernel_cells_leave_out_grader_calls_and_broken_cells():
    cells = kernel_cells({"In": ["", "x = 1", "def f(:", "from grader.notebook import grade\n\ngrade('ex01', 'dot.empty')",
                                 "check('ex01')", "y = check('ex01')"]})
    assert cells == [(1, "x = 1"), (5, "y = check('ex01')")]
    assert kernel_cells({}) is None


def test_results_are_reused_until_a_learner_cell_runs(monkeypatch):
    calls = []
    real = engine.run_check
    monkeypatch.setattr(engine, "run_check", lambda *a, **k: calls.append(a[0].id) or real(*a, **k))
    namespace = namespace_of(WRONG_DOT)
    check("ex01", namespace)
    namespace["In"].append("grade('ex01_dot', 'dot.empty')")  # a grade cell changes nothing the checks see
    with pytest.raises(CheckFailed):
        grade("ex01_dot", "dot.unequal_lengths", namespace)
    assert len(calls) == 4
    namespace["In"].append("z = 2")
    check("ex01", namespace)
    assert len(calls) == 8


def test_hint_in_text_and_html():
    shown = hint("dot")
    assert repr(shown).startswith("ex01_dot: ") and "  1. " in repr(shown)
    assert shown._repr_html_().count("<li>") == len(shown.hints) >= 1


@pytest.mark.parametrize("exercise", EXERCISES)
def test_headings_keep_names_as_written(exercise):
    spec = course.all_exercises()[exercise]
    for cell in SOURCES[exercise].cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## `"):
            name = cell.source[4:].split("`")[0]
            todo = hints.todo(exercise, name)
            assert name in spec.names and f"**To do:** {todo}" in cell.source, cell.source


def test_the_notebooks_carry_the_language_info_jupyterlab_writes():
    kernel = pytest.importorskip("ipykernel.ipkernel").IPythonKernel.language_info
    for notebook in SOURCES.values():
        ours = dict(notebook.metadata["language_info"])
        assert {k: v for k, v in ours.items() if k != "version"} == {k: v for k, v in kernel.items() if k != "version"}
        assert ours["version"] == notebook_build.LANGUAGE_INFO["version"]  # fixed: the same bytes on every machine


def test_a_name_whose_cell_has_not_run_says_so():
    with pytest.raises(CheckFailed) as failed:
        grade("ex06", "cross_entropy.matches_reference", namespace_of("import torch"))
    assert "run the cell that defines `cross_entropy`:" in " ".join(str(failed.value).split())


def test_the_notebook_grader_reads_no_environment_variable():
    """A learner's cell can change the environment: nothing the checks do may depend on it."""
    source = (ROOT / "grader" / "notebook.py").read_text()
    assert "environ" not in source and "getenv" not in source
