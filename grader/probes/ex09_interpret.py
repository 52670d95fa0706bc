"""Probes for ex09: the extremes as titles, whatever sequence of strings holds them."""
from __future__ import annotations

from typing import Any

import numpy as np

from grader.plain import to_plain
from grader.probes import Context, probe


@probe
def extremes(ctx: Context, bias: Any, titles: list[str], k: int) -> Any:
    """`bias_extremes(bias, titles, k=k)`; a side given as a numpy array of strings (which plain values do not
    carry) comes back as a list of its items."""
    value = ctx.run(ctx.get("bias_extremes"), bias, titles, k=k)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return tuple(_side(v) for v in (tuple.__iter__(value) if isinstance(value, tuple) else list.__iter__(value)))
    return to_plain(value)


def _side(side: Any) -> Any:
    if isinstance(side, np.ndarray) and side.ndim == 1 and side.dtype.kind in "USO":
        return [to_plain(item) for item in np.ndarray.tolist(np.ndarray.view(side, np.ndarray))]
    return to_plain(side)
