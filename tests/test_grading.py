"""`python -m grader grade`: attacks cost only the checks they touch, nothing escapes the workers,
and grading agrees with the in-process self-check point for point."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from confinement_tools import require_confinement
from grading_tools import grade, points, rows_by_student
from grader.course import ROOT
from grader import course

ATTACKS = sorted((ROOT / "tests" / "attacks").glob("*.py"))


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file of the project but git's and Python's bytecode caches (the grading process itself may
    write those), with its size, mode and modification time."""
    found = {}
    for path in folder.rglob("*"):
        if ".git" not in path.parts and "__pycache__" not in path.parts and not path.is_symlink():
            info = path.stat()
            found[str(path)] = (info.st_size, info.st_mode, info.st_mtime_ns)
    return found


def _our_processes(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in cmdline or "sleep 987" in cmdline:
                found.append(f"{entry.name}: {cmdline}")
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="the process and file checks read /proc")
def test_attack_corpus_is_held(tmp_path):
    require_confinement()
    submissions, out, home = tmp_path / "class", tmp_path / "grades", tmp_path / "home"
    home.mkdir()
    fill = {"{OUT}": str(out), "{HOME}": str(home), "{ROOT}": str(ROOT), "{SUBMISSIONS}": str(submissions)}
    expected = {}
    for attack in ATTACKS:
        student = submissions / f"attack_{attack.stem}"
        student.mkdir(parents=True)
        text = attack.read_text()
        for key, value in fill.items():
            text = text.replace(key, value)
        exercise, score, message = re.match(r"# expect: (\S+) (\d+) \| (.*)", text).groups()
        (student / f"{exercise}.py").write_text(text)
        bystander = "ex03_embedding" if exercise != "ex03_embedding" else "ex01_dot"  # must keep its points
        shutil.copy(ROOT / "solutions" / f"{bystander}.py", student)
        expected[student.name] = (exercise, int(score), message.strip(), bystander)
    honest = submissions / "honest"
    honest.mkdir()
    for name in course.names():
        shutil.copy(ROOT / "solutions" / f"{name}.py", honest)
    before = {p: p.read_bytes() for p in submissions.rglob("*") if p.is_file()}
    project = _snapshot(ROOT)

    marker = "lesson7-test-secret-" + "7f3a" * 8
    done = grade(submissions, out, "--timeout", "2", "--memory", "1024",
                 env={**os.environ, "HOME": str(home), "LESSON7_GRADING_SECRET": marker})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "learner code confined by Landlock v" in done.stdout

    full = {name: e.max_points for name, e in course.all_exercises().items()}
    students = rows_by_student(out)
    results = {s["student"]: s for s in json.loads((out / "results.json").read_text())}
    assert points(students["honest"]) == sum(full.values())
    for student, (exercise, score, message, bystander) in expected.items():
        rows = students[student]
        assert points(rows, exercise) == score, (student, [r for r in rows if r["exercise"] == exercise])
        assert points(rows, bystander) == full[bystander], (student, bystander)
        if message != "-":
            texts = [c["message"] for e in results[student]["exercises"] for c in e["checks"]]
            assert any(message in t for t in texts), (student, texts[:2])
    # nothing written outside the workspace copies, nothing left running
    assert {p: p.read_bytes() for p in submissions.rglob("*") if p.is_file()} == before
    assert _snapshot(ROOT) == project
    assert not list(home.rglob("pwned*"))  # (matplotlib may cache fonts there for the grader itself)
    assert not list(tmp_path.glob("pwned*")) and not list(ROOT.glob("pwned*")) and not list(ROOT.glob("grader/pwned*"))
    assert not Path("/tmp/pwned-dirfd-lesson7.txt").exists()
    outputs = [p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != ".secret"]
    assert not any(marker.encode() in data for data in outputs)  # the secret never reached a worker
    assert sorted(p.name for p in out.iterdir()) == [".cache", "feedback", "gradebook.csv", "grades.png", "report.html",
                                                  "results.json"]
    assert not _our_processes(str(out))


def test_grading_twice_gives_the_same_bytes(tmp_path):
    from grader.corpus import load_cases

    submissions = tmp_path / "class"
    wrong = [c for c in load_cases() if c.fails][:6]
    for i, case in enumerate(wrong):
        (submissions / f"s{i}").mkdir(parents=True)
        (submissions / f"s{i}" / f"{case.exercise}.py").write_text(case.source())
    # Code whose warning, print and error quote where it runs: a fresh temporary folder each time.
    (submissions / "where").mkdir()
    (submissions / "where" / "ex01_dot.py").write_text(
        "import os, warnings\n\ndef dot(u, v):\n    warnings.warn('dot is not written yet')\n"
        "    print('running in', os.getcwd())\n    raise ValueError(f'no dot in {__file__}')\n")
    secret = tmp_path / "secret"
    secret.write_text("the same secret, twice: " + "0123456789abcdef" * 2)
    outputs = []
    for run in range(2):  # into two folders, so nothing comes from the cache
        out = tmp_path / f"grades{run}"
        assert grade(submissions, out, "--secret", str(secret)).returncode == 0
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    where = outputs[0][Path("feedback/where.md")].decode()
    assert "where/ex01_dot.py:4: UserWarning: dot is not written yet" in where and "<workspace>/work" in where, where


def test_unchanged_students_are_not_graded_again(tmp_path):
    submissions = tmp_path / "class"
    for student in ("ada", "bo"):
        (submissions / student).mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / "ex01_dot.py", submissions / student)
    out = tmp_path / "grades"
    assert grade(submissions, out).returncode == 0
    (submissions / "bo" / "ex01_dot.py").write_text("def dot(u, v):\n    return 0\n")
    done = grade(submissions, out)
    assert "graded 1 students" in done.stdout and "1 unchanged" in done.stdout
    assert points(rows_by_student(out)["bo"], "ex01_dot") < points(rows_by_student(out)["ada"], "ex01_dot")


def test_nbgrader_layout_notebooks_and_gradescope(tmp_path):
    import nbformat

    submitted = tmp_path / "course" / "submitted" / "dee" / "lesson7"
    submitted.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# dot"), nbformat.v4.new_code_cell("%matplotlib inline"),
                      nbformat.v4.new_code_cell((ROOT / "solutions" / "ex01_dot.py").read_text())]
    nbformat.write(notebook, submitted / "ex01_dot.ipynb")
    out = tmp_path / "grades"
    done = grade(tmp_path / "course", out, "--format", "gradescope")
    assert done.returncode == 0, done.stderr[-2000:]
    rows = rows_by_student(out)["dee"]
    assert points(rows, "ex01_dot") == course.all_exercises()["ex01_dot"].max_points
    assert all("is missing from the submission" in c["message"]
               for e in json.loads((out / "results.json").read_text())[0]["exercises"] if e["exercise"] != "ex01_dot"
               for c in e["checks"])
    scope = json.loads((out / "gradescope" / "dee" / "results.json").read_text())
    assert scope["score"] == points(rows) and {"name", "score", "max_score", "output"} <= set(scope["tests"][0])


def test_bad_arguments_are_refused_clearly(tmp_path):
    done = grade(tmp_path / "nope", tmp_path / "out")
    assert done.returncode == 2 and "is not a folder" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "empty").mkdir()
    done = grade(tmp_path / "empty", tmp_path / "out")
    assert done.returncode == 2 and "no student files" in done.stderr
