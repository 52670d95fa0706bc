"""Run a function in a confined child and get its plain result back; skip (or, under CI, fail) where
the kernel cannot confine.

`.ci/run` sets LESSON7_REQUIRE_CONFINEMENT=1: CI's machine has Landlock and seccomp, so a detector
that breaks must fail the run there instead of skipping the tests that prove confinement quietly.
"""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any, Callable

import pytest

REQUIRED = os.environ.get("LESSON7_REQUIRE_CONFINEMENT") == "1"


def require_confinement() -> str:
    """The confinement this machine offers; skip the test (fail it under CI) where there is none."""
    from grader.sandbox import kernel

    try:
        return kernel.trial()
    except kernel.Unconfinable as e:
        if REQUIRED:
            pytest.fail(f"LESSON7_REQUIRE_CONFINEMENT=1 but {e}")
        pytest.skip(str(e))


def confinement_flags() -> list[str]:
    """For tests about something else than confinement: grade confined where the kernel can, and with
    --unconfined where it cannot (but never under CI, where it must)."""
    from grader.sandbox import kernel

    try:
        kernel.trial()
        return []
    except kernel.Unconfinable as e:
        if REQUIRED:
            pytest.fail(f"LESSON7_REQUIRE_CONFINEMENT=1 but {e}")
        return ["--unconfined"]


def in_child(fn: Callable[[], Any], confine: Callable[[], None] | None = None, pause: bool = False,
             inspect: Callable[[int], Any] | None = None) -> Any:
    """`fn()` in a forked child after `confine()`; its JSON-able result, or {"died": status}. With
    `pause`, the child stops itself after confining so that `inspect(pid)` can look at it from here."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        code = 0
        try:
            if confine is not None:
                confine()
            if pause:
                os.kill(os.getpid(), signal.SIGSTOP)
            result = fn()
            os.write(write, json.dumps(result).encode())
        except BaseException as e:  # noqa: BLE001 - reported to the test
            os.write(write, json.dumps({"child error": f"{type(e).__name__}: {e}"}).encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    inspected = None
    if pause:
        for _ in range(500):
            if _state(pid) == "T":
                break
            time.sleep(0.01)
        inspected = inspect(pid) if inspect else None
        os.kill(pid, signal.SIGCONT)
    chunks = []
    while chunk := os.read(read, 1 << 16):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    result = json.loads(b"".join(chunks)) if chunks else {"died": status}
    return (result, inspected) if pause else result


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
