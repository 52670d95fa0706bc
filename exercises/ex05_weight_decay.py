# Generated from solutions/ex05_weight_decay.py by `python -m grader build`. This file is yours to edit.
"""Exercise 5: weight decay, as a penalty on the loss and as a step of SGD.

fastbook chapter 8, question 20: "Write the equation for weight decay (without peeking!)." and
question 21: "Write the equation for the gradient of weight decay. Why does it help reduce weights?"

Question 20, the equation: weight decay (L2 regularization) adds the sum of the squares of all the
parameters, times a factor wd, to the loss:

    loss_with_wd = loss + wd * sum(p ** 2 for every weight p)

Question 21, the gradient: the derivative of wd * p ** 2 with respect to p is 2 * wd * p, so
the penalty adds, to the gradient of every parameter,

    p.grad += 2 * wd * p

and one SGD step becomes p -= lr * (grad + 2 * wd * p) = (1 - 2 * lr * wd) * p - lr * grad.
Why it reduces the weights: the extra term always points the same way as p, so every step shrinks
each weight toward 0 by the fixed fraction 2 * lr * wd, and only a weight whose gradient keeps
pushing back stays large. Small weights make a flatter function that fits the noise less, so the
model generalizes better.

fastbook's `2 * wd` and torch's `wd` are the same idea with wd rescaled. fastbook differentiates
the penalty wd * sum(p ** 2) and gets 2 * wd * p. `torch.optim.SGD(params, lr, weight_decay=wd)`
skips the loss and adds wd * p straight to the gradient: the gradient of the penalty
(wd / 2) * sum(p ** 2). So torch's weight_decay=0.2 decays exactly as fastbook's
penalty with wd=0.1 does; only the number written down differs, and that is why `sgd_step` below
adds wd * p while `l2_penalty_grad` returns 2 * wd * p.

`params` may be any iterable of tensors, as for `torch.optim.SGD`: a list, or a generator such as
`model.parameters()`, which can be walked through only once.
"""
from __future__ import annotations

from typing import Iterable

import torch


def l2_penalty(params: Iterable[torch.Tensor], wd: float) -> torch.Tensor:
    """`wd * sum over every tensor p in params of (p ** 2).sum()`, as a 0-dim tensor in the graph.

    Added to a loss, its backward adds `2 * wd * p` to each `p.grad`.
    """
    # TODO: wd times the sum of (p ** 2).sum() over every p in params, as a 0-dim tensor autograd can differentiate
    raise NotImplementedError


def l2_penalty_grad(param: torch.Tensor, wd: float) -> torch.Tensor:
    """The gradient of `wd * (param ** 2).sum()` with respect to `param`: `2 * wd * param`."""
    # TODO: return the gradient of wd * (param ** 2).sum(): 2 * wd * param
    raise NotImplementedError


def sgd_step(params: Iterable[torch.Tensor], lr: float, wd: float = 0.0) -> None:
    """One step of plain SGD with weight decay, in place: what
    `torch.optim.SGD(params, lr=lr, weight_decay=wd).step()` does.

    For every p in params with a gradient: p -= lr * (p.grad + wd * p). A p whose .grad is None
    is left alone. The gradients are not zeroed and not changed.
    """
    # TODO: under torch.no_grad(), for each p with a gradient: p -= lr * (p.grad + wd * p), in place; leave p.grad as it is
    raise NotImplementedError
