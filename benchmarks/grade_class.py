"""Seconds per student for `python -m grader grade`, on a generated class; here or on Dask.

    python benchmarks/grade_class.py --students 50 [--jobs 2] [--keep DIR]
    python benchmarks/grade_class.py --students 20 --scheduler local:1 --scheduler local:2 [--repeat 3]
    python benchmarks/grade_class.py --students 200 --scheduler tcp://host:8786

Each student hands in, for every exercise, the worked solution, the untouched stub or a version from
the corpus (tests/corpus), drawn with a fixed seed; every file gets a comment with the student's id,
so no two students share a file and nothing is reused from a cache. Prints the wall time of each whole
`grade` command (with --force), seconds per student and students per second, and the mean score.

`--scheduler local:N` starts a Dask LocalCluster of N single-threaded worker processes and grades the
class on it, next to local grading with `--jobs N` on the same class: the difference per student is
what the distributed path costs. The cluster is started (and its workers' imports done, as a running
cluster's are) before the clock starts; each timed run includes everything `grade` does, its fork
servers' start on the workers too. Every run grades with the same secret, and everything each writes
(gradebook, results, feedback, report, cache) must be byte for byte the same. Timings on a machine
that others share are noisy: run it more than once.
"""
from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import course  # noqa: E402
from grader.corpus import load_cases  # noqa: E402
from grader.build import stub_source  # noqa: E402


def make_class(folder: Path, n: int, seed: int = 0) -> None:
    draw = random.Random(seed)
    cases: dict[str, list[str]] = {name: [] for name in course.names()}
    for case in load_cases():
        cases[case.exercise].append(case.source())
    for i in range(n):
        student = folder / f"student{i:03d}"
        student.mkdir(parents=True)
        for name in course.names():
            kind = draw.choices(["solution", "stub", "corpus"], weights=[4, 2, 4])[0]
            source = {"solution": lambda: (ROOT / "solutions" / f"{name}.py").read_text(),
                      "stub": lambda: stub_source((ROOT / "solutions" / f"{name}.py").read_text(), name),
                      "corpus": lambda: draw.choice(cases[name])}[kind]()
            (student / f"{name}.py").write_text(f"# {student.name}\n{source}")


def class_and_secret(base: Path, students: int) -> tuple[Path, Path]:
    """A generated class of `students` in base/class, and a fixed grading secret in base/secret, so that
    every run of a benchmark grades the same inputs the same way."""
    submissions, secret = base / "class", base / "secret"
    make_class(submissions, students)
    secret.write_text("the benchmark's grading secret, the same for every run")
    return submissions, secret


def timed_grade(submissions: Path, out: Path, secret: Path, *extra: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out), "--force",
                           "--secret", str(secret), *extra], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return seconds, done.stdout


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file `grade` wrote in `folder`, by its path there."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _warm() -> None:
    """On a worker: what every grading run imports, once, as a long-running worker has it."""
    from grader import grading

    grading.import_everything()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2, help="grading processes here, without --scheduler")
    parser.add_argument("--scheduler", action="append", default=[], metavar="local:N|ADDRESS",
                        help="also grade on Dask: a LocalCluster of N workers (next to --jobs N here), or a running "
                             "scheduler's address; repeat for several")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="time every run R times, in turn, and keep the fastest (on a shared machine, the least disturbed)")
    parser.add_argument("--keep", type=Path, help="build the class and the grades here instead of a temporary folder")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="grade-class-"))
    submissions, secret = class_and_secret(base, args.students)

    runs: list[tuple[str, list[str], int | None]] = []  # (name, grade's options, LocalCluster workers)
    for scheduler in args.scheduler:
        if scheduler.startswith("local:"):
            workers = int(scheduler.split(":", 1)[1])
            if f"--jobs {workers}" not in [name for name, _, _ in runs]:
                runs.append((f"--jobs {workers}", ["--jobs", str(workers)], None))
            runs.append((scheduler, [], workers))
        else:
            runs.append((scheduler, ["--scheduler", scheduler], None))
    if not args.scheduler:
        runs.append((f"--jobs {args.jobs}", ["--jobs", str(args.jobs)], None))

    results: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    written: dict[str, dict[str, bytes]] = {}
    for attempt in range(args.repeat):  # in turn, so that a busy spell on the machine does not hit one run only
        for index, (name, options, workers) in enumerate(runs):
            out = base / f"grades{index}"
            if workers is None:
                seconds, stdout = timed_grade(submissions, out, secret, *options)
            else:
                from distributed import Client, LocalCluster

                with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, Client(cluster) as client:
                    client.run(_warm)
                    seconds, stdout = timed_grade(submissions, out, secret, "--scheduler", cluster.scheduler_address)
            results[name].append(seconds)
            written[name] = outputs(out)
            if index == 0 and attempt == 0:
                print(stdout.strip(), end="\n\n")
    first, *others = written
    for other in others:
        if written[other] != written[first]:
            differ = sorted(k for k in {*written[first], *written[other]} if written[first].get(k) != written[other].get(k))
            sys.exit(f"{first} and {other} wrote different bytes: {', '.join(differ[:10])}")

    with open(base / "grades0" / "gradebook.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    mean = sum(int(r["points"]) for r in rows) / args.students
    most = sum(int(r["max_points"]) for r in rows) / args.students
    files = written[first]
    feedback = sum(k.startswith("feedback/") for k in files)
    cached = sum(k.startswith(".cache/") for k in files)
    print(f"{args.students} students, {len(course.names())} exercises (mean score {mean:.1f}/{most:.0f}); every run "
          f"wrote the same bytes: {len(files)} files ({', '.join(k for k in files if '/' not in k)}, {feedback} "
          f"feedback files, {cached} cache entries)")
    best = {name: min(times) for name, times in results.items()}
    print(f"wall seconds: the fastest of {args.repeat} runs each" + (
        "" if args.repeat == 1 else f" (all: {'; '.join(f'{n} ' + ', '.join(f'{t:.1f}' for t in ts) for n, ts in results.items())})"))
    print(f"{'grading':<22}{'wall s':>8}{'s/student':>11}{'students/s':>12}{'overhead/student':>18}")
    for name, seconds in best.items():
        local = best.get(f"--jobs {name.split(':', 1)[1]}") if name.startswith("local:") else None
        overhead = "" if local is None else f"{(seconds - local) / args.students:+.3f} s ({(seconds / local - 1):+.1%})"
        label = f"Dask {name}" if name.startswith("local:") or "://" in name else f"here {name}"
        print(f"{label:<22}{seconds:>8.1f}{seconds / args.students:>11.2f}{args.students / seconds:>12.2f}"
              f"{overhead:>18}")


if __name__ == "__main__":
    main()
