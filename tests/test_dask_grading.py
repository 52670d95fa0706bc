"""`python -m grader grade ... --scheduler ADDRESS` on Dask's LocalCluster (worker processes): the same
bytes as local grading, a worker killed mid-class loses no student, an attack costs nobody else a
point, a worker that cannot confine refuses, and a scheduler that goes away loses nothing graded.

One LocalCluster of two single-threaded workers serves the module; each test grades a small class
of ex01 files (the other exercises are missing, which costs no time)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from confinement_tools import confinement_flags, require_confinement
from grader import course
from grader.corpus import load_cases
from grader.course import ROOT

pytest.importorskip("distributed")
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="grading's confinement is Linux's")

FULL = course.all_exercises()["ex01_dot"].max_points


def grade(submissions: Path, out: Path, *extra: str, secret: str | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "LESSON7_GRADING_SECRET": secret} if secret else None
    return subprocess.run(_command(submissions, out, *extra), cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=600, **kw)


def _command(submissions: Path, out: Path, *extra: str) -> list[str]:
    flags = [] if "--unconfined" in extra else confinement_flags()
    return [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out), *flags, *extra]


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file grading wrote (the cache too), by path, but the secret it created."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".secret"}


def ex01_points(out: Path) -> dict[str, int]:
    import csv

    totals: dict[str, int] = {}
    with open(out / "gradebook.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["exercise"] == "ex01_dot":
                totals[row["student"]] = totals.get(row["student"], 0) + int(row["points"])
    return totals


def wait_for(condition, seconds: float = 120.0, what: str = "it"):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, f"waited {seconds:g} s for {what}"
        time.sleep(0.05)
    return found


@pytest.fixture(scope="module")
def cluster():
    """The scheduler's address, and a client of our own to watch and kill workers with."""
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as local, Client(local) as client:
        yield local.scheduler_address, client


ATTACKS = {"secret_hunt": 0, "os_exit_in_call": 0, "segfault": 0, "raw_processes": FULL, "reaches_the_cluster": FULL}


@pytest.fixture(scope="module")
def graded_here(cluster, tmp_path_factory):
    """A class of eleven ex01 files graded on this machine: right, wrong with named misconceptions, a stub,
    and attacks on the grader (one of them on the Dask cluster)."""
    from grader.build import stub_source

    base = tmp_path_factory.mktemp("dask-class")
    cases = {c.path.stem: c.source() for c in load_cases() if c.exercise == "ex01_dot"}
    sources = {"s0": (ROOT / "solutions" / "ex01_dot.py").read_text(), "s1": cases["wrong_zip_truncates"],
               "s2": cases["wrong_assert"], "s3": cases["right_index_loop"],
               "s4": stub_source((ROOT / "solutions" / "ex01_dot.py").read_text(), "ex01_dot"),
               "s5": "# another student's copy\n" + cases["wrong_zip_truncates"]}
    fill = {"{OUT}": str(base / "local"), "{HOME}": str(base), "{ROOT}": str(ROOT), "{SUBMISSIONS}": str(base / "class"),
            "{SCHEDULER}": cluster[0]}
    for attack in ATTACKS:
        sources[attack] = (ROOT / "tests" / "attacks" / f"{attack}.py").read_text()
        for key, value in fill.items():
            sources[attack] = sources[attack].replace(key, value)
    for student, source in sources.items():
        (base / "class" / student).mkdir(parents=True)
        (base / "class" / student / "ex01_dot.py").write_text(source)
    secret = "lesson7-dask-secret-" + os.urandom(12).hex()
    done = grade(base / "class", base / "local", "--jobs", "2", "--timeout", "3", secret=secret)
    assert done.returncode == 0, done.stderr[-3000:]
    return base, secret


@pytest.fixture(scope="module")
def graded_on_dask(cluster, graded_here):
    """The same class on Dask, over a copy of local grading's cache with --force (so every student is
    graded again), with one Dask worker killed while it grades a student."""
    address, client = cluster
    base, secret = graded_here
    out = base / "dask"
    shutil.copytree(base / "local" / ".cache", out / ".cache")
    command = _command(base / "class", out, "--timeout", "3", "--scheduler", address, "--force")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "LESSON7_GRADING_SECRET": secret})
    try:
        def grading_worker() -> tuple[str, list] | None:
            return next(((w, [k for k in keys if str(k).startswith("grade-")]) for w, keys in client.processing().items()
                         if any(str(k).startswith("grade-") for k in keys)), None)

        victim, killed = wait_for(grading_worker, what="a worker to start grading")
        os.kill(client.run(os.getpid, workers=[victim])[victim], signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=300)
    finally:
        process.kill()
    assert process.returncode == 0, stderr[-3000:]
    # The students the killed worker held went to a worker again (Dask's doing, not a retry of ours).
    assert killed and all(sum(t[2] == "processing" for t in client.story(k)) >= 2 for k in killed), killed
    return out, stdout


def test_dask_writes_local_gradings_bytes_though_a_worker_was_killed(graded_here, graded_on_dask):
    """Every file (gradebook, results, feedback, report, cache entries) as local grading wrote it: each
    student once, none lost, whatever the killed worker was grading done again elsewhere."""
    (base, _), (out, stdout) = graded_here, graded_on_dask
    assert "graded 11 students" in stdout
    if not confinement_flags():
        assert "learner code confined by Landlock v" in stdout
    assert "ex01 dot.unequal_lengths: 55% failed, 18% of the class with *zip truncating unequal lengths*" in stdout
    assert outputs(out) == outputs(base / "local")


def test_a_submission_that_attacks_its_worker_costs_nobody_else_a_point(graded_here, graded_on_dask):
    require_confinement()
    (base, secret), (out, _) = graded_here, graded_on_dask
    honest = {"s0": FULL, "s3": FULL}
    points = ex01_points(out)
    assert {s: points[s] for s in [*ATTACKS, *honest]} == {**ATTACKS, **honest}
    assert "printed:" in (out / "feedback" / "secret_hunt.md").read_text()  # it ran, and found nothing
    assert not any(secret.encode() in data for data in outputs(out).values())
    assert not list(base.rglob("pwned*")) and not list(ROOT.glob("pwned*"))


def test_a_worker_without_landlock_refuses_and_a_lost_scheduler_loses_nothing_graded(tmp_path):
    """A Dask worker whose kernel has no Landlock refuses the class, saying why, unless --unconfined. Its
    scheduler killed mid-class ends the run with one line, and the students graded before it are in the
    cache, as entries the next run takes (so it grades only the rest)."""
    import json

    import pyseccomp
    from distributed import Client

    from grader import grading
    from grader.submissions import output_names, read_class

    cls, out = tmp_path / "class", tmp_path / "grades"
    for student, body in (("a_quick", (ROOT / "solutions" / "ex01_dot.py").read_text()),
                          ("b_slow", "def dot(u, v):\n    while True:\n        pass\n")):
        (cls / student).mkdir(parents=True)
        (cls / student / "ex01_dot.py").write_text(body)

    def without_landlock() -> None:
        f = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
        f.add_rule(pyseccomp.ERRNO(38), "landlock_create_ruleset")  # ENOSYS: as if the kernel had none
        f.load()

    file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", "0", "--no-dashboard", "--scheduler-file", str(file)], **quiet)
    worker = None
    try:
        address = json.loads(wait_for(lambda: file.exists() and file.read_text(), what="the scheduler"))["address"]
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                   "--no-nanny", "--no-dashboard"], preexec_fn=without_landlock, **quiet)
        with Client(address, timeout=60) as watcher:
            watcher.wait_for_workers(1, timeout=120)
        refused = grade(cls, out, "--scheduler", address)
        assert refused.returncode == 2, refused.stderr
        line = refused.stderr.strip()
        assert "\n" not in line and "refuses to grade" in line and "no Landlock" in line and "--unconfined" in line, line

        slow = subprocess.Popen(_command(cls, out, "--scheduler", address, "--unconfined", "--timeout", "1"),
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: (out / ".cache" / "a_quick.json").exists(), what="the first student")
        scheduler.kill()
        _, stderr = slow.communicate(timeout=120)
    finally:
        for process in (scheduler, worker):
            if process is not None:
                process.kill()
                process.wait()
    assert slow.returncode == 1, stderr
    assert re.fullmatch(r"WARNING: learner code is NOT confined[^\n]*\npython -m grader grade: lost the Dask "
                        r"scheduler at [^\n]*the same command grades the rest\n", stderr), stderr
    settings = grading.Settings(1.0, 600.0, 4096, (), None)  # what that command graded with
    cache = grading.Cache(out / ".cache", (out / ".secret").read_bytes(), grading.grader_fingerprint(settings),
                          output_names(["a_quick", "b_slow"]))
    quick, slow_student = read_class(cls)
    assert cache.get(slow_student) is None
    assert sum(r["points"] for r in cache.get(quick)["results"] if r["exercise"] == "ex01_dot") == FULL


def test_scheduler_mistakes_are_one_line_usage_errors(tmp_path):
    """Caught before the class is read or a connection tried: an address without a port, and --jobs (which
    is for grading on this machine) given with --scheduler."""
    (tmp_path / "class" / "a").mkdir(parents=True)
    (tmp_path / "class" / "a" / "ex01_dot.py").write_text((ROOT / "solutions" / "ex01_dot.py").read_text())
    for extra, says in ((("--scheduler", "tcp://somehost"), "missing port number"),
                        (("--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"), "--jobs is for grading on this machine")):
        done = grade(tmp_path / "class", tmp_path / "out", *extra)
        assert done.returncode == 2 and says in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "out").exists()
