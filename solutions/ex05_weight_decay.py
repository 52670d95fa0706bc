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

### BEGIN SOLUTION NOTES
Two numbers called `wd`. In `l2_penalty` and `l2_penalty_grad`, `wd` is the coefficient of the
penalty, the `wd` of fastbook's equation below. In `sgd_step`, `wd` is torch's `weight_decay`, the
rate at which each step shrinks the weights. They differ by a factor of 2, as the answer to
question 21 shows; to keep them apart, these notes call the first lambda and the second d.

Question 20 answered. Add the sum of the squares of all the weights, times lambda, to the loss:

    loss_with_wd = loss + lambda * sum((p ** 2).sum() for p in parameters)

Question 21 answered. The derivative of lambda * p ** 2 with respect to p is 2 * lambda * p, so the
penalty adds to the gradient of every weight

    p.grad += 2 * lambda * p

fastbook's next step: since lambda is a number we choose, choose it twice as big and drop the 2.
That is the convention of fastai's `wd` and torch's `weight_decay`: with d for that number, each
weight gets d * p, the gradient of the penalty (d / 2) * sum(p ** 2). So fastai's `wd=0.1` and
torch's `weight_decay=0.1` are the same 0.1. With plain SGD both change each weight by
-lr * 0.1 * p per step (torch adds 0.1 * p to the gradient; fastai by default shrinks the weight
directly, which for plain SGD is the same step), and both take the steps of the penalty
0.05 * sum(p ** 2) in the loss: `l2_penalty(params, 0.05)` gives the same SGD step as
`sgd_step(params, lr, wd=0.1)` (tests/test_worked_solutions.py checks this).

Why it reduces the weights: with the decay in the gradient, one SGD step is

    p -= lr * (p.grad + d * p),  that is  p = (1 - lr * d) * p - lr * p.grad

Every step first shrinks every weight by the factor 1 - lr * d, then follows the loss's gradient. A
weight that the loss does not keep pushing back out decays geometrically toward 0; only weights that
keep earning their size stay large. With lr = 0.1 and d = 0.1, a weight with no gradient keeps 99%
of itself per step:

>>> p = torch.ones(2, requires_grad=True)
>>> p.grad = torch.zeros(2)
>>> sgd_step([p], lr=0.1, wd=0.1)
>>> p.detach()
tensor([0.9900, 0.9900])

Question 19 answered. L2 regularization: the penalty is the squared L2 norm of the weights. The two
names mean the same thing for plain SGD, as above. With Adam they do not: an L2 penalty's gradient
passes through Adam's scaling, while decoupled weight decay (AdamW, fastai's default) shrinks the
weights directly. ex08's notes say how they differ.

Question 22 answered. Large weights let a model fit its training data with a function that changes
sharply: fastbook's picture is the parabola y = a * x ** 2, which gets narrower as a grows. A
function with sharp canyons can pass through every training rating, noise included, and then
predicts badly between them. Keeping the weights small keeps the function smooth, so it has to
capture what many ratings agree on instead of what each one says. In collaborative filtering: a movie
with three ratings could get large factors that reproduce those three exactly; with weight decay its
factors stay near 0 unless many ratings pull them out, so the model leans on its bias and on what
it knows about similar movies. fastbook's DotProductBias shows it: without weight decay its
validation loss stops improving half way through training and then gets worse; with wd=0.1 it goes
on improving.

fastai and torch apply the decay in the optimizer step, as `sgd_step` does, not by adding
`l2_penalty` to the loss: building that big sum and differentiating it every step costs two passes
over every weight for the same result (fastbook: "very inefficient").
### END SOLUTION NOTES
"""
from __future__ import annotations

from typing import Iterable

import torch


def l2_penalty(params: Iterable[torch.Tensor], wd: float) -> torch.Tensor:
    """The weight-decay penalty that fastbook adds to the loss (question 20), with coefficient `wd`, over
    every tensor in `params`: a 0-dim tensor that autograd can differentiate, so that adding it to a loss
    adds its gradient to each `p.grad`. No parameters give a 0-dim tensor 0.
    """
    ### BEGIN SOLUTION
    # wd * sum of p ** 2 over every entry of every tensor. Walk params once (a generator such as
    # model.parameters() cannot be walked twice), and keep every step a tensor operation on p itself,
    # not on p.data or p.item(): autograd must see the penalty to send 2 * wd * p back to each p.grad.
    squares = [(p ** 2).sum() for p in params]
    if not squares:  # no parameters, no penalty; still a tensor, like every other penalty
        return torch.zeros(())
    # torch.stack(...).sum() stays a 0-dim tensor, on the parameters' device, in the graph.
    return wd * torch.stack(squares).sum()
    ### END SOLUTION


def l2_penalty_grad(param: torch.Tensor, wd: float) -> torch.Tensor:
    """The gradient of `l2_penalty([param], wd)` with respect to `param`, worked out by hand (no autograd),
    as a new tensor: the parameter itself does not change."""
    ### BEGIN SOLUTION
    # d/dp of wd * p ** 2 is 2 * wd * p, for every entry on its own: the sum adds independent terms.
    # A new tensor: the parameter itself must not change.
    return 2 * wd * param
    ### END SOLUTION


def sgd_step(params: Iterable[torch.Tensor], lr: float, wd: float = 0.0) -> None:
    """One step of plain SGD with weight decay, in place: the step that
    `torch.optim.SGD(params, lr=lr, weight_decay=wd).step()` takes (torch's documentation of SGD says
    how `weight_decay` enters it).

    A p whose .grad is None is left alone. The gradients are not zeroed and not changed.
    """
    ### BEGIN SOLUTION
    # Updating parameters is not part of the model's computation: no_grad stops autograd from
    # recording it (and from refusing an in-place change to a leaf that requires grad).
    with torch.no_grad():
        for p in params:  # once through: params may be a generator
            if p.grad is None:  # torch.optim skips a parameter that got no gradient
                continue
            # torch's weight_decay adds wd * p to the gradient: fastbook's 2 * wd * p with the 2 folded
            # into wd (the notes on question 21). The sum is a new tensor, so p.grad stays as it was.
            p -= lr * (p.grad + wd * p)
    ### END SOLUTION
