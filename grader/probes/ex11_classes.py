"""Probes for ex11: the learner's DotProductClasses, described, run on given weights, and trained."""
from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from grader.plain import to_plain
from grader.probes import Context, probe

PARTS = [("user_factors", "weight"), ("movie_factors", "weight"), ("user_bias", "weight"), ("movie_bias", "weight"),
         ("head", "weight"), ("head", "bias")]
NAMES = ["user_factors", "movie_factors", "user_bias", "movie_bias", "head_weight", "head_bias"]


def _shapes(model: Any) -> dict[str, Any]:
    shapes = {}
    for (module, attribute), name in zip(PARTS, NAMES):
        param = getattr(getattr(model, module, None), attribute, None)
        shapes[name] = tuple(param.shape) if isinstance(param, torch.Tensor) else None
    return shapes


@probe
def forward(ctx: Context, sizes: list, weights: dict, x: torch.Tensor) -> dict[str, Any]:
    """The learner's model with the given weights put in (where the shapes allow), run on x."""
    model = ctx.run(ctx.get("DotProductClasses"), *sizes).to(ctx.device)
    shapes = _shapes(model)
    if any(shapes[name] != tuple(weights[name].shape) for name in NAMES):
        return {"shapes": shapes, "out": None}
    with torch.no_grad():
        for (module, attribute), name in zip(PARTS, NAMES):
            getattr(getattr(model, module), attribute).copy_(weights[name])
    return {"shapes": shapes, "out": to_plain(ctx.run(model, x))}


@probe
def train(ctx: Context, sizes: list, x: torch.Tensor, classes: torch.Tensor, steps: int, lr: float) -> dict[str, Any]:
    """Full-batch gradient descent on cross-entropy for `steps` steps: the loss before and after.

    Written out by hand rather than with torch.optim: an optimizer's first construction imports
    torch._dynamo, 1.5 s that this check has no need for."""
    model = ctx.run(ctx.get("DotProductClasses"), *sizes).to(ctx.device)
    params = list(model.parameters())
    before = F.cross_entropy(ctx.run(model, x), classes).item()
    for _ in range(steps):
        loss = F.cross_entropy(ctx.run(model, x), classes)
        for p in params:
            p.grad = None
        ctx.run(loss.backward)
        with torch.no_grad():
            for p in params:
                if p.grad is not None:
                    p -= lr * p.grad
    with torch.no_grad():
        after = F.cross_entropy(ctx.run(model, x), classes).item()
    return {"parameters": len(params), "before": before, "after": after}
