"""`python -m grader check` on several cores: exercises are handed out, one at a time, to children
forked after the imports (torch, pandas, hypothesis and the specs are loaded once, in the parent).

Each child checks an exercise in its own process and sends the results back as a line of JSON. If
learner code kills a child (`os._exit`, a segfault), that exercise is reported as crashed and a
fresh child takes the rest: the run still ends with a full report. Where fork is not safe (not
Linux) or one core is all there is, the exercises run one after another in this process instead.
"""
from __future__ import annotations

import json
import os
import select
import signal
import sys
from collections import deque
from typing import Callable, Iterable

Work = Callable[[str], list[dict]]


def available(jobs: int) -> bool:
    return jobs > 1 and sys.platform.startswith("linux")


def run(names: list[str], work: Work, jobs: int) -> dict[str, list[dict] | None]:
    """`work(name)` for every name, on up to `jobs` children; None where a child died on that name."""
    todo, results = deque(names), {}
    children: dict[int, _Child] = {}
    try:
        for _ in range(min(jobs, len(names))):
            child = _Child.start(work, children.values())
            children[child.results] = child
            child.give(todo.popleft())
        while children:
            ready, _, _ = select.select(list(children), [], [])
            for fd in ready:
                child = children[fd]
                line = child.read_line()
                if line is None:  # the child died on its exercise
                    results[child.current] = None
                    child.close()
                    del children[fd]
                    if todo:
                        child = _Child.start(work, children.values())
                        children[child.results] = child
                        child.give(todo.popleft())
                    continue
                message = json.loads(line)
                results[message["name"]] = message["results"]
                if todo:
                    child.give(todo.popleft())
                else:
                    child.close()
                    del children[fd]
    finally:
        for child in children.values():
            child.kill()
    return results


class _Child:
    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid, self.tasks, self.results = pid, tasks, results
        self.current = ""
        self._buffer = b""

    @classmethod
    def start(cls, work: Work, siblings: Iterable["_Child"]) -> "_Child":
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: check exercises until the task pipe closes
            # A sibling's task pipe must close when the parent closes it: keep no copy of its end here.
            for fd in [task_w, result_r, *(f for sibling in siblings for f in (sibling.tasks, sibling.results))]:
                os.close(fd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                with os.fdopen(task_r) as tasks, os.fdopen(result_w, "w") as out:
                    for name in tasks:
                        name = name.strip()
                        out.write(json.dumps({"name": name, "results": work(name)}) + "\n")
                        out.flush()
            except BaseException:  # noqa: BLE001 - the parent reports the exercise as crashed
                code = 1
            finally:
                os._exit(code)
        os.close(task_r)
        os.close(result_w)
        return cls(pid, task_w, result_r)

    def give(self, name: str) -> None:
        self.current = name
        os.write(self.tasks, (name + "\n").encode())

    def read_line(self) -> str | None:
        while b"\n" not in self._buffer:
            chunk = os.read(self.results, 1 << 16)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def close(self) -> None:
        for fd in (self.tasks, self.results):
            try:
                os.close(fd)
            except OSError:
                pass
        os.waitpid(self.pid, 0)

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.close()
