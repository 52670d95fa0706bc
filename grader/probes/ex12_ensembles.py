"""Probes for ex12: bootstrap samples asked for under watch (many seeds, the same seed twice, the global
generators' states), and a bag trained with a `make_model` and a `train` built here that record what
the learner's code does with them."""
from __future__ import annotations

import random
from typing import Any

import numpy as np
import torch
from torch import nn

from grader.plain import to_plain
from grader.probes import Context, probe

TRAIN_RETURNS = 0.125  # what the probe's train() returns: a bag of these floats means its return value was kept


def disturb_global_generators() -> None:
    """Move every global generator on, as other code running between two calls would."""
    random.seed(1234)
    np.random.seed(1234)
    torch.default_generator.manual_seed(1234)


@probe
def samples(ctx: Context, n: int, seeds: list[int]) -> list[Any]:
    """`bootstrap_sample(n, s)` for each seed in turn."""
    draw = ctx.get("bootstrap_sample")
    return [to_plain(ctx.run(draw, n, s)) for s in seeds]


@probe
def twice(ctx: Context, n: int, seed: int) -> dict[str, Any]:
    """The same call twice, the global generators moved on in between."""
    draw = ctx.get("bootstrap_sample")
    first = to_plain(ctx.run(draw, n, seed))
    disturb_global_generators()
    return {"first": first, "second": to_plain(ctx.run(draw, n, seed))}


@probe
def global_state(ctx: Context, n: int, seed: int) -> dict[str, Any]:
    """Which global generators one call moved or reseeded, and whether it drew the same sample again
    after they had moved (to tell drawing from them apart from seeding them)."""
    draw = ctx.get("bootstrap_sample")
    disturb_global_generators()
    before = (random.getstate(), np.random.get_state(), torch.get_rng_state())
    first = to_plain(ctx.run(draw, n, seed))
    after = (random.getstate(), np.random.get_state(), torch.get_rng_state())
    changed = [name for name, b, a in zip(("random", "numpy", "torch"), before, after) if not _same_state(b, a)]
    disturb_global_generators()
    random.random(), np.random.random(), torch.rand(1)
    second = to_plain(ctx.run(draw, n, seed))
    return {"changed": changed, "first": first, "second": second}


def _same_state(a: Any, b: Any) -> bool:
    if isinstance(a, torch.Tensor):
        return torch.equal(a, b)
    if isinstance(a, tuple) and len(a) == 5 and isinstance(a[1], np.ndarray):  # numpy's legacy state
        return a[0] == b[0] and np.array_equal(a[1], b[1]) and a[2:] == b[2:]
    return a == b


class Member(nn.Module):
    """A model the probe's `make_model` makes: it knows its place in the order of making."""

    def __init__(self, tag: int) -> None:
        super().__init__()
        self.tag = tag
        self.scale = nn.Parameter(torch.ones(1))


@probe
def bag(ctx: Context, x: torch.Tensor, y: torch.Tensor, n_models: int, seed: int, seeds: list[int]) -> dict[str, Any]:
    """`bagged_models(make_model, train, x, y, n_models, seed)` with a make_model and a train that record
    every call, in order; then the learner's own `bootstrap_sample(len(x), s)` for each of `seeds`, which
    say which rows each model should have had."""
    events: list[tuple] = []

    def make_model() -> Member:
        member = Member(sum(1 for e in events if e[0] == "make"))
        events.append(("make", member.tag))
        return member

    def train(model: Any, xb: Any, yb: Any, *more: Any, **options: Any) -> float:
        tag = model.tag if isinstance(model, Member) else None
        events.append(("train", tag, _copy(xb), _copy(yb), len(more) + len(options)))
        return TRAIN_RETURNS

    returned = ctx.run(ctx.get("bagged_models"), make_model, train, x, y, n_models, seed)
    members = [m.tag if isinstance(m, Member) else to_plain(m) for m in returned] \
        if isinstance(returned, (list, tuple)) else to_plain(returned)
    draw = ctx.get("bootstrap_sample")
    return {"events": events, "returned": members, "returned_type": type(returned).__name__,
            "samples": {s: to_plain(ctx.run(draw, len(x), s)) for s in seeds}}


def _copy(value: Any) -> Any:
    """What train() was given, as plain values (a tensor copied out; anything else described)."""
    if isinstance(value, torch.Tensor):
        return to_plain(value.detach().clone())
    return to_plain(value)
