"""Maintainer checks, in the spirit of rustlings: the exercise set is whole and consistent."""
from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from corpus_tools import ROOT, stub as stub_text
from grader import course, hints
from grader.build import main as build_main
from grader.course import EXERCISE_FILE
from grader.from_scratch.rules import RULES

SHARED_TOOLS = ROOT.parent / "shared" / "tools" / "contract_check.py"
EXERCISES = course.all_exercises()


def test_every_solution_has_a_spec_a_reference_a_stub_and_hints(fresh_build):
    solutions = sorted(p.stem for p in (ROOT / "solutions").iterdir() if EXERCISE_FILE.fullmatch(p.name) and p.suffix == ".py")
    assert solutions == sorted(EXERCISES)
    stubs = {path.stem for path in (fresh_build / "exercises").glob("ex*.py")}
    for name in solutions:
        assert (ROOT / "reference" / f"{name}.py").exists(), name
        assert name in stubs, name
        assert (ROOT / "grader" / "hints" / f"{name}.toml").exists(), name


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_check_ids_points_and_hints_are_consistent(name):
    exercise = EXERCISES[name]
    ids = [c.id for c in exercise.checks]
    assert len(ids) == len(set(ids)), "check ids must be unique"
    for check in exercise.checks:
        public, _, prop = check.id.partition(".")
        assert public in exercise.names and re.fullmatch(r"[a-z_]+", prop), check.id
        assert check.points >= 1 and check.says.strip(), check.id
    assert exercise.max_points == sum(c.points for c in exercise.checks) > 0
    assert set(hints.load(name).get("checks", {})) == set(ids), "one hint per check, no stale hints"
    assert set(hints.load(name).get("todo", {})) >= set(exercise.names), "a TODO line for every public name"
    assert hints.general(name), "hints for `python -m grader hint`"
    for public in exercise.names:  # each public name is checked, and from scratch exactly where DESIGN.md says
        assert any(c.name == public for c in exercise.checks), public
        assert (f"{public}.from_scratch" in ids) == (public in RULES), public


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_every_misconception_a_spec_names_is_written_down(name):
    source = (ROOT / "grader" / "specs" / f"{name}.py").read_text()
    used = set(re.findall(r'\(\s*"([a-z_]+)",\s*lambda', source)) | set(re.findall(r'misconception="([a-z_]+)"', source))
    known = set(hints.load(name).get("misconceptions", {}))
    assert used <= known, f"misconceptions without text: {used - known}"
    for key in known:
        title, why = hints.misconception(name, key)
        assert title and why.endswith("."), key


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_stub_keeps_signatures_and_raises_not_implemented(name):
    text = stub_text(name)
    stub = ast.parse(text)
    solution = ast.parse((ROOT / "solutions" / f"{name}.py").read_text())
    top = lambda tree: {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}  # noqa: E731
    stubs, solved = top(stub), top(solution)
    assert "TODO" in text and "### BEGIN SOLUTION" not in text
    for public in EXERCISES[name].names:
        assert _signature(stubs[public]) == _signature(solved[public]), public
        assert ast.get_docstring(stubs[public]) == ast.get_docstring(solved[public]), public
        raises = [n for n in ast.walk(stubs[public]) if isinstance(n, ast.Raise) and "NotImplementedError" in ast.unparse(n)]
        assert raises, f"{public} has no `raise NotImplementedError`"


def _signature(node: ast.AST) -> list[str]:
    """A function's arguments; a class's bases and the name and arguments of each of its methods."""
    if isinstance(node, ast.ClassDef):
        methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        return [ast.dump(b) for b in node.bases] + [f"{m.name}{ast.dump(m.args)}" for m in methods]
    return [ast.dump(node.args)]


def test_solutions_say_which_fastbook_question_they_answer():
    for name in EXERCISES:
        doc = ast.get_docstring(ast.parse((ROOT / "solutions" / f"{name}.py").read_text())) or ""
        assert re.search(r"question \d+|Road to the Top", doc), name


def test_generated_files_are_fresh():
    """Drift: what the build makes of solutions/ now, against the digests the committed manifests
    record. A learner's edits to exercises/ or notebooks/ play no part."""
    assert build_main(ROOT, check=True) == 0, "run `python -m grader build` and commit the manifests"


@pytest.mark.skipif(not SHARED_TOOLS.exists(), reason="../shared/tools is not beside this checkout")
def test_contract_names_are_all_present():
    done = subprocess.run([sys.executable, str(SHARED_TOOLS), "exercises", "solutions"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
