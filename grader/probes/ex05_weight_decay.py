"""Probes for ex05: the penalty inside a backward pass, the gradient helper, and one SGD step on
parameters handed over as a list, a tuple or a generator (`model.parameters()`)."""
from __future__ import annotations

from typing import Any, Iterable

import torch
from torch import nn

from grader.plain import to_plain
from grader.probes import Context, probe


def parameters(values: list[torch.Tensor], grads: list[torch.Tensor | None] | None = None) -> list[nn.Parameter]:
    """Fresh parameters holding `values`, with `.grad` set from `grads` (None: no gradient)."""
    params = [nn.Parameter(v.clone()) for v in values]
    for p, g in zip(params, grads or [None] * len(params)):
        p.grad = None if g is None else g.clone()
    return params


def handed_over(params: list[nn.Parameter], container: str) -> Iterable[nn.Parameter]:
    """The parameters as the caller passes them: a list, a tuple, or model.parameters() (a generator)."""
    if container == "generator":
        return nn.ParameterList(params).parameters()
    return tuple(params) if container == "tuple" else list(params)


@probe
def penalty_backward(ctx: Context, values: list[torch.Tensor], upstream: list[torch.Tensor], wd: float) -> dict[str, Any]:
    """`loss = sum((p * u).sum()) + l2_penalty(model.parameters(), wd); loss.backward()`: the penalty and each p.grad."""
    params = parameters(values)
    penalty = ctx.run(ctx.get("l2_penalty"), handed_over(params, "generator"), wd)
    loss = sum((p * u).sum() for p, u in zip(params, upstream))
    ctx.run(lambda: (loss + penalty).backward())
    return {"penalty": to_plain(penalty), "grads": [to_plain(p.grad) for p in params]}


@probe
def penalty_of_nothing(ctx: Context, container: str, wd: float) -> Any:
    """`l2_penalty(params, wd)` with no parameters at all: [], () or the parameters of a model that has none."""
    return to_plain(ctx.run(ctx.get("l2_penalty"), handed_over([], container), wd))


@probe
def penalty_grad(ctx: Context, param: torch.Tensor, wd: float) -> dict[str, Any]:
    """`l2_penalty_grad(param, wd)`, and `param` as it is afterwards."""
    before = param.detach().clone()
    out = ctx.run(ctx.get("l2_penalty_grad"), param, wd)
    return {"out": to_plain(out), "param_changed": not torch.equal(param.detach(), before)}


@probe
def step(ctx: Context, values: list[torch.Tensor], grads: list[torch.Tensor | None], lr: float, wd: float | None,
         container: str = "list") -> dict[str, Any]:
    """`sgd_step(params, lr, wd=wd)` (wd left out when None): each parameter and gradient afterwards."""
    params = parameters(values, grads)
    options = {} if wd is None else {"wd": wd}
    ctx.run(ctx.get("sgd_step"), handed_over(params, container), lr, **options)
    return {"params": [to_plain(p.detach()) for p in params], "grads": [to_plain(p.grad) for p in params]}
