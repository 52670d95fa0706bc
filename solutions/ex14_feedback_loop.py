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

### BEGIN SOLUTION NOTES
Question 28 answered. A recommender decides what people see, and what they see is what they watch
and rate, which is what the recommender learns from next. This exercise's loop is the simplest one:
an item's count grows with every user it is shown to, and a higher count puts it higher in the next
round's ranking, where it is shown to everyone who has not seen it yet. Items that start a little
ahead are shown to everybody; the rest are never shown, however good they are, because the ranking
only knows what was watched, and what was watched is what it showed. fastbook's anime example is the
same loop driven by users instead of counts: a few enthusiastic users' ratings make their favourites
popular, the recommendations draw more people like them and put others off, and the next round of
data tilts further their way. On ml-latest-small (`python -m grader plot feedback`, k = 10, 20 rounds)
the Gini of exposure over its 9,724 movies climbs from 0.716 to 0.856 without exploration.

What exploration does. Giving e of the k slots to items drawn at random spreads a fraction of every
round's exposure evenly, which pulls the counts towards equal, and gives every item the chance to be
watched, and so to collect the counts that would let it climb the ranking on its merits (in a real
system, the ratings that would show whether it deserves to). With 3 of the 10 slots drawn at random
the same Gini stays level and ends at 0.709. The gap between the two curves is what the loop costs
every movie that never got its chance; the price of exploring is that some slots show users what
the ranking thinks they like less. Keeping people in the loop and watching what is recommended, and
to whom, as fastbook advises, is how one notices a loop before it has run for long.
### END SOLUTION NOTES
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
    ### BEGIN SOLUTION
    if ((~seen).sum(dim=1) < k).any():
        raise ValueError(f"a user has fewer than k={k} unseen items to recommend")
    # One ranking for all users is the same row for each of them.
    scores = torch.as_tensor(scores).expand(seen.shape)
    # Highest score first. A *stable* sort keeps equal scores in index order, so ties go to the
    # lower index; torch.topk makes no promise about ties.
    order = torch.argsort(scores, dim=1, descending=True, stable=True)
    # Then move the seen items behind the unseen ones, keeping the score order within each group
    # (stable again). Sorting never compares a score with a stand-in such as -inf, which would not
    # fit in an integer tensor, or with a "very low" number that a real score could be lower than.
    seen_in_order = torch.gather(seen, 1, order).to(torch.int8)
    order = torch.gather(order, 1, torch.argsort(seen_in_order, dim=1, stable=True))
    return order[:, :k]
    ### END SOLUTION


def gini(counts: torch.Tensor) -> float:
    """The Gini coefficient of non-negative exposure counts `[n]`, a float in `[0, 1)`:
    `sum_i sum_j abs(c_i - c_j) / (2 * n * sum(c))`. `0.0` when all counts are equal, all are zero, or
    there are none.
    """
    ### BEGIN SOLUTION
    c = torch.as_tensor(counts, dtype=torch.float64).reshape(-1)
    n, total = len(c), c.sum()
    # No items, or nobody watched anything: there is no inequality to speak of (and no division by 0).
    if n == 0 or total == 0:
        return 0.0
    # The mean absolute difference between any two items' exposure, relative to twice the mean
    # exposure: 0 when every item gets the same, (n - 1) / n when one item gets everything. Every
    # pair counts, so the order of the counts does not matter. (The faster formula over sorted counts,
    # sum_i (2i - n - 1) c_(i) / (n sum c), gives the same number, but only on sorted counts; this
    # one needs n^2 memory, fine for the sizes here.)
    pairs = (c[:, None] - c[None, :]).abs().sum()
    return float(pairs / (2 * n * total))
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    if not 0 <= explore <= 1:
        raise ValueError(f"explore must be in [0, 1], got {explore}")
    # How many of the k slots go to exploration. math.floor in Python floats, as the contract says:
    # float32 would make 0.7 * 10 come out as 6.99999988, and so 6 instead of 7.
    e = math.floor(explore * k)
    # Exploit: the most-watched unseen items, ranked by the counts as they stand at the start of the
    # round, the same ranking for everyone (updating counts user by user would let earlier users
    # change what later users are shown within one round).
    top = recommend(counts, seen, k)[:, : k - e]
    shown = torch.zeros_like(seen)
    shown.scatter_(1, top, True)
    # Explore: e more items for each user, uniformly among their other unseen items, without
    # replacement (so each user still watches k new items). A generator of our own makes a round
    # reproducible from its seed.
    generator = torch.Generator().manual_seed(seed)
    for user in range(len(seen)):
        others = torch.nonzero(~seen[user] & ~shown[user]).flatten()
        # (The generator is a CPU one, so the draw is the same on any device; its positions pick from others.)
        picks = others[torch.randperm(len(others), generator=generator)[:e].to(others.device)]
        shown[user, picks] = True
    # Everyone watches what they are shown: each item's count grows by the number of users shown it.
    # New tensors, so the caller's counts and seen stay as they were.
    return counts + shown.sum(dim=0).to(counts.dtype), seen | shown
    ### END SOLUTION


def simulate(seen: torch.Tensor, rounds: int, k: int, explore: float = 0.0, seed: int = 0) -> list[float]:
    """The Gini of exposure over `rounds` rounds of `feedback_round`: a list of `rounds + 1` floats.

    The counts start as `seen.sum(0)`; the list holds `gini(counts)` at the start and after each round.
    Round `r` (from 0) calls `feedback_round(counts, seen, k, explore, seed + r)` on the counts and `seen`
    that the round before it returned.
    """
    ### BEGIN SOLUTION
    counts = seen.sum(dim=0)
    history = [gini(counts)]
    for r in range(rounds):
        # Each round its own seed, seed + r: one number reproduces the whole run, and the rounds do
        # not repeat each other's exploration draws.
        counts, seen = feedback_round(counts, seen, k, explore, seed + r)
        history.append(gini(counts))
    return history
    ### END SOLUTION
