"""Probes for ex03: the gradient that reaches `weight` through the learner's lookup."""
from __future__ import annotations

from typing import Any

import torch

from grader.plain import to_plain
from grader.probes import Context, probe


@probe
def lookup_gradient(ctx: Context, weight: torch.Tensor, indices: torch.Tensor, upstream: torch.Tensor) -> dict[str, Any]:
    """Run the lookup, back-propagate `upstream` through it, and return the output and weight.grad."""
    out = ctx.run(ctx.get("embedding_lookup"), weight, indices)
    result = {"out": to_plain(out), "grad": None, "connected": False}
    if isinstance(out, torch.Tensor) and out.shape == upstream.shape and out.requires_grad:
        ctx.run(lambda: (out * upstream).sum().backward())
        result["connected"] = True
        result["grad"] = to_plain(weight.grad)
    return result
