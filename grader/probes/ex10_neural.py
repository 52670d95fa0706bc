"""Probes for ex10: build the learner's CollabNN, describe its parts, run it on given weights."""
from __future__ import annotations

from typing import Any

import torch
from torch import nn

from grader.plain import to_plain
from grader.probes import Context, probe


def _shape(module: Any, attribute: str) -> Any:
    weight = getattr(getattr(module, attribute, None), "weight", None)
    return tuple(weight.shape) if isinstance(weight, torch.Tensor) else None


def _linears(model: nn.Module) -> list[nn.Linear]:
    layers = getattr(model, "layers", None)
    return [m for m in layers.modules() if isinstance(m, nn.Linear)] if isinstance(layers, nn.Module) else []


@probe
def describe(ctx: Context, user_sz: list, item_sz: list, options: dict) -> dict[str, Any]:
    """The sizes of the parts the contract names."""
    model = ctx.run(ctx.get("CollabNN"), tuple(user_sz), tuple(item_sz), **options)
    layers = getattr(model, "layers", None)
    return {
        "user_factors": _shape(model, "user_factors"), "item_factors": _shape(model, "item_factors"),
        "layers": type(layers).__name__ if layers is not None else None,
        "sequential": isinstance(layers, nn.Sequential),
        "linears": [(m.in_features, m.out_features) for m in _linears(model)],
    }


@probe
def forward(ctx: Context, user_sz: list, item_sz: list, options: dict, weights: dict, x: torch.Tensor,
            backward: bool = False) -> dict[str, Any]:
    """The learner's model with the given weights put in, run on x; with `backward`, which parameters
    the gradient of the output's sum reaches."""
    model = ctx.run(ctx.get("CollabNN"), tuple(user_sz), tuple(item_sz), **options).to(ctx.device)
    linears = _linears(model)
    targets = [(getattr(model, "user_factors", None), "weight", "user_factors"),
               (getattr(model, "item_factors", None), "weight", "item_factors")]
    if len(linears) == 2:
        targets += [(linears[0], "weight", "hidden_weight"), (linears[0], "bias", "hidden_bias"),
                    (linears[1], "weight", "out_weight"), (linears[1], "bias", "out_bias")]
    with torch.no_grad():
        for module, attribute, name in targets:
            param = getattr(module, attribute, None)
            if not isinstance(param, torch.Tensor) or param.shape != weights[name].shape:
                return {"loaded": f"{name} has shape {None if param is None else tuple(param.shape)}, "
                                  f"expected {tuple(weights[name].shape)}"}
            param.copy_(weights[name])
    out = ctx.run(model, x)
    result: dict[str, Any] = {"loaded": True, "out": to_plain(out)}
    if backward and isinstance(out, torch.Tensor) and out.requires_grad:
        ctx.run(lambda: out.sum().backward())
        # Per part of the contract: whether a gradient (not None, not all zero) reached it.
        result["reached"] = {name: getattr(module, attribute).grad is not None
                             and bool(getattr(module, attribute).grad.any()) for module, attribute, name in targets}
    return result
