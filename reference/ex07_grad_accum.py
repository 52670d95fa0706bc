"""Reference for ex07: the full batch in one backward pass, and each group's gradient summed with
torch.autograd.grad and handed to the optimizer, instead of accumulating through .backward()."""
from __future__ import annotations

from typing import Callable, Iterable

import torch
from torch import nn


def accumulate_gradients(model: nn.Module, loss_fn: Callable, xb: torch.Tensor, yb: torch.Tensor,
                         accum_steps: int) -> float:
    device = next(model.parameters()).device
    model.zero_grad()
    loss = loss_fn(model(xb.to(device)), yb.to(device))
    loss.backward()
    return loss.item()


def train_accumulated(model: nn.Module, loss_fn: Callable, opt: torch.optim.Optimizer,
                      batches: Iterable[tuple[torch.Tensor, torch.Tensor]], accum_steps: int) -> list[float]:
    device = next(model.parameters()).device
    params = list(model.parameters())
    batches = list(batches)
    losses = []
    for start in range(0, len(batches), accum_steps):
        total = [torch.zeros_like(p) for p in params]
        for x, y in batches[start:start + accum_steps]:
            loss = loss_fn(model(x.to(device)), y.to(device))
            total = [t + g for t, g in zip(total, torch.autograd.grad(loss / accum_steps, params))]
            losses.append(loss.item())
        for p, g in zip(params, total):
            p.grad = g
        opt.step()
        opt.zero_grad()
    return losses
