"""The learner's loop: `check` ends with the progress line and the next exercise, `progress` prints
the table, `watch` re-checks what is saved; every user error is one line with exit status 2, and
a closed pipe ends quietly."""
from __future__ import annotations

import ast
import os
import select
import shutil
import signal
import subprocess
import sys
import time

import pytest

from grader.corpus import stub
from grader.course import ROOT
from grader import course

COUNT = len(course.names())


def half_done(exercise: str, name: str) -> str:
    """The untouched stub with one definition taken from the worked solution."""
    text, solution = stub(exercise), (ROOT / "solutions" / f"{exercise}.py").read_text()

    def span(source: str) -> tuple[int, int]:
        node = next(n for n in ast.parse(source).body if getattr(n, "name", None) == name)
        return node.lineno - 1, node.end_lineno

    (a, b), (c, d) = span(text), span(solution)
    lines = text.splitlines(keepends=True)
    return "".join(lines[:a] + solution.splitlines(keepends=True)[c:d] + lines[b:])


@pytest.fixture
def learner(tmp_path, fresh_build, monkeypatch):
    """A learner's exercises/: ex01 right, ex02 wrong, ex03 half done, the rest untouched; a cache of their own."""
    folder = tmp_path / "exercises"
    shutil.copytree(fresh_build / "exercises", folder)
    shutil.copy(ROOT / "solutions" / "ex01_dot.py", folder / "ex01_dot.py")
    (folder / "ex02_crosstab.py").write_text(
        "import pandas as pd\n\n" + (ROOT / "tests/corpus/ex02_crosstab/wrong_counts.py").read_text())
    (folder / "ex03_embedding.py").write_text(half_done("ex03_embedding", "one_hot"))
    monkeypatch.setenv("LESSON7_DATA", str(tmp_path / "cache"))
    return folder


def grader(*args, cwd=ROOT, **kwargs):
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True, text=True, **kwargs)


def test_progress_shows_the_table_and_check_ends_with_the_progress_line(learner):
    done = grader("progress", "--path", str(learner))
    assert done.returncode == 0, done.stderr
    rows = {line.split()[1]: line for line in done.stdout.splitlines() if line[:2] in ("✓ ", "✗ ")}
    assert len(rows) == COUNT
    assert "5/5" in rows["ex01_dot"] and " done " in rows["ex01_dot"]
    assert " in progress " in rows["ex02_crosstab"] and " in progress " in rows["ex03_embedding"]
    assert " not started " in rows["ex04_dot_model"]
    assert "1 exercise done" in done.stdout and "Next: ex02_crosstab (" in done.stdout

    done = grader("check", "ex01", "--path", str(learner))
    *_, bar, upcoming = done.stdout.strip().splitlines()
    assert bar.startswith("[█░") and f"] ex02 of {COUNT} · 1 exercise done" in bar, bar  # the others remembered
    assert upcoming.startswith("Next: ex02_crosstab (") and "python -m grader hint ex02" in upcoming
    (learner / "ex02_crosstab.py").write_text(stub("ex02_crosstab") + "\n# started over\n")
    done = grader("check", "ex01", "--path", str(learner))
    assert "1 not checked yet" in done.stdout  # a changed file is never taken on trust


def test_watch_rechecks_the_saved_exercise_and_stops_quietly(learner):
    watcher = subprocess.Popen([sys.executable, "-m", "grader", "watch"], cwd=learner.parent,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    try:
        first = _read_until(watcher, "Watching")
        assert first.startswith("✗ ex02_crosstab") and f"ex02 of {COUNT} · 1 exercise done" in first, first
        assert "ex01_dot" not in first  # only the exercise on screen
        time.sleep(0.5)  # let the watcher settle on its folder
        shutil.copy(ROOT / "solutions" / "ex02_crosstab.py", learner / "ex02_crosstab.py")
        second = _read_until(watcher, "Watching")
        assert second.startswith("✓ ex02_crosstab") and f"ex02 of {COUNT} · 2 exercises done" in second, second
        assert "Next: ex03_embedding (" in second
        (learner / "ex04_dot_model.py").write_text("def sigmoid_range(x, low, high)\n")
        third = _read_until(watcher, "Watching")
        assert third.startswith("✗ ex04_dot_model") and "has a syntax error" in third and f"ex04 of {COUNT}" in third
    finally:
        watcher.send_signal(signal.SIGINT)
        _, err = watcher.communicate(timeout=60)
    assert watcher.returncode in (0, 130) and b"Traceback" not in err, err.decode()


def _read_until(process: subprocess.Popen, marker: str, timeout: float = 120) -> str:
    """Raw reads from the pipe (a buffered readline would hide lines from select)."""
    data, deadline = b"", time.monotonic() + timeout
    while marker.encode() not in data:
        assert time.monotonic() < deadline, f"no {marker!r} in time; so far:\n{data.decode()}"
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            chunk = os.read(process.stdout.fileno(), 1 << 16)
            assert chunk, f"watch ended:\n{data.decode()}\n{process.stderr.read()}"
            data += chunk
    return data.decode()


USER_ERRORS = [
    (["check", "ex99"], "no exercise called 'ex99'"),
    (["check", "--path", "no/such/folder"], "is not a folder"),
    (["check", "--path", "{EMPTY}"], "holds no exercise files"),
    (["watch", "--path", "{EMPTY}"], "holds no exercise files"),
    (["progress", "--path", "{EMPTY}"], "holds no exercise files"),
    (["check", "--timeout", "-1"], "--timeout: expected a positive number of seconds"),
    (["check", "--timeout", "0"], "--timeout: expected a positive number"),
    (["check", "--timeout", "nan"], "--timeout: expected a positive number"),
    (["check", "--timeout", "soon"], "--timeout: expected a positive number"),
    (["check", "--jobs", "0"], "--jobs: expected a whole number of at least 1"),
    (["hint", "ex99"], "no exercise called 'ex99'"),
    (["grade", "{EMPTY}", "--out", "{EMPTY}/out"], "no student files"),
    (["chek"], "invalid choice: 'chek'"),
    ([], "the following arguments are required"),
]


@pytest.mark.parametrize("args, says", USER_ERRORS, ids=[" ".join(a) or "nothing" for a, _ in USER_ERRORS])
def test_every_user_error_is_one_line_and_exit_status_2(args, says, tmp_path):
    (tmp_path / "empty").mkdir()
    done = grader(*[a.replace("{EMPTY}", str(tmp_path / "empty")) for a in args])
    assert done.returncode == 2 and says in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr


def test_a_stub_run_as_a_script_stops_with_one_line(fresh_build, tmp_path):
    done = subprocess.run([sys.executable, str(fresh_build / "exercises" / "ex04_dot_model.py")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    lines = (fresh_build / "exercises" / "ex04_dot_model.py").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("class DotProduct("))
    todo = next(i for i in range(start, len(lines)) if lines[i].strip() == "raise NotImplementedError") + 1
    assert done.stderr.strip() == (f"ex04_dot_model.py: not implemented yet (DotProduct.__init__, line {todo}): write "
                                   "it, then run this again (python -m grader check ex04 checks it)")
    # Once everything is written, the guard changes nothing: the script runs as written.
    from grader.build import _guard_entry_point

    script = tmp_path / "ex99_done.py"
    script.write_text(_guard_entry_point('def f():\n    return 42\n\n\nif __name__ == "__main__":\n    print(f())\n'))
    assert "with stops_at_todo(__file__):" in script.read_text()
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "42\n", done.stderr


@pytest.mark.parametrize("args", [["check", "ex01", "--path", "{STUBS}", "--verbose"], ["list"], ["hint", "ex01"]])
def test_a_closed_pipe_ends_quietly(args, fresh_build):
    read, write = os.pipe()
    os.close(read)  # like `| head` that has stopped reading: every write fails
    command = [sys.executable, "-m", "grader", *[a.replace("{STUBS}", str(fresh_build / "exercises")) for a in args]]
    done = subprocess.run(command, cwd=ROOT, stdout=write, stderr=subprocess.PIPE, text=True)
    os.close(write)
    assert done.stderr == "" and done.returncode == 128 + signal.SIGPIPE


def test_the_next_exercise_says_what_to_do_in_it():
    from grader import progress
    from grader.result import Result, Status

    done = Result("ex03_embedding", "one_hot.matches_reference", Status.PASSED, 2, 2, "s")
    todo = Result("ex03_embedding", "embedding_lookup.matches_reference", Status.TODO, 0, 2, "s", detail="d")
    wrong = Result("ex03_embedding", "embedding_lookup.matches_reference", Status.FAILED, 0, 2, "s", got="x")
    for second, says in ((todo, "embedding_lookup is not implemented yet"), (wrong, "embedding_lookup.matches_reference fails")):
        states = {"ex03_embedding": progress.of([done, second])}
        assert progress.next_line(states).startswith(f"Next: ex03_embedding ({says}). Stuck? python -m grader hint ex03")
    assert progress.next_line({"ex03_embedding": progress.of([done])}) == "All 1 exercises are done."
