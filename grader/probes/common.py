"""Probes every exercise uses."""
from __future__ import annotations

from typing import Any

from grader.plain import to_plain
from grader.probes import Context, probe


@probe
def call(ctx: Context, name: str, args: list, kwargs: dict) -> Any:
    """`name(*args, **kwargs)` in the learner's module; the result as plain values."""
    return to_plain(ctx.run(ctx.get(name), *args, **kwargs))

