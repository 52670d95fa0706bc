# Generated from solutions/ex05_weight_decay.py by `python -m grader build`. This file is yours to edit.
"""Exercise 5: weight decay, as a penalty on the loss and as a step of SGD.

fastbook chapter 8, question 20: "Write the equation for weight decay (without peeking!)." and
question 21: "Write the equation for the gradient of weight decay. Why does it help reduce weights?"
Two more questions go with them: 19, "What is another name for weight decay?", and 22, "Why does
reducing weights lead to better generalization?"

Weight decay keeps a model's weights small. fastbook first writes it as a penalty added to the loss,
then as what that penalty does to the gradients; torch's optimizers apply it inside the step. This
exercise writes all three: `l2_penalty` (the penalty, as a tensor autograd can differentiate),
`l2_penalty_grad` (its gradient, worked out by hand) and `sgd_step` (one step of SGD with weight
decay, as `torch.optim.SGD` takes it, without `torch.optim`).

`params` may be any iterable of tensors, as for `torch.optim.SGD`: a list, or a generator such as
`model.parameters()`, which can be walked through only once.

Once you have answered the questions yourself, `docs/questionnaire.md` says where the worked
solutions answer them.
"""
from __future__ import annotations

from typing import Iterable

import torch


def l2_penalty(params: Iterable[torch.Tensor], wd: float) -> torch.Tensor:
    """The weight-decay penalty that fastbook adds to the loss (question 20), with coefficient `wd`, over
    every tensor in `params`: a 0-dim tensor that autograd can differentiate, so that adding it to a loss
    adds its gradient to each `p.grad`. No parameters give a 0-dim tensor 0.
    """
    # TODO: the weight-decay penalty fastbook adds to the loss, coefficient wd, over all of params: a 0-dim tensor
    raise NotImplementedError


def l2_penalty_grad(param: torch.Tensor, wd: float) -> torch.Tensor:
    """The gradient of `l2_penalty([param], wd)` with respect to `param`, worked out by hand (no autograd),
    as a new tensor: the parameter itself does not change."""
    # TODO: the gradient of l2_penalty([param], wd) with respect to param, worked out by hand, as a new tensor
    raise NotImplementedError


def sgd_step(params: Iterable[torch.Tensor], lr: float, wd: float = 0.0) -> None:
    """One step of plain SGD with weight decay, in place: the step that
    `torch.optim.SGD(params, lr=lr, weight_decay=wd).step()` takes (torch's documentation of SGD says
    how `weight_decay` enters it).

    A p whose .grad is None is left alone. The gradients are not zeroed and not changed.
    """
    # TODO: the step that torch.optim.SGD(params, lr=lr, weight_decay=wd) takes, in place, without torch.optim
    raise NotImplementedError
