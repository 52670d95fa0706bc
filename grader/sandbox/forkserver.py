"""A fork server for workers: torch is imported once, each worker costs a fork.

The server is forked from a grading process *before* that process imports hypothesis, the
references or the specs (`start()` checks, and falls back to a fresh interpreter if it is too
late), so no worker ever holds the grader's secrets in memory. It talks to its one client over a
socket pair: `spawn` forks a confined worker that serves probes on a socket the client passed in;
`release` kills a worker with its whole process group and any orphan that escaped it (the server
is a child subreaper, so escaped processes are re-parented to it); `status` says how a worker ended.
"""
from __future__ import annotations

import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from grader.sandbox.channel import ChannelClosed, recv_frame, send_frame
from grader.sandbox.policy import Limits

# Modules that must never be in a worker's memory (with their submodules); if the caller already holds
# one, the server is started from a fresh interpreter instead of a fork.
SECRETS = ("hypothesis", "reference", "solutions", "grader.engine")
SECRET_PREFIXES = ("grader.specs.",)  # the checks; the grader.specs package itself only lists names
PR_SET_CHILD_SUBREAPER = 36


class ForkServer:
    """The client's handle: spawn workers, release them, ask how they ended."""

    def __init__(self) -> None:
        self._sock, theirs = socket.socketpair()
        if holds_secrets():
            self._pid = _start_fresh(theirs)
        else:
            self._pid = os.fork()
            if self._pid == 0:  # the server
                self._sock.close()
                try:
                    _serve(theirs)
                finally:
                    os._exit(0)
        theirs.close()

    def spawn(self, channel: socket.socket, scratch: Path, protected: list[str], limits: Limits) -> int:
        request = {"op": "spawn", "scratch": str(scratch), "protected": protected, "limits": asdict(limits)}
        socket.send_fds(self._sock, [_frame(request)], [channel.fileno()])
        return int(self._reply()["pid"])

    def release(self, pid: int) -> str:
        """Kill the worker, its process group and every orphan; how it had ended, in words."""
        send_frame(self._sock, json.dumps({"op": "release", "pid": pid}).encode())
        return str(self._reply()["status"])

    def status(self, pid: int, wait: float = 2.0) -> str:
        """How a worker that closed its channel ended (waits for it to exit, then kills what is left)."""
        send_frame(self._sock, json.dumps({"op": "status", "pid": pid, "wait": wait}).encode())
        return str(self._reply()["status"])

    def close(self) -> None:
        """Stop the server; it kills every worker and orphan first."""
        try:
            self._sock.close()
        finally:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass

    def _reply(self) -> dict:
        return json.loads(recv_frame(self._sock))


def holds_secrets() -> bool:
    """Whether this process has imported anything a worker must not inherit."""
    prefixes = tuple(s + "." for s in SECRETS) + SECRET_PREFIXES
    return any(m in SECRETS or m.startswith(prefixes) for m in sys.modules)


def _frame(message: dict) -> bytes:
    data = json.dumps(message).encode()
    return len(data).to_bytes(4, "big") + data


def _start_fresh(theirs: socket.socket) -> int:
    """The server in a new interpreter, for callers that already imported the grader's secrets."""
    root = str(Path(__file__).resolve().parents[2])
    code = (f"import sys; sys.path.insert(0, {root!r}); from grader.sandbox.forkserver import main; "
            f"main({theirs.fileno()})")
    process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()], cwd="/",
                               stdin=subprocess.DEVNULL)
    return process.pid


def main(fd: int) -> None:
    """Entry point of a fresh-interpreter server."""
    _serve(socket.socket(fileno=fd))


def _serve(sock: socket.socket) -> None:
    # A fork inherits every descriptor of the grading process (its pool's pipes among them): a worker
    # must reach none of them, so the server keeps only stdin/stdout/stderr and its own socket.
    os.closerange(3, sock.fileno())
    os.closerange(sock.fileno() + 1, _max_fd())
    _prepare()
    from grader.sandbox import worker

    workers: dict[int, str | None] = {}  # pid -> how it ended (None while running)
    while True:
        try:
            message, fds = _receive(sock)
        except (ChannelClosed, OSError):
            break
        op = message.get("op")
        if op == "spawn":
            (channel_fd,) = fds
            pid = os.fork()
            if pid == 0:
                sock.close()
                for fd in _open_fds():  # the worker keeps its channel and nothing else of the server's
                    if fd > 2 and fd != channel_fd:
                        _close(fd)
                code = 0
                try:
                    worker.run(channel_fd, Path(message["scratch"]), message["protected"], Limits(**message["limits"]))
                except BaseException:  # noqa: BLE001 - a worker never returns into the server's loop
                    code = 70
                finally:
                    os._exit(code)
            os.close(channel_fd)
            workers[pid] = None
            send_frame(sock, json.dumps({"pid": pid}).encode())
        elif op == "release":
            pid = message["pid"]
            _kill_group(pid)
            ended = workers.pop(pid, None) or _reap(pid, wait=5.0)
            _kill_orphans(set(workers))
            send_frame(sock, json.dumps({"status": ended}).encode())
        elif op == "status":
            pid = message["pid"]
            ended = workers.get(pid) or _reap(pid, wait=message.get("wait", 2.0))
            workers[pid] = ended
            send_frame(sock, json.dumps({"status": ended}).encode())
    for pid in workers:
        _kill_group(pid)
        _reap(pid, wait=1.0)
    _kill_orphans(set())


def _prepare() -> None:
    """Import what every worker needs once, and become the subreaper of everything workers start."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import torch

    import grader.probes
    import grader.wire  # noqa: F401

    torch.set_num_threads(1)  # several graders share the cores; and OpenMP pools don't survive fork
    # Learner code builds torch.optim optimizers (ex08's fit must); the first construction imports
    # torch._dynamo, which a confined worker cannot do. Build one here, once, so workers inherit it.
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    grader.probes.load_all()
    try:
        ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: process groups still hold most of it
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the grader, which closes us in order


def _receive(sock: socket.socket) -> tuple[dict, list[int]]:
    header, fds, _, _ = socket.recv_fds(sock, 4, 4)
    if not header:
        raise ChannelClosed("end of stream")
    while len(header) < 4:
        more = sock.recv(4 - len(header))
        if not more:
            raise ChannelClosed("end of stream")
        header += more
    size = int.from_bytes(header, "big")
    body = b""
    while len(body) < size:
        chunk = sock.recv(size - len(body))
        if not chunk:
            raise ChannelClosed("end of stream")
        body += chunk
    return json.loads(body), list(fds)


def _open_fds() -> list[int]:
    try:
        return [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return []


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _max_fd() -> int:
    try:
        return max(int(fd) for fd in os.listdir("/proc/self/fd")) + 1
    except (OSError, ValueError):
        return os.sysconf("SC_OPEN_MAX")


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _reap(pid: int, wait: float) -> str:
    """Wait up to `wait` seconds for `pid` to exit (then kill it) and describe how it ended."""
    end = time.monotonic() + wait
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return "it ended"
        if done:
            return describe(status)
        if time.monotonic() > end:
            _kill_group(pid)
            end = float("inf")
        time.sleep(0.005)


def describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = {signal.SIGSEGV: "a segmentation fault", signal.SIGKILL: "SIGKILL (killed)", signal.SIGXCPU:
                "its CPU time limit", signal.SIGABRT: "an abort", signal.SIGBUS: "a bus error",
                signal.SIGFPE: "a floating-point exception"}.get(number, signal.Signals(number).name)
        return f"was killed by {name}"
    code = os.WEXITSTATUS(status)
    return f"exited with code {code}" + (" (os._exit or sys.exit outside a call?)" if code in (0, 1) else "")


def _kill_orphans(keep: set[int]) -> None:
    """Kill and reap every child of the server that is not a live worker: escaped grandchildren."""
    me = os.getpid()
    for _ in range(50):  # killing one orphan can orphan its children in turn
        orphans = [pid for pid in _children(me) if pid not in keep]
        if not orphans:
            return
        for pid in orphans:
            _kill_group(pid)
        for pid in orphans:
            _reap(pid, wait=1.0)


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(entry.name))
    return found

