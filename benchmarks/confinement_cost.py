"""What kernel confinement costs per worker, in milliseconds.

    python benchmarks/confinement_cost.py [--workers 40]

Two fork servers, one confining its workers (Landlock + seccomp + capabilities) and one not. For each,
`--workers` times: spawn a worker, have it answer one trivial probe (so it has confined itself and run
learner code), release it. Prints the median and spread of that round trip for both, and their
difference: what confinement adds to each worker. Also times the confinement step alone in a bare
forked child (fork + confine + exit against fork + exit), without torch in memory.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.sandbox import kernel, policy  # noqa: E402
from grader.sandbox.forkserver import ForkServer  # noqa: E402
from grader.sandbox.policy import Limits  # noqa: E402
from grader.sandbox.runner import SandboxRunner  # noqa: E402


def round_trips(confined: bool, workers: int, workspace: Path) -> list[float]:
    server = ForkServer(confined=confined)
    times = []
    try:
        for i in range(workers + 1):
            runner = SandboxRunner(server, workspace, [], Limits())
            runner.begin_check(60)
            start = time.perf_counter()
            outcome = runner.run(workspace / "src" / "ex01_dot.py", "x", "common.call", ("dot", [[1], [2]], {}), {}, None)
            runner.shutdown()
            if outcome.error is not None or outcome.value != 2:
                raise SystemExit(f"the worker did not answer: {outcome}")
            if i:  # the first one waits for the server's imports
                times.append((time.perf_counter() - start) * 1000)
    finally:
        server.close()
    return times


def bare(confine: bool, repeats: int, grants: list) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            if confine:
                kernel.confine_process(grants, os.getpid())
            os._exit(0)
        os.waitpid(pid, 0)
        times.append((time.perf_counter() - start) * 1000)
    return times


def show(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{label:<44} median {median:7.2f} ms   min {min(times):7.2f}   max {max(times):7.2f}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=40)
    args = parser.parse_args()
    print(kernel.trial())
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        (workspace / "src").mkdir()
        (workspace / "work").mkdir()
        (workspace / "src" / "ex01_dot.py").write_text("def dot(u, v):\n    return sum(a * b for a, b in zip(u, v))\n")
        confined = show("worker round trip, confined", round_trips(True, args.workers, workspace))
        unconfined = show("worker round trip, unconfined", round_trips(False, args.workers, workspace))
        grants = policy.grants(workspace, kernel.readable([], policy.worker_files()))
        alone = show("fork + confine + exit (bare process)", bare(True, args.workers, grants))
        plain = show("fork + exit (bare process)", bare(False, args.workers, grants))
    print(f"confinement adds {confined - unconfined:.2f} ms per worker (bare: {alone - plain:.2f} ms, "
          f"{len(grants)} Landlock rules)")


if __name__ == "__main__":
    main()
