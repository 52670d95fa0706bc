"""Exercise 7: gradient accumulation, a big batch's gradient from small micro-batches.

"Road to the Top", part 3: a large model on a small GPU runs out of memory at the batch size you
want. Gradient accumulation splits each batch into micro-batches that fit, runs forward and backward
on one at a time, and steps the optimizer only after the whole batch has been seen. It works
because `backward()` *adds* into each parameter's `.grad` instead of overwriting it. Memory for
activations is that of one micro-batch.

`accumulate_gradients` computes one batch's gradient from micro-batches; `train_accumulated` is a
training loop that steps after every `accum_steps` micro-batches.

### BEGIN SOLUTION NOTES
Two things make the sum come out right. The loss is a mean over its rows, so each micro-batch's
mean must be weighted by its share of the batch (`len(x) / N`; `1 / accum_steps` when the sizes
are equal). And `.grad` must start clear and be cleared after each step, or old gradients leak in.

Jeremy's point: keep the learning rate. Road to the Top trains with `bs=64 // accum` and
`GradientAccumulation(64)`, so whatever `accum` is (1, 2, 4), the weights change once per 64
images, by the gradient of the mean loss over those 64. The effective batch stays 64, and so the
learning rate that suited a batch of 64 still suits it: he changes `accum` to fit a bigger model in
memory without searching for a new learning rate. (Without accumulation, a batch 4 times smaller
would want about a 4 times smaller learning rate: ex06's notes.)

What fastai's `GradientAccumulation(n_acc)` counts. Not micro-batches, as `accum_steps` here does,
but samples: after each backward it adds the micro-batch's size to a count, and steps (then
clears the gradients) only once the count reaches `n_acc`. It scales each micro-batch's loss by
`len(x) / n_acc`, its share of the `n_acc` samples. `GradientAccumulation(64)` with batches of 16
steps every 4 micro-batches; with equal sizes the two ways agree. Its count also carries over from
one epoch to the next: a short group at the end of an epoch is not stepped on its own, its
gradient joins the next epoch's first group.

A shorter last group. `train_accumulated` divides every loss by `accum_steps`, so a last group of
k < accum_steps micro-batches accumulates k / accum_steps of a full group's gradient, and with
plain SGD takes a step k / accum_steps as long: a proportionally smaller step for the fewer rows it
saw.

Where the equivalence breaks: BatchNorm. It is exact only for models whose output for one example
does not depend on the rest of the batch. BatchNorm normalises each micro-batch with that
micro-batch's own mean and variance, so a micro-batch of 4 is normalised differently from the batch
of 16 it came from, and the gradients differ. Run `python solutions/ex07_grad_accum.py`: the largest
difference it prints is below 1e-7 (rounding) without BatchNorm and 0.32 with it
(tests/test_worked_solutions.py reproduces both). In training mode each forward pass also updates
BatchNorm's running mean and variance, so they move once per micro-batch, accum_steps times per
step, each time from fewer examples. And a micro-batch with a single value per channel (one row
into `BatchNorm1d`) fails in training mode: a variance needs more than one value.
### END SOLUTION NOTES
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
