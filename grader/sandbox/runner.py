"""The grader's side of isolation: a `Runner` whose probes run in a confined worker.

Only plain data crosses (`grader.wire`, never pickle). A call that outlives the check's time is
answered by killing the worker; a worker that dies (exit, segfault, memory) costs the call it was
on; either way the next call gets a fresh worker, which imports the learner's files again. A fork
server that fails raises `ServerFailed` out of the check, to the grading process.
"""
from __future__ import annotations

import itertools
import socket
import time
from dataclasses import replace
from pathlib import Path

from grader import wire
from grader.learner import CheckBudget
from grader.probes import ErrorInfo, Outcome
from grader.sandbox.channel import ChannelClosed, ChannelTimeout, FrameTooLarge, recv_frame, send_frame
from grader.sandbox.forkserver import ForkServer, ServerFailed
from grader.sandbox.policy import Limits


class SandboxRunner:
    def __init__(self, server: ForkServer, workspace: Path, protected: list[str], limits: Limits,
                 device: str = "cpu") -> None:
        self.server, self.workspace, self.protected, self.limits, self.device = server, workspace, protected, limits, device
        self._worker: tuple[int, socket.socket] | None = None
        self._ran: dict[str, int | None] = {}  # file -> notebook cells the worker has run (None: all)
        self._ids = itertools.count()
        self.budget = CheckBudget()

    def begin_check(self, seconds: float | None) -> None:
        self.budget.begin(seconds)

    def run(self, path: Path, display: str, probe: str, args: tuple, kwargs: dict, watch: str | None,
            cells: int | None = None) -> Outcome:
        if self.budget.spent:
            return self.budget.timed_out()
        if path.name in self._ran and _fewer(cells, self._ran[path.name]):
            # A check that sees fewer notebook cells than the worker has run: a fresh process, so that nothing the
            # later cells started (a thread, a patch of a library) is still there.
            self.shutdown()
        pid, channel = self._worker or self._spawn()
        self._ran[path.name] = cells if path.name not in self._ran else _later(cells, self._ran[path.name])
        request_id = next(self._ids)
        request = {"id": request_id, "file": path.name, "display": display, "probe": probe, "args": list(args),
                   "kwargs": kwargs, "watch": watch, "device": self.device, "cells": cells}
        start = time.monotonic()
        deadline = None if self.budget.left is None else start + self.budget.left
        try:
            send_frame(channel, wire.dumps(request))
            reply = wire.loads(recv_frame(channel, deadline))
            if not isinstance(reply, dict) or reply.get("id") != request_id or not isinstance(reply.get("outcome"), Outcome):
                raise wire.WireError("an answer that does not match the question")
            return self._placeless(reply["outcome"], path, display)
        except ChannelTimeout:
            self.shutdown()
            return self.budget.exhaust()
        except ChannelClosed:
            self._worker = None
            ended = self.server.status(pid)
            channel.close()
            return Outcome(error=ErrorInfo("crash", "WorkerDied", f"stopped the process running it: it {ended}. "
                                           "A fresh process takes the next check."))
        except (wire.WireError, FrameTooLarge) as e:
            self.shutdown()
            return Outcome(error=ErrorInfo("crash", "BadAnswer", f"made its process send something unreadable ({e})"))
        finally:
            self.budget.charge(time.monotonic() - start)

    def _placeless(self, outcome: Outcome, path: Path, display: str) -> Outcome:
        """The outcome with the workspace's paths put the same way wherever and whenever grading ran. The
        workspace is a fresh temporary folder (on a Dask worker, inside the worker's own), and a warning,
        traceback or print of the learner's code quotes it: left in, the same submission would get other
        bytes on every run, and, where a long line is cut to fit, other words."""
        places = [(str(self.workspace / "src" / path.name), display), (str(self.workspace), "<workspace>")]

        def put(text: str) -> str:
            for where, said in places:
                text = text.replace(where, said)
            return text

        error = outcome.error
        if error is not None:
            error = replace(error, message=put(error.message), where=put(error.where))
        return replace(outcome, error=error, printed=put(outcome.printed),
                       violations=tuple(put(v) for v in outcome.violations))

    def shutdown(self) -> None:
        """Kill the worker (and all it started), if there is one."""
        if self._worker is not None:
            pid, channel = self._worker
            self._worker = None
            channel.close()
            try:
                self.server.release(pid)
            except ServerFailed:  # the caller replaces the server, which kills its workers
                pass

    def _spawn(self) -> tuple[int, socket.socket]:
        self._ran = {}
        ours, theirs = socket.socketpair()
        try:
            pid = self.server.spawn(theirs, self.workspace, self.protected, self.limits)
        finally:
            theirs.close()
        self._worker = (pid, ours)
        return self._worker


def _fewer(cells: int | None, ran: int | None) -> bool:
    """Whether a check that sees `cells` notebook cells sees fewer than have run (None: every cell)."""
    return cells is not None and (ran is None or cells < ran)


def _later(cells: int | None, ran: int | None) -> int | None:
    return None if cells is None or ran is None else max(cells, ran)
