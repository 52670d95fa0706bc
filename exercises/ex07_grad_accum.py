# Generated from solutions/ex07_grad_accum.py by `python -m grader build`. This file is yours to edit.
"""Exercise 7: gradient accumulation, a big batch's gradient from small micro-batches.

"Road to the Top", part 3: a large model on a small GPU runs out of memory at the batch size you
want. Gradient accumulation splits each batch into micro-batches that fit, runs forward and backward
on one at a time, and steps the optimizer only after the whole batch has been seen. It works
because `backward()` *adds* into each parameter's `.grad` instead of overwriting it. Memory for
activations is that of one micro-batch.

`accumulate_gradients` computes one batch's gradient from micro-batches; `train_accumulated` is a
training loop that steps after every `accum_steps` micro-batches.
"""
from __future__ import annotations

from typing import Callable, Iterable

import torch
from torch import nn


def accumulate_gradients(model: nn.Module, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                         xb: torch.Tensor, yb: torch.Tensor, accum_steps: int) -> float:
    """Set every parameter's `.grad` to the gradient of `loss_fn(model(xb), yb)` (a mean over the batch),
    computed in `accum_steps` micro-batches along dim 0 whose sizes differ by at most one.

    Returns the full-batch loss as a float. Does not step. `xb` and `yb` may be on the CPU while the model
    is on the GPU: move them to the model's device.
    """
    # TODO: make .grad the whole batch's gradient, from accum_steps micro-batches; return the batch's loss as a float
    raise NotImplementedError


def train_accumulated(model: nn.Module, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                      opt: torch.optim.Optimizer, batches: Iterable[tuple[torch.Tensor, torch.Tensor]],
                      accum_steps: int) -> list[float]:
    """Train on `batches` of micro-batches `(x, y)`: backward of `loss / accum_steps` for each, then
    `opt.step()` and `opt.zero_grad()` after every `accum_steps` micro-batches, and once more after a
    shorter last group. Returns each micro-batch's loss (unscaled) as a float. Moves each micro-batch to
    the model's device.
    """
    # TODO: backward of loss / accum_steps per micro-batch; step and zero_grad every accum_steps and after a short last group
    raise NotImplementedError


