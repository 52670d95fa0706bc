"""Reference for ex01: the dot product, through numpy (exact for integers)."""
from __future__ import annotations

from typing import Sequence

import numpy as np


def dot(u: Sequence[float], v: Sequence[float]) -> float:
    if len(u) != len(v):
        raise ValueError(f"lengths differ: {len(u)} and {len(v)}")
    if all(isinstance(x, int) for x in [*u, *v]):
        return sum(np.multiply(np.array(u, dtype=object), np.array(v, dtype=object)).tolist())
    return float(np.dot(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))) if len(u) else 0
