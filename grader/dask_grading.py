"""`python -m grader grade SUBMISSIONS --out DIR --scheduler ADDRESS`: the same grading on a Dask cluster.

This process is the client. It reads the class with the same safe reader as local grading, skips the
students the cache holds, and submits one task per student that carries the student's bytes. Each
Dask worker sets grading up once, in a worker plugin: it checks that its kernel confines learner code
(and refuses the work, saying why, unless the client passed --unconfined), that it runs the same
grader as the client, imports everything, and starts its fork server. A task grades one student with
the same `grading.Grader` as local grading and sends the results back as JSON text: plain data, never
a learner's object. Only the client writes: each student's cache entry as it arrives, the outputs at
the end, so the same class gives the same bytes here and locally.

The grading secret travels inside the plugin, over Dask's comm (TLS where the cluster is set up for
it): to the scheduler, which keeps the plugins of a run to set up a worker that joins or restarts
mid-run, and to the Dask worker processes, which draw the inputs from it. Never to a fork server or a
confined worker: those are fresh interpreters with a scrubbed environment, as in local grading. The
client removes the plugin when the run ends, so no process of the cluster keeps the secret after it.

Faults: a Dask worker that dies mid-run has its students rescheduled by Dask on the others, and
results are keyed by student, so none is lost or counted twice. A scheduler that goes away ends the
run with one line; what was graded is in the cache, so the same command grades only the rest.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import logging
import shutil
import tempfile
import threading
import uuid
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

from distributed import Client, KilledWorker, WorkerPlugin, as_completed, get_worker

from grader import course, grading
from grader.grading import Settings
from grader.submissions import Student, output_names

PLUGIN = "lesson7-grading"
CONNECT_SECONDS = 10  # to reach the scheduler, and to reach it again after the connection drops
KEPT = "the students graded so far are kept: the same command grades the rest"
WINDOW = 64  # students submitted ahead of the results (at least 4 per worker thread)


class DaskFailed(RuntimeError):
    """The run could not go on (no scheduler); the message is one line for the instructor."""


class Refused(RuntimeError):
    """A Dask worker will not grade, and says why (no Landlock, another version of the grader)."""


class GradingPlugin(WorkerPlugin):
    """Set up once per Dask worker: the confinement check, the imports, the fork server (`grading.Grader`)."""

    def __init__(self, settings: Settings, secret: bytes, fingerprint: str) -> None:
        self.settings, self.secret, self.fingerprint = settings, secret, fingerprint
        self.refusal: str | None = None
        self.confinement: str | None = None  # what confines learner code on this worker, in words
        self.grader: grading.Grader | None = None

    async def setup(self, worker: Any) -> None:
        self.address = worker.address
        await asyncio.to_thread(self._prepare, worker.local_directory)  # seconds of imports: not on the event loop

    def _prepare(self, local_directory: str) -> None:
        from grader.sandbox import kernel

        if self.settings.confinement is not None:
            try:
                self.confinement = kernel.trial()
            except kernel.Unconfinable as e:
                self._refuse(f"{e}. {grading.UNCONFINABLE_ADVICE}")
        grading.import_everything()
        # The worker's own threads (its event loop, heartbeats, comms) draw from the global `random` while a
        # check's strategies run; hypothesis sees that state move and blames the strategies, on every
        # student. The checks and references use no global `random` (on one machine it is never said).
        warnings.filterwarnings("ignore", message="Do not use the `random` module inside strategies")
        if grading.grader_fingerprint(self.settings) != self.fingerprint:
            self._refuse("it runs another version of the grader than the client (its grader/ or reference/ differ): "
                         "install the same version on every worker")
        # This installation's own references and tests, as well as the client's class and output folders
        # (a cluster with a shared file system sees those too).
        self.settings = replace(self.settings, protected=tuple(sorted({*self.settings.protected,
                                                                        *grading.grader_folders()})))
        # In the worker's own folder, which Dask removes when the worker ends, even after a kill.
        workspace_root = Path(tempfile.mkdtemp(prefix="lesson7-grading-", dir=local_directory))
        self.grader = grading.Grader(self.settings, workspace_root, self.secret)
        # One student at a time: a check sets process-wide state while it runs (torch's thread count, the
        # pool of constants hypothesis draws from: grader.engine), so two students graded at once in one
        # process could disturb each other's inputs, and a second fork server per thread would double the
        # memory. A worker given several threads grades its students one after another (so start workers
        # with --nthreads 1).
        self._one_at_a_time = threading.Lock()

    def _refuse(self, why: str) -> None:
        self.refusal = f"the Dask worker at {self.address} refuses to grade: {why}"
        raise Refused(self.refusal)

    def grade(self, student: Student) -> dict:
        if self.refusal is not None or self.grader is None:
            raise Refused(self.refusal or f"the Dask worker at {self.address} has no grading set-up")
        with self._one_at_a_time:
            return self.grader.grade(student)

    def teardown(self, worker: Any) -> None:
        if self.grader is not None:
            self.grader.close()
            shutil.rmtree(self.grader.workspace_root, ignore_errors=True)


def grade_task(student: Student) -> str:
    """One student, on a Dask worker: the results as JSON text."""
    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN)
    if not isinstance(plugin, GradingPlugin):
        raise Refused(f"the Dask worker at {worker.address} has no grading set-up (did it fail to start?)")
    return json.dumps(plugin.grade(student))


def _confinement(dask_worker: Any) -> str | None:
    plugin = dask_worker.plugins.get(PLUGIN)
    return plugin.confinement if isinstance(plugin, GradingPlugin) else None


def address_problem(address: str) -> str | None:
    """What is wrong with a scheduler's address, in words (None: nothing we can tell before connecting)."""
    from distributed.comm.addressing import get_address_host_port

    try:
        get_address_host_port(address)
    except ValueError as e:
        return f"--scheduler {address}: {e}; give the Dask scheduler's address, such as tcp://host:8786"
    return None


def grade_all(address: str, students: list[Student], out: Path, settings: Settings, force: bool,
              secret: bytes) -> tuple[list[dict], int, str | None]:
    """`grading.grade_class` on the Dask cluster at `address`: the results, how many were graded now,
    and what confined learner code on the workers (None with --unconfined)."""
    for name in ["distributed", *logging.root.manager.loggerDict]:  # every failure ends in one line of ours
        if name.split(".")[0] == "distributed":
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise DaskFailed(f"cannot reach the Dask scheduler at {address}: {e}") from None
    confinement: set[str] = set()
    try:
        results, graded = grading.grade_class(students, out, settings, force, secret,
                                              lambda todo: _grade_on(client, todo, settings, secret, confinement))
    finally:
        client.close(timeout=5)
    if settings.confinement is None:
        return results, graded, None
    return results, graded, " / ".join(sorted(confinement)) or ""


def _grade_on(client: Client, todo: list[Student], settings: Settings, secret: bytes,
              confinement: set[str]) -> Iterator[dict]:
    scheduler = client.scheduler.address
    names = output_names([s.name for s in todo])
    run = uuid.uuid4().hex[:8]  # keys of this run only: another client may grade on the same cluster
    waiting = iter(todo)
    futures: dict[Any, Student] = {}
    running = as_completed(loop=client.loop)

    def submit(count: int) -> None:
        """Up to `count` more students: the scheduler holds a window of the class, never all its files."""
        for student in itertools.islice(waiting, count):
            future = client.submit(grade_task, student, key=f"grade-{names[student.name]}-{run}", pure=False)
            futures[future] = student
            running.add(future)

    try:
        client.register_plugin(GradingPlugin(settings, secret, grading.grader_fingerprint(settings)), name=PLUGIN)
        confinement.update(c for c in client.run(_confinement).values() if c)
        exercises = course.all_exercises()
        submit(max(WINDOW, 4 * sum(client.nthreads().values())))
        for future in running:
            student = futures.pop(future)
            submit(1)
            if future.status == "finished":
                yield json.loads(future.result())
            elif future.status == "cancelled":  # the connection to the scheduler dropped
                raise DaskFailed(f"lost the Dask scheduler at {scheduler}; {KEPT}")
            elif isinstance(error := future.exception(), Refused):
                raise error
            else:
                why = ("the Dask workers grading it died, again and again" if isinstance(error, KilledWorker)
                       else f"the grader failed on this submission ({type(error).__name__}: {error})")
                yield grading.grader_failed(student, exercises, why)
    except (OSError, TimeoutError) as e:
        raise DaskFailed(f"lost the Dask scheduler at {scheduler} ({e}); {KEPT}") from None
    finally:
        for future in futures:
            future.cancel()
        try:
            client.unregister_worker_plugin(PLUGIN)  # the workers close their fork servers and drop the secret
        except Exception:  # noqa: BLE001 - the scheduler is gone: so are the plugin and the secret with it
            pass
