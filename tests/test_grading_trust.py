"""The grading process trusts nothing a learner can touch: the class folder is read safely, the cache
is bound to the secret, output names never collide, outputs stay bounded, the secret never reaches a
worker, grading's inputs cannot be recorded in self-check, a failing fork server costs nobody a point,
and a machine that cannot confine says so."""
from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from confinement_tools import confinement_flags, require_confinement
from grader.course import ROOT
from grader import course

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="grading's confinement is Linux's")


def grade(submissions: Path, out: Path, *extra: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out), "--jobs", "2", *extra]
    if "--unconfined" not in extra and "preexec_fn" not in kw:
        command += confinement_flags()
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600, **kw)


def ex01_points(out: Path) -> dict[str, int]:
    with open(out / "gradebook.csv", newline="") as f:
        totals: dict[str, int] = {}
        for row in csv.DictReader(f):
            if row["exercise"] == "ex01_dot":
                totals[row["student"]] = totals.get(row["student"], 0) + int(row["points"])
    return totals


def messages(out: Path, student: str) -> str:
    entry = next(s for s in json.loads((out / "results.json").read_text()) if s["student"] == student)
    return "\n".join(c["message"] for e in entry["exercises"] for c in e["checks"])


KEY = ("def _key(args):\n"
       "    return repr([(a.tolist(), str(a.dtype)) if hasattr(a, 'tolist') else a for a in args])\n")


def lookup_table(exercise: str, names: list[str], folder: Path) -> str:
    """A submission made of the answers the worked solution gave to every input that self-check drew:
    what a learner who logged their inputs could hand in."""
    import types

    from grader import engine
    from grader.learner import InProcessRunner

    solution: dict = {}
    exec(compile((ROOT / "solutions" / f"{exercise}.py").read_text(), exercise, "exec"), solution)
    key: dict = {}
    exec(KEY, key)
    table: dict[str, dict] = {name: {} for name in names}

    def recorder(name: str):  # type: ignore[no-untyped-def]
        def call(*args):  # type: ignore[no-untyped-def]
            try:
                value = solution[name](*args)
            except Exception as e:
                table[name][key["_key"](args)] = ["raise", type(e).__name__, str(e)]
                raise
            table[name][key["_key"](args)] = ["tensor", value.tolist(), str(value.dtype)] if hasattr(value, "tolist") \
                else value
            return value
        return call

    module = types.ModuleType("recorder")
    for name in names:
        setattr(module, name, recorder(name))
    path = folder / f"recorder_{exercise}.py"
    path.write_text("")
    engine.run_exercise(course.all_exercises()[exercise], path, runner=InProcessRunner(modules={path: module}))
    tensors = any(isinstance(v, list) and v[0] == "tensor" for answers in table.values() for v in answers.values())
    lines = ["import builtins", "import json", *(["import torch"] if tensors else []),
             f"TABLE = json.loads({json.dumps(table)!r})", KEY]
    for name in names:
        lines.append(f"def {name}(*args):\n    value = TABLE[{name!r}][_key(args)]\n"
                     "    if isinstance(value, list) and value[0] == 'raise':\n"
                     "        raise getattr(builtins, value[1])(value[2])\n"
                     "    if isinstance(value, list):\n"
                     "        return torch.tensor(value[1], dtype=getattr(torch, value[2].split('.')[-1]))\n"
                     "    return value\n")
    return "\n".join(lines)


def test_a_lookup_table_recorded_in_self_check_fails_in_grading(tmp_path):
    """Self-check's inputs are public: a table of their answers passes self-check. Grading draws its
    inputs from the secret, so the same table fails every check that draws inputs."""
    import secrets

    from grader import engine

    for exercise, names in (("ex01_dot", ["dot"]), ("ex06_cross_entropy", ["softmax", "log_softmax"])):
        path = tmp_path / f"{exercise}.py"
        path.write_text(lookup_table(exercise, names, tmp_path))
        checks = [c for c in course.all_exercises()[exercise].checks if c.name in names]
        ids = {c.id for c in checks}
        public = {r.check: r.passed for r in engine.run_exercise(course.all_exercises()[exercise], path, only=ids)}
        graded = {r.check: r.passed for r in engine.run_exercise(course.all_exercises()[exercise], path, only=ids,
                                                                 secret=secrets.token_bytes(32))}
        drawing = {c.id for c in checks if c.given is not None and not c.id.endswith(".from_scratch")}
        assert drawing and all(public[c] for c in drawing), public  # the table works where inputs are public
        assert not any(graded[c] for c in drawing), graded  # and nowhere else


def test_the_class_folder_is_read_safely_and_outputs_stay_bounded(tmp_path):
    """Links, FIFOs, hard links, huge files and a linked student folder are refused with a reason; ids that
    differ only in case or punctuation get distinct files; a flood of text stays out of the outputs."""
    cls, out = tmp_path / "class", tmp_path / "grades"
    solution = (ROOT / "solutions" / "ex01_dot.py").read_text()
    students = ["links", "fifo", "huge", "hardlink", "Ada", "ada", "a b", "a_b", "Zoë", "amplifier", "honest"]
    for student in students:
        (cls / student).mkdir(parents=True)
    (cls / "links" / "ex01_dot.py").symlink_to(ROOT / "solutions" / "ex01_dot.py")
    (cls / "links" / "ex02_crosstab.py").symlink_to("/etc/passwd")
    os.mkfifo(cls / "fifo" / "ex01_dot.py")
    (cls / "huge" / "ex01_dot.py").write_text(solution + "#" * (2 << 20))
    (tmp_path / "elsewhere.py").write_text(solution)
    os.link(tmp_path / "elsewhere.py", cls / "hardlink" / "ex01_dot.py")
    (cls / "linked_folder").symlink_to(cls / "honest")
    for student in ("Ada", "ada", "a b", "a_b", "Zoë", "honest"):
        (cls / student / "ex01_dot.py").write_text(solution)
    (cls / "amplifier" / "ex01_dot.py").write_text(
        "# " + "x" * 500_000 + "\ndef dot(u, v):\n    print('y' * 1_000_000)\n    raise ValueError('z' * 2_000_000)\n")
    done = grade(cls, out, "--timeout", "5")
    assert done.returncode == 0, done.stderr[-3000:]
    points = ex01_points(out)
    full = course.all_exercises()["ex01_dot"].max_points
    assert points.pop("amplifier") < full
    assert points == {**{s: 0 for s in ("links", "fifo", "huge", "hardlink", "linked_folder")},
                      **{s: full for s in ("Ada", "ada", "a b", "a_b", "Zoë", "honest")}}
    assert "ex01_dot.py is a symbolic link" in messages(out, "links")
    assert "is not a regular file" in messages(out, "fifo")
    assert "more than the 1 MB" in messages(out, "huge")
    assert "has other hard links" in messages(out, "hardlink")
    assert "the folder linked_folder is a symbolic link" in messages(out, "linked_folder")
    passwd = Path("/etc/passwd").read_text().splitlines()[0]
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert passwd.encode() not in everything
    feedback = sorted(p.name for p in (out / "feedback").glob("*.md"))
    assert len(feedback) == len(set(n.lower() for n in feedback)) == len(students) + 1  # + linked_folder
    assert {"Ada.md", "ada.md"} & set(feedback) == set()  # ids equal but for case: both hashed
    sizes = {p.name: p.stat().st_size for p in (out / "feedback").iterdir()}
    assert max(sizes.values()) < 200_000, sizes
    assert len(messages(out, "amplifier")) < 200_000


def test_a_forged_cache_entry_is_not_reused(tmp_path):
    cls, out = tmp_path / "class", tmp_path / "grades"
    for student, body in (("right", (ROOT / "solutions" / "ex01_dot.py").read_text()),
                          ("wrong", "def dot(u, v):\n    return 0\n")):
        (cls / student).mkdir(parents=True)
        (cls / student / "ex01_dot.py").write_text(body)
    assert grade(cls, out).returncode == 0
    truth = ex01_points(out)
    right = json.loads((out / ".cache" / "right.json").read_text())
    forged = json.loads((out / ".cache" / "wrong.json").read_text())
    forged["result"] = {**right["result"], "student": "wrong"}  # full marks, with a MAC made for another entry
    (out / ".cache" / "wrong.json").write_text(json.dumps(forged))
    again = grade(cls, out)
    assert "graded 1 students" in again.stdout and "1 unchanged" in again.stdout
    assert ex01_points(out) == truth and truth["wrong"] < truth["right"]


def _confinable() -> bool:
    from grader.sandbox import kernel

    try:
        kernel.trial()
        return True
    except kernel.Unconfinable:
        return False


def test_a_machine_that_cannot_confine_is_refused_unless_unconfined(tmp_path):
    """A kernel that refuses Landlock (as a locked-down container does) stops `grade` with one line;
    --unconfined grades anyway and says so at the top of the summary and in results.json."""
    import pyseccomp

    cls, out = tmp_path / "class", tmp_path / "grades"
    (cls / "ada").mkdir(parents=True)
    (cls / "ada" / "ex01_dot.py").write_text((ROOT / "solutions" / "ex01_dot.py").read_text())

    def without_landlock():
        f = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
        f.add_rule(pyseccomp.ERRNO(38), "landlock_create_ruleset")  # ENOSYS: as if the kernel had none
        f.load()

    refused = grade(cls, out, preexec_fn=without_landlock)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.count("\n") == 1 and "no Landlock" in refused.stderr and "--unconfined" in refused.stderr
    graded = grade(cls, out, "--unconfined", preexec_fn=without_landlock)
    assert graded.returncode == 0, graded.stderr[-2000:]
    assert graded.stdout.splitlines()[0].startswith("WARNING: graded with --unconfined")
    assert all("--unconfined" in s["warning"] for s in json.loads((out / "results.json").read_text()))


def test_the_secret_never_reaches_a_fork_server_or_a_worker(tmp_path, monkeypatch):
    """Not in their environment, not in /proc/<pid>/environ, not anywhere in their memory, though the
    process that started them holds it in both."""
    require_confinement()
    from grader.sandbox.forkserver import ForkServer
    from grader.sandbox.policy import Limits
    from grader.sandbox.runner import SandboxRunner
    from grader.secret import grading_secret

    marker = "lesson7-memory-test-" + os.urandom(16).hex()
    monkeypatch.setenv("LESSON7_GRADING_SECRET", marker)
    os.environ["LESSON7_UNRELATED_TOKEN"] = marker  # an instructor's other secrets must not travel either
    try:
        secret, _ = grading_secret(None, tmp_path / "out")
        assert secret == marker.encode() and "LESSON7_GRADING_SECRET" not in os.environ
        os.environ["LESSON7_GRADING_SECRET"] = marker  # as if it had not been removed: the server must still not get it
        server = ForkServer()
    finally:
        del os.environ["LESSON7_UNRELATED_TOKEN"]
    workspace = tmp_path / "workspace"
    (workspace / "src").mkdir(parents=True)
    (workspace / "work").mkdir()
    (workspace / "src" / "ex01_dot.py").write_text("import os\ndef dot(u, v):\n    return sorted(os.environ)\n")
    runner = SandboxRunner(server, workspace, [], Limits())
    try:
        runner.begin_check(60)
        outcome = runner.run(workspace / "src" / "ex01_dot.py", "x", "common.call", ("dot", [[], []], {}), {}, None)
        assert outcome.error is None and not any("LESSON7" in k for k in outcome.value), outcome
        worker = runner._worker[0]
        for pid in (server.pid, worker):
            assert marker.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
            assert not _memory_holds(pid, marker.encode()), pid
    finally:
        runner.shutdown()
        server.close()


def _memory_holds(pid: int, needle: bytes) -> bool:
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5].startswith("[v")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(start)
                if needle in mem.read(end - start):
                    return True
            except (OSError, ValueError, OverflowError):
                continue
    return False


@pytest.mark.parametrize("failure", [signal.SIGSTOP, signal.SIGKILL])
def test_a_stopped_or_dead_fork_server_is_replaced_and_the_student_graded_again(tmp_path, monkeypatch, failure):
    from grader import grading
    from grader.sandbox import forkserver
    from grader.submissions import read_class

    monkeypatch.setattr(forkserver, "REPLY_SECONDS", 2.0)
    cls = tmp_path / "class"
    (cls / "ada").mkdir(parents=True)
    for name in ("ex01_dot", "ex05_weight_decay"):
        (cls / "ada" / f"{name}.py").write_text((ROOT / "solutions" / f"{name}.py").read_text())
    (student,) = read_class(cls)
    confined = _confinable()
    settings = grading.Settings(10.0, 600.0, 4096, grading.protected_folders(cls, tmp_path / "out"),
                                "confined" if confined else None)
    (tmp_path / "workspace").mkdir()
    grading._start_grader(settings, str(tmp_path / "workspace"), b"s" * 32)
    server = grading._grader.server
    server.wait_until_ready()  # stopped once it serves: a server stopped while it imports gets STARTUP_SECONDS
    try:
        os.kill(server.pid, failure)
        result = grading._grade_student(student)
        assert grading._grader.server is not server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(server.pid, signal.SIGKILL)
        grading._grader.close()
    by_exercise: dict[str, int] = {}
    for row in result["results"]:
        by_exercise[row["exercise"]] = by_exercise.get(row["exercise"], 0) + row["points"]
    exercises = course.all_exercises()
    assert by_exercise["ex01_dot"] == exercises["ex01_dot"].max_points
    assert by_exercise["ex05_weight_decay"] == exercises["ex05_weight_decay"].max_points
    assert not result["problem"]


def test_the_grading_process_keeps_no_learner_folder_on_its_import_path(tmp_path):
    cls, out = tmp_path / "class", tmp_path / "out"
    cls.mkdir()
    code = ("import os, sys; from pathlib import Path; sys.path[:0] = ['', os.getcwd(), sys.argv[1], sys.argv[2] + '/x']; "
            "from grader.grading import import_everything; import_everything(Path(sys.argv[1]), Path(sys.argv[2])); "
            "print(repr(sys.path))")
    done = subprocess.run([sys.executable, "-c", code, str(cls), str(out)], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    path = eval(done.stdout)  # noqa: S307 - our own repr of a list of strings
    assert "" not in path and str(tmp_path) not in path and str(cls) not in path and str(out / "x") not in path


def test_a_worker_never_runs_a_check_after_cells_below_its_grade_cell(tmp_path):
    """A notebook's worker runs its cells only as far as each check's grade cell; a check further up than the
    cells already run gets a fresh process, so nothing the cells below started (here a thread) is still there."""
    import nbformat

    from grader.learner import CheckBudget  # noqa: F401 - the runner's import, here before the fork server's
    from grader.sandbox.forkserver import ForkServer
    from grader.sandbox.policy import Limits
    from grader.sandbox.runner import SandboxRunner

    grade_cell = {"nbgrader": {"grade": True, "solution": False, "grade_id": "check-dot-empty", "points": 1}}
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import threading, time\n\ndef dot(u, v):\n    return threading.active_count()"),
        nbformat.v4.new_code_cell("grade('ex01_dot', 'dot.empty')", metadata=grade_cell),
        nbformat.v4.new_code_cell("threading.Thread(target=time.sleep, args=(60,), daemon=True).start()")])
    workspace = tmp_path / "workspace"
    (workspace / "src").mkdir(parents=True)
    (workspace / "work").mkdir()
    nbformat.write(notebook, workspace / "src" / "ex01_dot.ipynb")
    server = ForkServer(confined=False)  # what is run where, not confinement
    runner = SandboxRunner(server, workspace, [], Limits())
    seen = []
    try:
        for cells in (1, None, 1):
            runner.begin_check(30)
            outcome = runner.run(workspace / "src" / "ex01_dot.ipynb", "x", "common.call", ("dot", [[], []], {}), {}, None,
                                 cells)
            seen.append((outcome.value, runner._worker[0]))
    finally:
        runner.shutdown()
        server.close()
    (first, pid), (after_all, same), (again, fresh) = seen
    assert (first, after_all, again) == (1, 2, 1) and same == pid and fresh != pid, seen
