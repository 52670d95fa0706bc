"""Torch on one thread while checks run."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run torch on one thread: the checks' tensors hold a few numbers, and on a machine whose cores are busy,
    waking torch's other threads for a softmax or a backward pass costs milliseconds instead of microseconds
    (measured: ex06's checks 3.3-4.2 s with two threads on a loaded 2-core machine, about 1 s with one).
    The count is put back afterwards, so a notebook's own training keeps its threads."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
