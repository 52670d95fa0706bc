"""A worker's life: confine itself, then answer probe requests until its channel closes.

Each request names a file of the student's (in `workspace/src`), a probe, plain arguments, a request id and,
for a notebook, how many of its learner cells the check sees; the answer is the probe's `Outcome` with the
same id, as `grader.wire` data. Learner modules are imported on first use and kept for the worker's life
(one worker serves one student); a notebook's next cells run when a check further down asks for them.
"""
from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from grader import wire
from grader.loading import LearnerFile, LoadFailed
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
    files: dict[str, LearnerFile] = {}
    while True:
        try:
            request = wire.loads(recv_frame(channel))
        except ChannelClosed:
            return
        file = request["file"]
        if file not in files:
            files[file] = LearnerFile(workspace / "src" / os.path.basename(file), request["display"])
        module: Any
        try:
            module = files[file].module(request["cells"])  # a notebook: its cells above the check's grade cell
        except LoadFailed as e:
            module = e
        outcome = run_probe(module, request["probe"], tuple(request["args"]), request["kwargs"],
                            request["watch"], request["device"])
        try:
            data = wire.dumps({"id": request["id"], "outcome": outcome})
        except wire.WireError as e:  # the probe got something it cannot send: say so instead of dying
            unsendable = Outcome(None, ErrorInfo("probe", "WireError", str(e)), outcome.printed, outcome.violations)
            data = wire.dumps({"id": request["id"], "outcome": unsendable})
        send_frame(channel, data)
