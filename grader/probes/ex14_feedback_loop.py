"""Probes for ex14: a round's inputs watched for changes, the same round twice, many rounds' draws at
once (for the statistics of exploration), and a simulation replayed with the learner's own rounds."""
from __future__ import annotations

from typing import Any

import torch

from grader.plain import to_plain
from grader.probes import Context, LearnerRaised, probe
from grader.probes.ex12_ensembles import disturb_global_generators


@probe
def round_inputs(ctx: Context, counts: torch.Tensor, seen: torch.Tensor, k: int, explore: float,
                 seed: int) -> dict[str, Any]:
    """`feedback_round(counts, seen, k, explore, seed)`, and which of its inputs it changed."""
    before = counts.clone(), seen.clone()
    out = ctx.run(ctx.get("feedback_round"), counts, seen, k, explore, seed)
    changed = [name for name, now, then in (("counts", counts, before[0]), ("seen", seen, before[1]))
               if not torch.equal(now, then)]
    return {"out": to_plain(out), "changed": changed}


@probe
def round_twice(ctx: Context, counts: torch.Tensor, seen: torch.Tensor, k: int, explore: float,
                seed: int) -> dict[str, Any]:
    """The same round twice, the global generators moved on in between."""
    play = ctx.get("feedback_round")
    first = to_plain(ctx.run(play, counts.clone(), seen.clone(), k, explore, seed))
    disturb_global_generators()
    return {"first": first, "second": to_plain(ctx.run(play, counts.clone(), seen.clone(), k, explore, seed))}


@probe
def rounds_seen(ctx: Context, counts: torch.Tensor, seen: torch.Tensor, k: int, explore: float,
                seeds: list[int]) -> list[Any]:
    """The `seen` that one round returns, for each seed (the same inputs every time)."""
    play = ctx.get("feedback_round")
    out = []
    for seed in seeds:
        result = ctx.run(play, counts.clone(), seen.clone(), k, explore, seed)
        new_seen = result[1] if isinstance(result, (tuple, list)) and len(result) == 2 else result
        out.append(to_plain(new_seen))
    return out


@probe
def simulate_replayed(ctx: Context, seen: torch.Tensor, rounds: int, k: int, explore: float, seed: int,
                      plans: dict[str, list[int]]) -> dict[str, Any]:
    """`simulate(seen, rounds, k, explore, seed)`, and for each plan of round seeds the Ginis that the
    learner's own `feedback_round` and `gini` give when chained by hand (None where that raised)."""
    out = to_plain(ctx.run(ctx.get("simulate"), seen.clone(), rounds, k, explore, seed))
    play, measure = ctx.get("feedback_round"), ctx.get("gini")
    replays: dict[str, Any] = {}
    for name, round_seeds in plans.items():
        try:
            counts, now = seen.sum(0), seen.clone()
            history = [to_plain(ctx.run(measure, counts))]
            for s in round_seeds:
                counts, now = ctx.run(play, counts, now, k, explore, s)
                history.append(to_plain(ctx.run(measure, counts)))
            replays[name] = history
        except (LearnerRaised, TypeError, ValueError):
            replays[name] = None
    return {"out": out, "replays": replays}
