"""Reference for ex05: the penalty through torch.linalg's vector norm, its gradient through autograd,
and the step through the update function that `torch.optim.SGD.step()` itself calls.

`torch.optim.sgd.sgd` is SGD's algorithm without the `Optimizer` object around it. Building the object
(`torch.optim.SGD(...)`) costs 2.6 s the first time in a process (it imports torch._dynamo, measured
with torch 2.13), more than all of an exercise's checks together; tests/test_ex05_reference.py checks
that the two agree.
"""
from __future__ import annotations

from typing import Iterable

import torch
from torch.optim.sgd import sgd as sgd_update


def l2_penalty(params: Iterable[torch.Tensor], wd: float) -> torch.Tensor:
    # Started from a 0-dim tensor, so that no parameters give tensor(0.), not the number 0 (DESIGN.md 2.1).
    return wd * sum((torch.linalg.vector_norm(p) ** 2 for p in params), torch.zeros(()))


def l2_penalty_grad(param: torch.Tensor, wd: float) -> torch.Tensor:
    p = param.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(wd * (p ** 2).sum(), p)
    return grad


def sgd_step(params: Iterable[torch.Tensor], lr: float, wd: float = 0.0) -> None:
    stepped = [p for p in params if p.grad is not None]  # as SGD.step(): a parameter without a gradient is skipped
    with torch.no_grad():
        sgd_update(stepped, [p.grad for p in stepped], [None] * len(stepped), foreach=False,
                   weight_decay=wd, momentum=0.0, lr=lr, dampening=0.0, nesterov=False, maximize=False)
