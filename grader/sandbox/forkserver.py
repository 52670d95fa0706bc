"""A fork server for workers: torch is imported once, each worker costs a fork.

The server is a fresh interpreter (never a fork of the grading process), started with an environment
that holds nothing of the grader's and a `sys.path` without the working folder: whatever the grading
process holds in memory (the grading secret, hypothesis, the references, the specs) no worker can
inherit. It talks to its one client over a socket pair: `spawn` forks a worker that confines itself
and serves probes on a socket the client passed in; `release` kills a worker with its whole process
group and any orphan that escaped it (the server is a child subreaper); `status` says how a worker
ended.

The client trusts the server no further than its replies: each has a deadline, and a server that
misses one, or dies, raises `ServerFailed`; `kill` then ends it and every worker it had started, and
the caller grades that student again on a new server.
"""
from __future__ import annotations

import ctypes
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from grader.sandbox.channel import ChannelClosed, ChannelTimeout, recv_frame, send_frame
from grader.sandbox.policy import Limits

PR_SET_CHILD_SUBREAPER = 36
REPLY_SECONDS = 30.0  # a fork, or a kill and a reap, takes milliseconds; a server this late is stuck or stopped
STARTUP_SECONDS = 300.0  # importing torch and friends, on a machine that may be busy with other graders
SERVER_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")


class ServerFailed(BaseException):
    """The fork server died, or did not answer in time. A BaseException: it is not the learner's doing,
    so no check may catch it, and hypothesis must not shrink it; the grading process handles it."""


class ForkServer:
    """The client's handle: spawn workers, release them, ask how they ended."""

    def __init__(self, confined: bool = True) -> None:
        self.confined = confined
        self._sock, theirs = socket.socketpair()
        self._workers: set[int] = set()
        self._ready = False
        self._process = _start(theirs)
        theirs.close()

    @property
    def pid(self) -> int:
        return self._process.pid

    def spawn(self, channel: socket.socket, workspace: Path, protected: list[str], limits: Limits) -> int:
        self.wait_until_ready()
        request = {"op": "spawn", "workspace": str(workspace), "protected": protected, "limits": asdict(limits),
                   "confined": self.confined}
        try:
            socket.send_fds(self._sock, [_frame(request)], [channel.fileno()])
        except OSError as e:
            raise ServerFailed(f"the fork server is gone ({e})") from None
        pid = int(self._reply()["pid"])
        if pid < 0:
            raise ServerFailed("the fork server could not fork a worker")
        self._workers.add(pid)
        return pid

    def release(self, pid: int) -> str:
        """Kill the worker, its process group and every orphan; how it had ended, in words."""
        self._workers.discard(pid)
        return str(self._ask({"op": "release", "pid": pid})["status"])

    def status(self, pid: int, wait: float = 2.0) -> str:
        """How a worker that closed its channel ended (waits for it to exit, then kills what is left)."""
        return str(self._ask({"op": "status", "pid": pid, "wait": wait}, wait)["status"])

    def kill(self) -> None:
        """End a failed server at once, and every worker it started (they are in sessions of their own)."""
        for pid in self._workers:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self._workers.clear()
        self._process.kill()
        self.close()

    def close(self) -> None:
        """Stop the server; it kills every worker and orphan first."""
        self._sock.close()
        try:
            self._process.wait(timeout=REPLY_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def wait_until_ready(self) -> None:
        """The server says when its imports are done; until then it is slow, not stuck."""
        if not self._ready:
            self._reply(STARTUP_SECONDS - REPLY_SECONDS)
            self._ready = True

    def _ask(self, message: dict, extra: float = 0.0) -> dict:
        self.wait_until_ready()
        try:
            send_frame(self._sock, json.dumps(message).encode())
        except (ChannelClosed, OSError) as e:
            raise ServerFailed(f"the fork server is gone ({e})") from None
        return self._reply(extra)

    def _reply(self, extra: float = 0.0) -> dict:
        """The server's answer; `extra` seconds on top of REPLY_SECONDS for a request that waits on purpose."""
        seconds = REPLY_SECONDS + extra
        try:
            return json.loads(recv_frame(self._sock, time.monotonic() + seconds))
        except ChannelTimeout:
            raise ServerFailed(f"the fork server did not answer within {seconds:g} s") from None
        except (ChannelClosed, OSError, ValueError) as e:
            raise ServerFailed(f"the fork server is gone ({e})") from None


def _frame(message: dict) -> bytes:
    data = json.dumps(message).encode()
    return len(data).to_bytes(4, "big") + data


def _start(theirs: socket.socket) -> subprocess.Popen:
    """The server in a new interpreter: isolated mode (no environment variables read, no user site), the
    grading process's own import path without its working folder, and a scrubbed environment."""
    path = [p for p in sys.path if p and os.path.isabs(p) and os.path.realpath(p) != os.path.realpath(os.getcwd())]
    root = str(Path(__file__).resolve().parents[2])
    code = (f"import sys; sys.path[:] = {[root, *path]!r}; from grader.sandbox.forkserver import main; "
            f"main({theirs.fileno()})")
    environment = {k: v for k, v in os.environ.items() if k in SERVER_ENVIRONMENT}
    return subprocess.Popen([sys.executable, "-I", "-c", code], pass_fds=[theirs.fileno()], cwd="/",
                            stdin=subprocess.DEVNULL, env=environment)


def main(fd: int) -> None:
    """Entry point of the server."""
    _serve(socket.socket(fileno=fd))


def _serve(sock: socket.socket) -> None:
    from grader.sandbox import policy, worker

    readable = _prepare()
    try:
        send_frame(sock, json.dumps({"ready": True}).encode())
    except ChannelClosed:  # the grading process died while we started (a Dask worker killed): nobody to serve
        return

    workers: dict[int, str | None] = {}  # pid -> how it ended (None while running)
    grants: dict[tuple[str, ...], list] = {}  # protected folders -> what a worker may read
    while True:
        try:
            message, fds = _receive(sock)
        except (ChannelClosed, OSError):
            break
        op = message.get("op")
        if op == "spawn":
            (channel_fd,) = fds
            if policy.loaded_secrets():  # a bug in the grader: no worker may inherit them
                raise RuntimeError(f"the fork server holds {policy.loaded_secrets()}: refusing to fork workers")
            protected = tuple(message["protected"])
            if message["confined"] and protected not in grants:
                grants[protected] = readable(list(protected))
            pid = os.fork()
            if pid == 0:
                sock.close()
                for fd in _open_fds():  # the worker keeps its channel and nothing else of the server's
                    if fd > 2 and fd != channel_fd:
                        _close(fd)
                code = 0
                try:
                    worker.run(channel_fd, Path(message["workspace"]), list(protected), Limits(**message["limits"]),
                               grants[protected] if message["confined"] else None)
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


def _prepare():  # type: ignore[no-untyped-def]
    """Import what every worker needs once, and become the subreaper of everything workers start.
    Returns the function that lists what a confined worker may read."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import torch

    import grader.probes
    import grader.wire  # noqa: F401
    from grader.sandbox import kernel, policy

    torch.set_num_threads(1)  # several graders share the cores; and OpenMP pools don't survive fork
    # Learner code builds torch.optim optimizers (ex08's fit must); the first construction imports
    # torch._dynamo, which is slow under a time limit. Build one here, once, so workers inherit it.
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    grader.probes.load_all()
    try:
        from grader.sandbox import syscalls  # noqa: F401 - libseccomp is found once, here, not in each worker
    except (ImportError, RuntimeError, OSError):  # unconfined grading on a machine without it
        pass
    try:
        ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: process groups still hold most of it
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the grader, which closes us in order
    files = policy.worker_files()
    gc.freeze()  # torch and the rest outlive every worker: their collections skip it, and its pages stay shared
    return lambda protected: kernel.readable(protected, files)


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
                signal.SIGFPE: "a floating-point exception", signal.SIGSYS: "a forbidden system call"}.get(
                    number, signal.Signals(number).name)
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
