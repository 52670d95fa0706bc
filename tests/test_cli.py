"""The commands of DESIGN.md 2.3 and `python -m grader --help`."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from grader.corpus import stub
from grader.course import ROOT
from grader import course


def grader(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True, text=True)


def test_check_solutions_passes_and_stubs_fail_everything(tmp_path, fresh_build):
    done = grader("check", "--path", "solutions", "--json", str(tmp_path / "ok.json"))
    assert done.returncode == 0, done.stdout[-3000:]
    rows = json.loads((tmp_path / "ok.json").read_text())
    assert rows and all(r["passed"] for r in rows)
    contract = ["exercise", "check", "passed", "points", "max_points", "message"]
    typed = ["status", "says", "call", "expected", "got", "detail", "misconception", "hint", "output"]
    assert list(rows[0]) == contract + typed  # the contract's keys first, then the typed fields
    done = grader("check", "--path", str(fresh_build / "exercises"), "--json", str(tmp_path / "stubs.json"))
    assert done.returncode == 1
    rows = json.loads((tmp_path / "stubs.json").read_text())
    assert len(rows) == sum(len(e.checks) for e in course.all_exercises().values())
    assert not any(r["passed"] or r["points"] for r in rows)


def test_check_selects_exercises_by_number_or_name():
    done = grader("check", "1", "ex02", "embedding", "--path", "solutions")
    assert done.returncode == 0
    assert "ex01_dot" in done.stdout and "ex02_crosstab" in done.stdout and "ex03_embedding" in done.stdout


def test_bad_arguments_get_a_clear_error():
    done = grader("check", "ex99")
    assert done.returncode == 2 and "no exercise called 'ex99'" in done.stderr and "Traceback" not in done.stderr
    done = grader("check", "--path", "no/such/folder")
    assert done.returncode == 2 and "is not a folder" in done.stderr


def test_hint_and_list():
    done = grader("hint", "ex01")
    assert done.returncode == 0 and "1. " in done.stdout and "zip" in done.stdout
    done = grader("list")
    assert "ex01_dot" in done.stdout and "dot" in done.stdout


def test_build_never_overwrites_a_learners_edits(tmp_path, fresh_build):
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    shutil.copytree(fresh_build / "exercises", tmp_path / "exercises")
    from grader.build import main

    edited = tmp_path / "exercises" / "ex01_dot.py"
    edited.write_text(edited.read_text() + "\n# my work\n")
    assert main(tmp_path) == 0
    assert edited.read_text().endswith("# my work\n")
    assert main(tmp_path, check=True) == 0, "a learner's edits are not drift"
    solution = tmp_path / "solutions" / "ex01_dot.py"
    solution.write_text(solution.read_text() + "\n# a maintainer's change\n")
    assert main(tmp_path, check=True) == 1, "a changed solution is drift until the build runs"
    assert main(tmp_path) == 0 and main(tmp_path, check=True) == 0
    assert edited.read_text().endswith("# my work\n")
    assert main(tmp_path, force=True) == 0 and edited.read_text().endswith("# a maintainer's change\n")


def test_pytest_exercises_gives_one_item_per_check(tmp_path, fresh_build):
    shutil.copytree(fresh_build / "exercises", tmp_path / "exercises")
    run = lambda *a: subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *a],  # noqa: E731
                                    cwd=tmp_path, capture_output=True, text=True)
    done = run("exercises/ex01_dot.py", "-q")
    assert "4 failed" in done.stdout and "not implemented yet" in done.stdout and "Traceback" not in done.stdout
    done = run("exercises/", "-q", "-k", "unequal_lengths")
    assert "1 failed" in done.stdout and "deselected" in done.stdout
    shutil.copy(ROOT / "solutions" / "ex01_dot.py", tmp_path / "exercises" / "ex01_dot.py")
    done = run("exercises/", "-q", "-k", "dot.")
    assert "4 passed" in done.stdout, done.stdout


def test_check_on_several_cores_gives_the_same_results_and_survives_a_dead_process(tmp_path):
    folder = tmp_path / "learner"
    shutil.copytree(ROOT / "solutions", folder)
    (folder / "ex01_dot.py").write_text("import os\n\ndef dot(u, v):\n    os._exit(3)\n")
    (folder / "ex03_embedding.py").write_text(stub("ex03_embedding"))
    outputs = {}
    for jobs in ("1", "2"):
        done = grader("check", "ex02", "ex03", "ex04", "--path", str(folder), "--jobs", jobs, "--json",
                      str(tmp_path / f"{jobs}.json"))
        assert done.returncode == 1
        outputs[jobs] = (tmp_path / f"{jobs}.json").read_bytes()
    assert outputs["1"] == outputs["2"]
    done = grader("check", "ex01", "ex02", "--path", str(folder), "--jobs", "2", "--json", str(tmp_path / "dead.json"))
    rows = json.loads((tmp_path / "dead.json").read_text())
    assert all(not r["passed"] and "the process checking this exercise died" in r["message"]
               for r in rows if r["exercise"] == "ex01_dot")
    assert all(r["passed"] for r in rows if r["exercise"] == "ex02_crosstab")
