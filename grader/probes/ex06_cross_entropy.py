"""Probes for ex06: the gradient that a learner's loss sends back to the logits."""
from __future__ import annotations

from typing import Any

import torch

from grader.plain import to_plain
from grader.probes import Context, probe


@probe
def gradient(ctx: Context, name: str, logits: torch.Tensor, *rest: torch.Tensor) -> dict[str, Any]:
    """`name(logits, *rest).backward()`, then `logits.grad`; `why` says what stopped the gradient, if anything."""
    loss = ctx.run(ctx.get(name), logits, *rest)
    if not isinstance(loss, torch.Tensor):
        return {"grad": None, "why": f"it returned {type(loss).__name__}, not a tensor"}
    if not loss.requires_grad:
        return {"grad": None, "why": "the loss it returned does not require grad: the graph was cut"}
    if loss.numel() != 1:
        return {"grad": None, "why": f"the loss has shape {list(loss.shape)}, not a single number"}
    ctx.run(loss.backward)
    return {"grad": to_plain(logits.grad), "why": ""}
