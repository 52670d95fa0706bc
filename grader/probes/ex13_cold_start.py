"""Probes for ex13: the fold-in called on movie weights that require grad (as a model's do), and whether
the call changed them."""
from __future__ import annotations

from typing import Any

import torch

from grader.plain import to_plain
from grader.probes import Context, probe


@probe
def fold_in_fixed(ctx: Context, movie_factors: torch.Tensor, movie_bias: torch.Tensor, movies: torch.Tensor,
                  ratings: torch.Tensor, wd: float, y_range: tuple) -> dict[str, Any]:
    """`fold_in_user(...)` on weights that require grad; the result, and which weights it left changed."""
    before = [movie_factors.detach().clone(), movie_bias.detach().clone()]
    out = ctx.run(ctx.get("fold_in_user"), movie_factors, movie_bias, movies, ratings, wd=wd, y_range=tuple(y_range))
    pairs = (("movie_factors", movie_factors, before[0]), ("movie_bias", movie_bias, before[1]))
    changed = [name for name, now, then in pairs if not torch.equal(now.detach(), then)]
    return {"out": to_plain(out), "changed": changed}
