"""A worker's life: confine itself, then answer probe requests until its channel closes.

Each request names a file of the student's (in `workspace/src`), a probe, plain arguments and a request id; the
answer is the probe's `Outcome` with the same id, as `grader.wire` data. Learner modules are
imported on first use and kept for the worker's life (one worker serves one student).
"""
from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from grader import wire
from grader.loading import LoadFailed, load_module
from grader.probes import ErrorInfo, Outcome, run_probe
from grader.sandbox.channel import ChannelClosed, recv_frame, send_frame
from grader.sandbox.kernel import Grant
from grader.sandbox.policy import Limits, confine


def run(channel_fd: int, workspace: Path, protected: list[str], limits: Limits, readable: list[Grant] | None) -> None:
    """Confine this process (kernel confinement unless `readable` is None), then serve the channel."""
    channel = socket.socket(fileno=channel_fd)
    confine(workspace, protected, limits, readable)
    serve(channel, workspace)


def serve(channel: socket.socket, workspace: Path) -> None:
    modules: dict[str, Any] = {}
    while True:
        try:
            request = wire.loads(recv_frame(channel))
        except ChannelClosed:
            return
        file = request["file"]
        if file not in modules:
            try:
                modules[file] = load_module(workspace / "src" / os.path.basename(file), request["display"])
            except LoadFailed as e:
                modules[file] = e
        outcome = run_probe(modules[file], request["probe"], tuple(request["args"]), request["kwargs"],
                            request["watch"], request["device"])
        try:
            data = wire.dumps({"id": request["id"], "outcome": outcome})
        except wire.WireError as e:  # the probe got something it cannot send: say so instead of dying
            unsendable = Outcome(None, ErrorInfo("probe", "WireError", str(e)), outcome.printed, outcome.violations)
            data = wire.dumps({"id": request["id"], "outcome": unsendable})
        send_frame(channel, data)
