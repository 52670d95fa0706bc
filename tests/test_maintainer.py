"""The maintainer's check (`grader.maintainer`, `python -m grader dev check`) on the real exercise set,
and on exercises made wrong on purpose in a copy of the project, to show each part of it can fail."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course, maintainer
from grader.course import ROOT

SHARED_TOOLS = ROOT.parent / "shared" / "tools" / "contract_check.py"
NAMES = course.names()


@pytest.mark.parametrize("name", NAMES)
def test_every_part_is_there_and_the_spec_is_sound(name):
    assert maintainer.missing_parts(name) == []
    assert maintainer.left_to_fill(name) == []
    assert maintainer.spec_problems(course.all_exercises()[name]) == []


@pytest.mark.parametrize("name", NAMES)
def test_untouched_stub_fails_every_check_as_not_implemented(name, fresh_build):
    """On the stub of a fresh build from solutions/: the learner's exercises/ plays no part."""
    assert maintainer.stub_problems(course.all_exercises()[name], fresh_build / "exercises" / f"{name}.py") == []


@pytest.mark.parametrize("name", NAMES)
def test_worked_solution_gets_every_point(name):
    assert maintainer.solution_problems(course.all_exercises()[name]) == []


def test_generated_files_are_fresh():
    """Drift: what the build makes of solutions/ now, against the digests the committed manifests
    record. A learner's edits to exercises/ or notebooks/ play no part."""
    assert maintainer.stale_generated() == [], "run `python -m grader build` and commit the manifests"


@pytest.mark.skipif(not SHARED_TOOLS.exists(), reason="../shared/tools is not beside this checkout")
def test_contract_names_are_all_present():
    done = subprocess.run([sys.executable, str(SHARED_TOOLS), "exercises", "solutions"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    """The project's files (learner's work included) in a folder of its own, where `python -m grader`
    imports this copy's grader. Copied from the tree, not from git: a zip download has no git."""
    copy = tmp_path_factory.mktemp("project") / "lesson7"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".venv", "venv",
                                                              ".ipynb_checkpoints", "build", "dist"))
    return copy


def grader_in(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=project, env=env, capture_output=True, text=True)


def test_new_then_dev_check_names_exactly_what_is_left(project_copy):
    made = grader_in(project_copy, "new", "ex99_demo")
    assert made.returncode == 0, made.stderr
    for part in ("solutions/ex99_demo.py", "reference/ex99_demo.py", "grader/specs/ex99_demo.py",
                 "grader/hints/ex99_demo.toml", "tests/corpus/ex99_demo/wrong_example.py",
                 "tests/corpus/ex99_demo/right_example.py", "exercises/ex99_demo.py", "notebooks/ex99_demo.ipynb"):
        assert (project_copy / part).exists(), part
    assert "| `ex99_demo.py` | `demo(x)` |" in (project_copy / "README.md").read_text()

    checked = grader_in(project_copy, "dev", "check", "ex99_demo")
    assert checked.returncode == 1
    block = [line for line in checked.stdout.split("left to fill in", 1)[1].split("problems:", 1)[0].splitlines()[1:]
             if line.strip()]
    left = [line.strip().split(":")[0] for line in block]
    assert all("TODO(new)" in line for line in block), block
    written = ["solutions/ex99_demo.py", "reference/ex99_demo.py", "grader/specs/ex99_demo.py",
               "grader/hints/ex99_demo.toml", "tests/corpus/ex99_demo/right_example.py",
               "tests/corpus/ex99_demo/wrong_example.py"]
    assert sorted(set(left)) == sorted(written), checked.stdout
    assert "demo.matches_reference fails on the worked solution" in checked.stdout
    assert "corpus too thin: demo: 1 wrong (at least 5), 1 right (at least 3)" in checked.stdout
    assert "grading raised NotImplementedError at reference/ex99_demo.py" in checked.stdout
    assert "✓ the generated files are fresh" in checked.stdout  # `new` built the stub, notebook and row

    again = grader_in(project_copy, "new", "ex99_other")
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "ex99 is taken by ex99_demo" in again.stderr
    for bad in ("ex9_short", "ex15-dash", "Ex15_caps"):
        refused = grader_in(project_copy, "new", bad)
        assert refused.returncode == 2 and "is not an exercise name" in refused.stderr, bad


def test_dev_check_finds_what_was_broken_on_purpose(project_copy):
    """Each part of the check fails on an exercise broken in its way (in the copy, never in the checkout)."""
    hints = project_copy / "grader" / "hints" / "ex01_dot.toml"
    hints.write_text(hints.read_text().replace('"dot.empty" = ', '"dot.emtpy" = '))
    spec = project_copy / "grader" / "specs" / "ex01_dot.py"
    spec.write_text(spec.read_text().replace('("reduce_without_start", ', '("reduce_with_no_start", '))
    solution = project_copy / "solutions" / "ex01_dot.py"
    solution.write_text(solution.read_text().replace("for a, b in zip(u, v)", "for a, b in zip(u[1:], v[1:])")
                        + "\n# A line outside the solution block: the stub changes, so the build is stale.\n")
    for wrong in sorted((project_copy / "tests" / "corpus" / "ex01_dot").glob("wrong_*.py"))[4:]:
        wrong.unlink()

    checked = grader_in(project_copy, "dev", "check", "ex01", "--no-corpus-grading")
    assert checked.returncode == 1
    for problem in ("ex01_dot.toml: no hint for dot.empty under [checks]",
                    "ex01_dot.toml: a hint for dot.emtpy, which is no check",
                    "ex01_dot.toml: no [misconceptions.reduce_with_no_start], which the spec names",
                    "dot.matches_reference fails on the worked solution",
                    "corpus too thin: dot: 4 wrong",
                    "✗ stale: exercises/ex01_dot.py"):
        assert problem in checked.stdout, (problem, checked.stdout)
    assert "zip(u[1:]" in solution.read_text()  # dev check changes nothing


def test_dev_check_passes_on_a_whole_exercise_and_grades_its_corpus():
    done = subprocess.run([sys.executable, "-m", "grader", "dev", "check", "ex01"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == "✓ ex01_dot"
