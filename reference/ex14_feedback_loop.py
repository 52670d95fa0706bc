"""Reference for ex14: numpy's lexsort for the ranking (unseen first, then score descending, then item
index), the sorted-counts formula for the Gini coefficient (where the solution sums over pairs), and
numpy's seeded choice for exploration. The feedback plot (`python -m grader plot feedback`) runs these."""
from __future__ import annotations

import math

import numpy as np
import torch


def _array(x) -> np.ndarray:
    return x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)


def recommend(scores, seen, k: int) -> torch.Tensor:
    seen_np = _array(seen).astype(bool)
    n_users, n_items = seen_np.shape
    if ((~seen_np).sum(1) < k).any():
        raise ValueError(f"a user has fewer than k={k} unseen items")
    s = np.broadcast_to(_array(scores), (n_users, n_items))
    index = np.broadcast_to(np.arange(n_items), (n_users, n_items))
    # lexsort sorts by its last key first: unseen before seen, then higher score, then lower index.
    order = np.lexsort((index, -s, seen_np), axis=-1)
    return torch.from_numpy(np.ascontiguousarray(order[:, :k]).astype(np.int64))


def gini(counts) -> float:
    c = np.sort(_array(counts).astype(np.float64).ravel())
    n, total = len(c), c.sum()
    if n == 0 or total == 0:
        return 0.0
    rank = np.arange(1, n + 1)
    # sum_i sum_j |c_i - c_j| = 2 sum_i (2i - n - 1) c_(i) for the counts sorted ascending, i from 1.
    return float(((2 * rank - n - 1) * c).sum() / (n * total))


def explored_count(explore: float, k: int) -> int:
    return math.floor(explore * k)


def feedback_round(counts, seen, k: int, explore: float = 0.0, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    if not 0.0 <= explore <= 1.0:
        raise ValueError(f"explore must be in [0, 1], got {explore}")
    seen_np = _array(seen).astype(bool)
    counts_t = torch.as_tensor(counts)
    e = explored_count(explore, k)
    top = recommend(counts_t, seen_np, k).numpy()[:, : k - e]  # raises when a user has fewer than k unseen
    shown = np.zeros_like(seen_np)
    np.put_along_axis(shown, top, True, axis=1)
    rng = np.random.default_rng(seed)
    for user in range(len(seen_np)):
        others = np.flatnonzero(~seen_np[user] & ~shown[user])
        shown[user, rng.choice(others, size=e, replace=False)] = True
    new_counts = counts_t + torch.from_numpy(shown.sum(0)).to(counts_t.dtype)
    return new_counts, torch.from_numpy(seen_np | shown)


def simulate(seen, rounds: int, k: int, explore: float = 0.0, seed: int = 0) -> list[float]:
    seen_t = torch.as_tensor(seen, dtype=torch.bool)
    counts = seen_t.sum(0)
    history = [gini(counts)]
    for r in range(rounds):
        counts, seen_t = feedback_round(counts, seen_t, k, explore, seed + r)
        history.append(gini(counts))
    return history
