"""Probes for ex04: build the learner's model, load given weights into its named attributes (the
state-dict contract of DESIGN.md 2.1), run it, and report outputs, gradients and parameter facts."""
from __future__ import annotations

from typing import Any

import torch
from torch import nn

from grader.plain import to_plain
from grader.probes import Context, probe

EMBEDDING_MODELS = ("DotProduct", "DotProductBias")


def attribute_shapes(model: str, n_users: int, n_movies: int, n_factors: int) -> dict[str, tuple[int, ...]]:
    """The contract's weight attributes of `model` and their shapes (an Embedding's weight, or the Parameter)."""
    shapes = {"user_factors": (n_users, n_factors), "movie_factors": (n_movies, n_factors)}
    if model == "DotProductBias":
        shapes.update(user_bias=(n_users, 1), movie_bias=(n_movies, 1))
    elif model == "DotProductBiasScratch":
        shapes.update(user_bias=(n_users,), movie_bias=(n_movies,))
    return shapes


def weight_of(module: nn.Module, model: str, name: str) -> tuple[torch.Tensor | None, str | None]:
    """The tensor behind attribute `name`, or why the module breaks the contract there."""
    holder = getattr(module, name, None)
    if holder is None:
        return None, f"{model} has no attribute {name}: the contract names it"
    kind = f"{model}.{name} is of type {type(holder).__name__}: the contract makes it"
    if model in EMBEDDING_MODELS:
        if not isinstance(holder, nn.Embedding):
            return None, f"{kind} an nn.Embedding"
        return holder.weight, None
    if not isinstance(holder, torch.Tensor):
        return None, f"{kind} a Parameter from create_params"
    return holder, None


def load_weights(module: nn.Module, model: str, weights: dict[str, torch.Tensor]) -> str | None:
    """Copy `weights` into the module's named attributes; the first contract problem found, or None."""
    for name, value in weights.items():
        target, problem = weight_of(module, model, name)
        if problem:
            return problem
        if tuple(target.shape) != tuple(value.shape):
            where = f"{model}.{name}" + (".weight" if model in EMBEDDING_MODELS else "")
            return f"{where} has shape {list(target.shape)}: the contract says {list(value.shape)}"
        with torch.no_grad():
            target.copy_(value)
    return None


def _build(ctx: Context, model: str, n_users: int, n_movies: int, n_factors: int | None,
           y_range: tuple | None) -> tuple[nn.Module | None, str | None]:
    options = {k: v for k, v in (("n_factors", n_factors), ("y_range", y_range)) if v is not None}
    module = ctx.run(ctx.get(model), n_users, n_movies, **options)
    if not isinstance(module, nn.Module):
        return None, f"{model}(...) made a {type(module).__name__}, not an nn.Module"
    return module.to(ctx.device), None


@probe
def model_output(ctx: Context, model: str, n_users: int, n_movies: int, n_factors: int | None, y_range: tuple | None,
                 weights: dict[str, torch.Tensor], batch: torch.Tensor, backward: bool = False) -> dict[str, Any]:
    """`model(batch)` with `weights` loaded; with `backward`, also the gradient of `output.sum()` that
    reaches each named attribute, and whether each is registered in `model.parameters()`."""
    module, problem = _build(ctx, model, n_users, n_movies, n_factors, y_range)
    problem = problem or load_weights(module, model, weights)
    if problem:
        return {"problem": problem}
    out = ctx.run(module, batch)
    result: dict[str, Any] = {"problem": None, "out": to_plain(out)}
    if backward:
        tensors = {name: weight_of(module, model, name)[0] for name in weights}
        if isinstance(out, torch.Tensor) and out.requires_grad:
            ctx.run(lambda: out.sum().backward())
        grads = {name: _grad(t) for name, t in tensors.items()}
        registered = {id(p) for p in module.parameters()}
        result["grads"] = {name: to_plain(g) for name, g in grads.items()}
        result["registered"] = {name: id(t) in registered for name, t in tensors.items()}
    return result


def _grad(t: torch.Tensor) -> torch.Tensor | None:
    """The gradient autograd left in `t`, dense. A weight that is not a leaf (computed from another tensor)
    gets none; reading its .grad would make torch print a warning into the learner's output."""
    if not (t.is_leaf or t.retains_grad) or t.grad is None:
        return None
    return t.grad.to_dense() if t.grad.is_sparse else t.grad


@probe
def scratch_parameters(ctx: Context, n_users: int, n_movies: int, n_factors: int) -> dict[str, Any]:
    """For each attribute of `DotProductBiasScratch`: its type, shape, and the statistics of its values."""
    module, problem = _build(ctx, "DotProductBiasScratch", n_users, n_movies, n_factors, None)
    if problem:
        return {"problem": problem}
    registered = {id(p) for p in module.parameters()}
    facts = {}
    for name in attribute_shapes("DotProductBiasScratch", n_users, n_movies, n_factors):
        t, problem = weight_of(module, "DotProductBiasScratch", name)
        if problem:
            return {"problem": problem}
        facts[name] = {"parameter": isinstance(t, nn.Parameter), "shape": tuple(t.shape),
                       "requires_grad": bool(t.requires_grad), "registered": id(t) in registered,
                       **_statistics(t)}
    return {"problem": None, "attributes": facts}


@probe
def scratch_forward(ctx: Context, n_users: int, n_movies: int, batch: torch.Tensor) -> dict[str, Any]:
    """Build `DotProductBiasScratch` and run forward and backward (watched by the from-scratch rule);
    the output, and the type names of any embedding modules it holds."""
    module, problem = _build(ctx, "DotProductBiasScratch", n_users, n_movies, None, None)
    if problem:
        return {"problem": problem}
    out = ctx.run(module, batch)
    if isinstance(out, torch.Tensor) and out.requires_grad:
        ctx.run(lambda: out.sum().backward())
    held = [f"{name or 'the model'}: {type(m).__name__}" for name, m in module.named_modules()
            if isinstance(m, (nn.Embedding, nn.EmbeddingBag))]
    return {"problem": None, "out": to_plain(out), "embeddings": held}


@probe
def new_parameter(ctx: Context, size: list | tuple) -> dict[str, Any]:
    """`create_params(size)`: its type, shape, dtype, requires_grad and value statistics."""
    p = ctx.run(ctx.get("create_params"), size)
    if not isinstance(p, torch.Tensor):
        return {"type": type(p).__name__, "tensor": False, "value": to_plain(p)}
    return {"type": type(p).__name__, "tensor": True, "parameter": isinstance(p, nn.Parameter),
            "shape": tuple(p.shape), "dtype": str(p.dtype).removeprefix("torch."),
            "requires_grad": bool(p.requires_grad), **_statistics(p)}


def _statistics(t: torch.Tensor) -> dict[str, float]:
    """Mean, standard deviation and kurtosis (3 for a normal distribution) of the values, in float64."""
    v = t.detach().to("cpu", torch.float64).flatten()
    if v.numel() < 2 or not torch.isfinite(v).all():
        return {"mean": float("nan"), "std": float("nan"), "kurtosis": float("nan")}
    mean, std = float(v.mean()), float(v.std())
    kurtosis = float(((v - mean) ** 4).mean() / std ** 4) if std > 0 else float("nan")
    return {"mean": mean, "std": std, "kurtosis": kurtosis}
