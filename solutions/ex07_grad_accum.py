"""Exercise 7: gradient accumulation, a big batch's gradient from small micro-batches.

"Road to the Top", part 3: a large model on a small GPU runs out of memory at the batch size you
want. Gradient accumulation splits each batch into micro-batches that fit, runs forward and backward
on one at a time, and steps the optimizer only after the whole batch has been seen. It works
because `backward()` *adds* into each parameter's `.grad` instead of overwriting it: the gradients of
the micro-batches pile up into the gradient of the batch. Memory for activations is that of one
micro-batch; the result is (up to rounding) the big batch's step.

Two things make the sum come out right. The loss is a mean over its rows, so each micro-batch's
mean must be weighted by its share of the batch (`len(x) / N`; `1 / accum_steps` when the sizes
are equal). And `.grad` must start clear and be cleared after each step, or old gradients leak in.

The equivalence is exact only for models whose output for one example does not depend on the rest
of the batch. BatchNorm normalises with the statistics of the batch it sees, so a micro-batch of 4
is normalised differently from the batch of 16 it came from, and the gradients differ. Run
`python solutions/ex07_grad_accum.py` for the numbers; on this model the largest difference is about
1e-7 (rounding) without BatchNorm and about 0.3 with it. fastai's `GradientAccumulation` callback
has the same caveat.
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
    ### BEGIN SOLUTION
    if accum_steps < 1:
        raise ValueError(f"accum_steps must be at least 1, got {accum_steps}")
    # The data may come from a CPU DataLoader while the model lives on the GPU.
    device = next(model.parameters()).device
    xb, yb = xb.to(device), yb.to(device)
    # backward() adds into .grad: whatever an earlier batch left there would be added to this gradient.
    model.zero_grad()
    n = len(xb)
    total = 0.0
    # tensor_split makes exactly accum_steps pieces whose sizes differ by at most one (chunk would not).
    for x, y in zip(xb.tensor_split(accum_steps), yb.tensor_split(accum_steps)):
        if len(x) == 0:  # more steps than rows: nothing to add (a mean over no rows would be nan)
            continue
        loss = loss_fn(model(x), y)
        # loss is the mean over this micro-batch's rows; times len(x) / n it is this micro-batch's share
        # of the mean over all n rows. The shares add up to the full-batch loss, and so do their
        # gradients. (Dividing by accum_steps is the same only when every micro-batch has n / accum_steps rows.)
        share = len(x) / n
        (loss * share).backward()
        # .item() copies a number out: adding the tensor itself would keep every micro-batch's graph alive,
        # which is exactly the memory that accumulation is meant to save.
        total += loss.item() * share
    return total
    ### END SOLUTION


def train_accumulated(model: nn.Module, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                      opt: torch.optim.Optimizer, batches: Iterable[tuple[torch.Tensor, torch.Tensor]],
                      accum_steps: int) -> list[float]:
    """Train on `batches` of micro-batches `(x, y)`: backward of `loss / accum_steps` for each, then
    `opt.step()` and `opt.zero_grad()` after every `accum_steps` micro-batches, and once more after a
    shorter last group. Returns each micro-batch's loss (unscaled) as a float. Moves each micro-batch to
    the model's device.
    """
    ### BEGIN SOLUTION
    device = next(model.parameters()).device
    losses: list[float] = []
    pending = 0  # micro-batches back-propagated since the last step
    for x, y in batches:  # any iterable: a list, or a DataLoader that has no len()
        loss = loss_fn(model(x.to(device)), y.to(device))
        # Each micro-batch carries 1 / accum_steps of the group's gradient, so that the step is that of
        # the mean loss over the group, as if it had been one batch (exactly so when sizes are equal).
        (loss / accum_steps).backward()
        losses.append(loss.item())  # the loss itself, not the scaled one: it is what you would plot
        pending += 1
        if pending == accum_steps:
            opt.step()
            # Clear only now, after the step: clearing inside the loop would throw away the gradients
            # this group has been accumulating.
            opt.zero_grad()
            pending = 0
    if pending:  # a shorter last group still deserves its step
        opt.step()
        opt.zero_grad()
    return losses
    ### END SOLUTION


### BEGIN SOLUTION
def _batchnorm_demo(batch: int = 16, accum_steps: int = 4) -> dict[str, float]:
    """The largest gradient difference between one full batch and `accum_steps` micro-batches, for the
    same small model without and with BatchNorm (same weights, same data)."""
    torch.manual_seed(0)
    x, y = torch.randn(batch, 8), torch.randn(batch, 1)
    differences = {}
    for name, norm in [("without BatchNorm", nn.Identity()), ("with BatchNorm", nn.BatchNorm1d(16))]:
        torch.manual_seed(1)
        model = nn.Sequential(nn.Linear(8, 16), norm, nn.ReLU(), nn.Linear(16, 1))
        nn.functional.mse_loss(model(x), y).backward()  # the batch in one go
        full = [p.grad.clone() for p in model.parameters()]
        accumulate_gradients(model, nn.functional.mse_loss, x, y, accum_steps)
        differences[name] = max(float((p.grad - g).abs().max()) for p, g in zip(model.parameters(), full))
    return differences


if __name__ == "__main__":
    print("largest gradient difference, 4 micro-batches of 4 against one batch of 16:")
    for name, difference in _batchnorm_demo().items():
        print(f"  {name + ':':<19} {difference:.1e}")
### END SOLUTION
