"""A time limit on learner code running in this process (self-check, pytest, notebooks).

SIGALRM interrupts a pure-Python infinite loop between bytecodes. The alarm re-fires every
0.2 s, so learner code that swallows the first interrupt with `except BaseException` still stops.
Grading does not rely on this: its workers are separate processes that are killed.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class TimeLimit(BaseException):
    """Raised inside learner code when its time is up (a BaseException: `except Exception` won't eat it)."""


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    if seconds is None or not available():
        yield
        return
    if seconds <= 0:
        raise TimeLimit()

    def interrupt(signum: int, frame: object) -> None:
        raise TimeLimit()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.2)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
