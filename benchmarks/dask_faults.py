"""What `grade --scheduler` does when it loses a Dask worker, or its scheduler, mid-class; prints the figures.

    python benchmarks/dask_faults.py --students 12

1. **A worker killed.** A generated class (`grade_class.make_class`) is graded here (`--jobs 2`), then
   on a LocalCluster of two single-threaded worker processes; once a few students are in the cache, a
   worker that is grading is killed with SIGKILL. Prints the students it held and how often each went
   to a worker, whether every student is in the gradebook exactly once, and whether every file written
   is local grading's bytes.
2. **The scheduler gone.** `dask scheduler` and one `dask worker --nthreads 1` run as processes; the
   scheduler is killed once a few students are in the cache. Prints `grade`'s exit status, its stderr
   and the cache entries kept; then a new scheduler and worker, the same command, and how many
   students that run graded (the rest only).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from grade_class import ROOT, class_and_secret, outputs  # noqa: E402

DASK = Path(sys.executable).parent / "dask"  # this environment's `dask` command


def grade(submissions: Path, out: Path, secret: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out), "--secret", str(secret),
            *extra]


def wait_for(condition, seconds: float = 300.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        if time.monotonic() > deadline:
            sys.exit(f"waited {seconds:g} s in vain")
        time.sleep(0.05)
    return found


def killed_worker(submissions: Path, base: Path, secret: Path, students: int, after: int) -> None:
    import logging

    from distributed import Client, LocalCluster

    here = subprocess.run(grade(submissions, base / "here", secret, "--jobs", "2"), cwd=ROOT, capture_output=True,
                          text=True)
    if here.returncode:
        sys.exit(here.stderr[-3000:])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        process = subprocess.Popen(grade(submissions, base / "dask", secret, "--scheduler", cluster.scheduler_address),
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        def grading_worker() -> tuple[str, list[str]] | None:
            return next(((w, [str(k) for k in keys if str(k).startswith("grade-")])
                         for w, keys in client.processing().items() if any(str(k).startswith("grade-") for k in keys)),
                        None)

        cached = base / "dask" / ".cache"
        victim, held = wait_for(lambda: len(list(cached.glob("*.json"))) >= after and grading_worker())
        os.kill(client.run(os.getpid, workers=[victim])[victim], signal.SIGKILL)
        stdout, stderr = process.communicate()
        seconds = time.perf_counter() - started
        sent = {key: sum(t[2] == "processing" for t in client.story(key)) for key in held}
    if process.returncode:
        sys.exit(stderr[-3000:])
    with open(base / "dask" / "gradebook.csv", newline="") as f:
        rows = Counter((r["student"], r["exercise"], r["check"]) for r in csv.DictReader(f))
    graded = {s for s, _, _ in rows}
    student = {key: key.split("-")[1] for key in held}  # keys are grade-STUDENT-RUN
    print(f"1. a worker killed (SIGKILL) once {after} students were cached, while it graded {', '.join(student.values())}; "
          f"the Dask run took {seconds:.1f} s")
    print(f"   times each of its students went to a worker: {', '.join(f'{student[k]} {n}' for k, n in sent.items())}")
    print(f"   students in the gradebook: {len(graded)} of {students}; rows per student and check: "
          f"{sorted(set(rows.values()))}")
    same = outputs(base / "dask") == outputs(base / "here")
    print(f"   every file the same bytes as grading here (--jobs 2): {same} ({len(outputs(base / 'here'))} files)")
    print("   " + next(line for line in stdout.splitlines() if line.startswith("graded ")))


def start_cluster(folder: Path) -> tuple[subprocess.Popen, subprocess.Popen, str]:
    """`dask scheduler` and one `dask worker --nthreads 1`, as an instructor starts them."""
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    file = folder / "scheduler.json"
    file.unlink(missing_ok=True)
    scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(file)], **quiet)
    address = json.loads(wait_for(lambda: file.exists() and file.read_text()))["address"]
    worker = subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard"], **quiet)
    return scheduler, worker, address


def scheduler_gone(submissions: Path, base: Path, secret: Path, students: int, after: int) -> None:
    out = base / "gone"
    scheduler, worker, address = start_cluster(base)
    try:
        process = subprocess.Popen(grade(submissions, out, secret, "--scheduler", address), cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: len(list((out / ".cache").glob("*.json"))) >= after)
        scheduler.kill()
        _, stderr = process.communicate(timeout=120)
    finally:
        for p in (scheduler, worker):
            p.kill()
            p.wait()
    kept = len(list((out / ".cache").glob("*.json")))
    print(f"2. the scheduler killed (SIGKILL) once {after} students were cached: grade exited {process.returncode}, "
          f"stderr {len(stderr.splitlines())} line:")
    print(f"   {stderr.strip()}")
    print(f"   cache entries kept: {kept} of {students}")
    scheduler, worker, address = start_cluster(base)
    try:
        again = subprocess.run(grade(submissions, out, secret, "--scheduler", address), cwd=ROOT, capture_output=True,
                               text=True, timeout=1800)
    finally:
        for p in (scheduler, worker):
            p.kill()
            p.wait()
    if again.returncode:
        sys.exit(again.stderr[-3000:])
    graded = next(line for line in again.stdout.splitlines() if line.startswith("graded "))
    print(f"   the same command on a new scheduler: {graded}")
    same = outputs(out) == outputs(base / "here")
    print(f"   every file the same bytes as grading here: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--after", type=int, default=3, help="students cached before a worker, then the scheduler, is killed")
    parser.add_argument("--keep", type=Path, help="build the class and the grades here instead of a temporary folder")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="dask-faults-"))
    submissions, secret = class_and_secret(base, args.students)
    killed_worker(submissions, base, secret, args.students, args.after)
    scheduler_gone(submissions, base, secret, args.students, args.after)


if __name__ == "__main__":
    main()
