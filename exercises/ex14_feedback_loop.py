# Generated from solutions/ex14_feedback_loop.py by `python -m grader build`. This file is yours to edit.
"""Exercise 14: positive feedback loops: a recommender that feeds on its own recommendations.

fastbook chapter 8, question 28: "How can feedback loops impact collaborative filtering systems?", and
the chapter's warning: "a small number of extremely enthusiastic users may end up effectively setting
the recommendations for your whole user base", as when anime fans came to dominate a movie site.

A recommender learns from what people watched, and people watch what it recommends. Here you build a
toy version of that loop and measure it:

- `recommend`: each user's top `k` unseen items by a score;
- `gini`: how unequal exposure is across items (0: every item watched equally often; near 1: a few
  items get all of it);
- `feedback_round`: one round in which everyone is recommended the most-watched items, optionally with
  some slots given to items drawn at random (*exploration*), and watches them;
- `simulate`: the Gini of exposure round after round.

`python -m grader plot feedback --data ml-latest-small --out feedback.png` draws the Gini over rounds
with and without exploration, starting from who rated what in MovieLens. Before you run it, predict:
which way does the curve go without exploration, and what does exploration change?
"""
from __future__ import annotations

import math

import torch


def recommend(scores: torch.Tensor, seen: torch.Tensor, k: int) -> torch.Tensor:
    """For each user, the `k` items they have not seen with the highest scores, highest first: an int64
    tensor `[n_users, k]` of item indices.

    `scores` holds finite numbers (integer or float), either one ranking for everyone, `[n_items]`, or
    one per user, `[n_users, n_items]`; `seen` is a bool tensor `[n_users, n_items]`. Equal scores are
    broken in favour of the lower item index. Raises `ValueError` when a user has fewer than `k` unseen
    items.
    """
    # TODO: return, for each user, the k unseen items with the highest scores (ties: lower index first), [n_users, k] int64
    raise NotImplementedError


def gini(counts: torch.Tensor) -> float:
    """The Gini coefficient of non-negative exposure counts `[n]`, a float in `[0, 1)`:
    `sum_i sum_j abs(c_i - c_j) / (2 * n * sum(c))`. `0.0` when all counts are equal, all are zero, or
    there are none.
    """
    # TODO: return the Gini coefficient of the counts (the formula in the docstring) as a float, 0.0 when there are no counts or they sum to 0
    raise NotImplementedError


def feedback_round(counts: torch.Tensor, seen: torch.Tensor, k: int, explore: float = 0.0,
                   seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """One round of a popularity recommender; returns new `(counts, seen)` and leaves its inputs unchanged.

    `counts` `[n_items]` says how often each item has been watched; `seen` is bool `[n_users, n_items]`.
    Every user is ranked by `counts` as they were at the start of the round (one ranking for all), and
    is shown `k` items they have not seen: the `k - e` with the most counts (as `recommend` ranks them),
    where `e = math.floor(explore * k)` (in Python floats), and `e` more drawn uniformly without
    replacement, from a generator seeded with `seed`, among the user's other unseen items. Every user
    watches every item shown: it is marked in `seen`, and its count grows by one per user shown it.

    Raises `ValueError` when a user has fewer than `k` unseen items, or when `explore` is not in `[0, 1]`.
    """
    # TODO: show each user the k - e most counted unseen items and e random other unseen ones; return the new (counts, seen)
    raise NotImplementedError


def simulate(seen: torch.Tensor, rounds: int, k: int, explore: float = 0.0, seed: int = 0) -> list[float]:
    """The Gini of exposure over `rounds` rounds of `feedback_round`: a list of `rounds + 1` floats.

    The counts start as `seen.sum(0)`; the list holds `gini(counts)` at the start and after each round.
    Round `r` (from 0) calls `feedback_round(counts, seen, k, explore, seed + r)` on the counts and `seen`
    that the round before it returned.
    """
    # TODO: return [gini(counts)] at the start and after each round r = feedback_round(..., seed + r)
    raise NotImplementedError
