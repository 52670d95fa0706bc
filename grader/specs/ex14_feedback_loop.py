"""Checks for ex14: `recommend`, `gini`, `feedback_round` and `simulate`.

Exploration draws are the learner's own, so rounds with exploration are checked by properties: the
k - e exploited items exact, k new unseen items per user, counts that match what was shown, the same
round for the same seed, and, over many seeds, every candidate item explored about equally often (a
band each candidate's count falls outside with a probability computed below). Rounds without
exploration, rankings and Gini coefficients are compared exactly with `reference/`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import torch
from hypothesis import strategies as st

import reference.ex14_feedback_loop as ref
from grader import as_python, expect
from grader.from_scratch.check import expect_from_scratch
from grader.plain import TensorValue, tensor
from grader.probes import ErrorInfo
from grader.probes import ex14_feedback_loop as probes
from grader.specs import Exercise

EXERCISE = Exercise("ex14_feedback_loop", names=["recommend", "gini", "feedback_round", "simulate"])


def _returned(got) -> bool:
    return not isinstance(got, ErrorInfo)


def _seen_matrix(rng: np.random.Generator, n_users: int, n_items: int, density: float, unseen: int) -> np.ndarray:
    """Random seen flags, with at least `unseen` unseen items per user."""
    seen = rng.random((n_users, n_items)) < density
    for row in seen:
        row[np.flatnonzero(row)[: max(0, unseen - int((~row).sum()))]] = False
    return seen


# -- recommend -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ranking:
    seed: int
    n_users: int
    n_items: int
    k: int
    per_user: bool  # scores [n_users, n_items], else [n_items]
    ties: bool  # integer scores with many ties, else distinct half-integers (negative ones too)

    def arrays(self, spare: int = 0) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        shape = (self.n_users, self.n_items) if self.per_user else (self.n_items,)
        if self.ties:
            scores = rng.integers(0, 3, size=shape).astype(np.int64)
        else:
            rows = [rng.permutation(self.n_items) for _ in range(shape[0] if self.per_user else 1)]
            scores = ((np.stack(rows) - self.n_items // 2) / 2).astype(np.float32).reshape(shape)
        seen = _seen_matrix(rng, self.n_users, self.n_items, 0.4, self.k - spare)
        return scores, seen


def _rankings(per_user: st.SearchStrategy[bool], ties: bool) -> st.SearchStrategy[Ranking]:
    return st.builds(lambda seed, users, items, k, p: Ranking(seed, users, items, min(k, items), p, ties),
                     st.integers(0, 10**6), st.integers(1, 4), st.integers(1, 8), st.integers(1, 4), per_user)


def _rank(scores: np.ndarray, seen: np.ndarray, k: int, higher_index_first: bool = False) -> np.ndarray:
    """Reference-style ranking (unseen first, then score descending, then index) with variations."""
    s = np.broadcast_to(scores, seen.shape).astype(np.float64)
    index = np.broadcast_to(np.arange(seen.shape[1]), seen.shape)
    return np.lexsort((-index if higher_index_first else index, -s, seen), axis=-1)[:, :k]


def _recommend_misreadings(scores: np.ndarray, seen: np.ndarray, k: int) -> list:
    nothing_seen = np.zeros_like(seen)
    full = np.broadcast_to(scores, seen.shape)
    same = lambda got, rows: got.shape == rows.shape and np.array_equal(got.array, rows)  # noqa: E731
    return [
        ("inf_in_int", lambda got: isinstance(got, ErrorInfo) and
         ("overflow" in got.message or "convert" in got.message)),
        ("values_not_indices", lambda got: _returned(got) and got.is_floating),
        ("one_row", lambda got: scores.ndim == 1 and got.shape == (k,) and len(seen) > 1),
        *[("sentinel_beaten", lambda got, v=v: same(got, _rank(np.where(seen, v, full), nothing_seen, k)))
          for v in (0, -1)],
        ("recommends_seen", lambda got: got.shape == (len(seen), k) and
         bool(np.take_along_axis(seen, np.clip(got.array.astype(np.int64), 0, seen.shape[1] - 1), 1).any())),
        ("ascending", lambda got: same(got, _rank(-full.astype(np.float64), seen, k))),
        ("ties_to_higher", lambda got: same(got, _rank(scores, seen, k, higher_index_first=True))),
    ]


def _expect_recommend(learner, case: Ranking) -> None:
    scores, seen = case.arrays()
    answer = learner.call("recommend", tensor(scores), tensor(seen), case.k, expect_error=True)
    expected = ref.recommend(torch.from_numpy(scores), torch.from_numpy(seen), case.k).numpy()
    expect.tensor(answer, expected, dtype="int64", misconceptions=_recommend_misreadings(scores, seen, case.k))


@EXERCISE.check("recommend.matches_reference", points=2, given=_rankings(st.just(True), False), max_examples=20,
                examples=[Ranking(3, 3, 6, 2, True, False)],
                says="recommend(scores, seen, k) must give each user the k unseen items with the highest scores, "
                     "highest first, as int64 item indices [n_users, k].")
def recommend_matches(learner, case):
    _expect_recommend(learner, case)


@EXERCISE.check("recommend.one_ranking", points=1, given=_rankings(st.just(False), False), max_examples=15,
                examples=[Ranking(4, 3, 6, 2, False, False)],
                says="recommend must take scores [n_items], one ranking for every user, and still give [n_users, k].")
def recommend_one_ranking(learner, case):
    _expect_recommend(learner, case)


@EXERCISE.check("recommend.ties", points=1, given=_rankings(st.booleans(), True), max_examples=15,
                examples=[Ranking(1, 2, 6, 3, False, True)],
                says="recommend must take integer scores and break ties in favour of the lower item index.")
def recommend_ties(learner, case):
    _expect_recommend(learner, case)


too_few = st.builds(lambda seed, users, items, extra: Ranking(seed, users, items, extra, True, False),
                    st.integers(0, 10**6), st.integers(1, 4), st.integers(1, 6), st.integers(1, 3))


@EXERCISE.check("recommend.too_few_unseen", points=1, given=too_few, max_examples=10,
                examples=[Ranking(2, 2, 4, 1, True, False)],
                says="recommend must raise ValueError when a user has fewer than k unseen items.")
def recommend_too_few(learner, case):
    scores, seen = case.arrays()
    k = int((~seen).sum(1).min()) + case.k  # `k` more than the user with the fewest unseen items can take
    answer = learner.call("recommend", tensor(scores), tensor(seen), k, expect_error=True)
    expect.raises(answer, "ValueError", misconceptions=[
        ("torch_error", lambda got: isinstance(got, ErrorInfo) and got.type in ("RuntimeError", "IndexError")),
        ("recommends_seen", _returned),
    ])


# -- gini ------------------------------------------------------------------------------------------------

def _pairwise(c: np.ndarray) -> float:
    c = c.astype(np.float64)
    return float(np.abs(c[:, None] - c[None, :]).sum() / (2 * len(c) * c.sum()))


def _gini_misreadings(counts: np.ndarray) -> list:
    c = counts.astype(np.float64)
    n, total = len(c), c.sum()
    ranked = lambda values: float(((2 * np.arange(1, n + 1) - n - 1) * values).sum() / (n * total))  # noqa: E731
    g = _pairwise(c)
    near = lambda got, v: isinstance(got, (int, float)) and np.isclose(got, v, rtol=1e-6, atol=1e-9)  # noqa: E731
    return [
        ("unsorted_counts", lambda got: near(got, ranked(c))),
        ("sorted_descending", lambda got: near(got, ranked(np.sort(c)[::-1]))),
        ("missing_half", lambda got: near(got, 2 * g)),
        ("sample_correction", lambda got: n > 1 and near(got, g * n / (n - 1))),
    ]


def _gini_value(answer):
    """A 0-dim tensor's value as a float (a float is what the contract asks for; a 0-dim tensor is let pass)."""
    value = answer.value
    if isinstance(value, TensorValue) and value.shape == ():
        return replace(answer, value=float(value.array))
    return answer


counts_cases = st.lists(st.integers(0, 20), min_size=2, max_size=10).filter(lambda c: sum(c) > 0 and len(set(c)) > 1)


@EXERCISE.check("gini.matches_formula", points=2, given=counts_cases, max_examples=25, examples=[[3, 0, 1]],
                says="gini(counts) must be sum_i sum_j |c_i - c_j| / (2 * n * sum(c)), a float, whatever order the "
                     "counts come in.")
def gini_matches(learner, counts):
    array = np.array(counts, np.int64)
    answer = learner.call("gini", tensor(array), expect_error=True)
    expect.number(_gini_value(answer), ref.gini(array), rtol=1e-6, atol=1e-9, misconceptions=_gini_misreadings(array))


edge_cases = st.one_of(st.just([]), st.builds(lambda n, v: [v] * n, st.integers(1, 10), st.integers(0, 20)))


@EXERCISE.check("gini.edge_cases", points=1, given=edge_cases, max_examples=15, examples=[[0, 0, 0], []],
                says="gini must be 0.0 when all counts are equal, when all are zero, and when there are none.")
def gini_edges(learner, counts):
    answer = learner.call("gini", tensor(np.array(counts, np.int64)), expect_error=True)
    expect.number(_gini_value(answer), 0.0, rtol=0, atol=1e-12, misconceptions=[
        ("zero_division", lambda got: isinstance(got, ErrorInfo) and got.type == "ZeroDivisionError"),
        ("nan_for_zero", lambda got: isinstance(got, float) and math.isnan(got)),
    ])


@EXERCISE.check("gini.from_scratch", points=1, given=counts_cases, max_examples=5, examples=[[3, 0, 1]],
                says="gini must be computed here, not by a statistics package's Gini function.")
def gini_scratch(learner, counts):
    array = np.array(counts, np.int64)
    answer = learner.call("gini", tensor(array), watch=True, expect_error=True)
    expect_from_scratch(learner, answer, "gini")
    expect.number(_gini_value(answer), ref.gini(array), rtol=1e-6, atol=1e-9)


# -- feedback_round: without exploration, exactly ---------------------------------------------------------

@dataclass(frozen=True)
class Round:
    seed: int
    n_users: int
    n_items: int
    k: int
    explore: float = 0.0
    round_seed: int = 0

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        counts = rng.integers(0, 8, size=self.n_items).astype(np.int64)
        return counts, _seen_matrix(rng, self.n_users, self.n_items, 0.3, self.k)

    @property
    def e(self) -> int:
        return ref.explored_count(self.explore, self.k)

    def args(self) -> list:
        counts, seen = self.arrays()
        return [tensor(counts), tensor(seen), self.k, self.explore, self.round_seed]


def _rounds(explore: st.SearchStrategy[float], min_e: int = 0) -> st.SearchStrategy[Round]:
    def build(seed, users, items, k, x, round_seed):
        k = min(k, items)
        e_fraction = x if min_e == 0 else max(x, min_e / k)
        return Round(seed, users, items, k, e_fraction, round_seed)

    return st.builds(build, st.integers(0, 10**6), st.integers(1, 4), st.integers(2, 9), st.integers(1, 4), explore,
                     st.integers(0, 10**6))


# explore = 0, or below 1/k (e = floor(explore * k) = 0): the round is deterministic.
no_explore_cases = _rounds(st.sampled_from([0.0, 0.0, 0.1, 0.2]))


def _sequential_round(counts: np.ndarray, seen: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The slip of updating counts user by user within the round."""
    counts, seen = counts.copy(), seen.copy()
    for u in range(len(seen)):
        top = ref.recommend(torch.from_numpy(counts), torch.from_numpy(seen[u:u + 1]), k).numpy()[0]
        seen[u, top] = True
        counts[top] += 1
    return counts, seen


def _round_misreadings(case: Round) -> list:
    counts, seen = case.arrays()
    expected_counts, expected_seen = (t.numpy() for t in ref.feedback_round(torch.from_numpy(counts),
                                                                            torch.from_numpy(seen), case.k))
    shown = expected_seen & ~seen
    mid_counts, mid_seen = _sequential_round(counts, seen, case.k)
    arrays = lambda got: tuple(np.asarray(v.array) if isinstance(v, TensorValue) else None for v in got)  # noqa: E731

    def pair_is(got, want_counts, want_seen) -> bool:
        c, s = arrays(got)
        return c is not None and s is not None and c.shape == want_counts.shape and s.shape == want_seen.shape \
            and np.array_equal(c, want_counts) and np.array_equal(s.astype(bool), want_seen)

    def recommends_seen(got) -> bool:
        c, s = arrays(got)
        return s is not None and s.shape == seen.shape and ((s.astype(bool) & ~seen).sum(1) < case.k).any()

    return [
        ("mid_round_counts", lambda got: pair_is(got, mid_counts, mid_seen)),
        ("seen_items_shown", recommends_seen),
        ("count_per_item", lambda got: pair_is(got, counts + shown.any(0), expected_seen)),
        ("counts_not_updated", lambda got: pair_is(got, counts, expected_seen)),
        ("seen_not_updated", lambda got: pair_is(got, expected_counts, seen)),
    ]


def _round_pair(answer, n_users: int, n_items: int):
    """The round's (counts, seen) as arrays, after checking their types and shapes."""
    expect.no_error(answer)
    value = answer.value
    if not (isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, TensorValue) for v in value)):
        expect.fail(answer, as_python.code(value), "a pair (counts, seen) of tensors")
    counts, seen = value
    if counts.shape != (n_items,) or seen.shape != (n_users, n_items) or seen.dtype != "bool" or counts.dtype == "bool":
        expect.fail(answer, f"counts {as_python.value(counts)}, seen {as_python.value(seen)}",
                    f"counts of shape [{n_items}] (numbers), seen of shape [{n_users}, {n_items}] (bool)")
    return counts.array, seen.array


@EXERCISE.check("feedback_round.no_exploration", points=2, given=no_explore_cases, max_examples=20,
                # In the second, counts updated user by user would change what user 2 is shown; in the
                # third, e = floor(0.2 * 4) = 0 (round() would make it 1).
                examples=[Round(5, 3, 6, 2), Round(2, 3, 5, 1), Round(5, 3, 6, 4, 0.2)],
                says="feedback_round(counts, seen, k) without exploration must show every user the k unseen items with "
                     "the most counts (counts as at the start of the round), mark them seen, and add one count per "
                     "user shown an item.")
def round_exact(learner, case):
    answer = learner.call("feedback_round", *case.args(), expect_error=True)
    counts, seen = case.arrays()
    want_counts, want_seen = (t.numpy() for t in ref.feedback_round(torch.from_numpy(counts), torch.from_numpy(seen),
                                                                    case.k, case.explore, case.round_seed))
    misreadings = _round_misreadings(case)
    expect.no_error(answer, misreadings)
    got_counts, got_seen = _round_pair(answer, case.n_users, case.n_items)
    if not (np.array_equal(got_counts, want_counts) and np.array_equal(got_seen, want_seen)):
        expect.fail(answer, lambda: f"counts {as_python.code(got_counts.tolist())}, seen {as_python.code(got_seen.tolist())}",
                    lambda: f"counts {as_python.code(want_counts.tolist())}, seen {as_python.code(want_seen.tolist())}",
                    misconception=lambda: expect.diagnose(answer.value, misreadings))


@EXERCISE.check("feedback_round.inputs_unchanged", points=1, given=_rounds(st.sampled_from([0.0, 0.5, 1.0])),
                max_examples=10, examples=[Round(5, 3, 6, 2)],
                says="feedback_round must return new tensors and leave the counts and seen it was given as they were.")
def round_inputs(learner, case):
    call = as_python.call_text("feedback_round", case.args())
    answer = learner.probe(probes.round_inputs, *case.args(), call=call, expect_error=True)
    expect.no_error(answer)
    if answer.value["changed"]:
        expect.fail(answer, f"{' and '.join(answer.value['changed'])} changed in place",
                    "the inputs as they were, the new counts and seen returned", misconception="in_place")


# -- feedback_round: with exploration, by properties --------------------------------------------------------

# explore drawn anywhere in [0, 1] (at least one explored slot: explore >= 1/k), from short decimals up.
explores = st.one_of(st.sampled_from([0.25, 0.5, 0.7, 1.0]), st.floats(0, 1, allow_nan=False))
explore_cases = _rounds(explores, min_e=1)


def _expect_explored_round(answer, case: Round) -> None:
    """One round with exploration: the k - e exploited items exact, k new unseen items per user, and the
    counts grown by what was shown."""
    counts, seen = case.arrays()
    got_counts, got_seen = _round_pair(answer, case.n_users, case.n_items)
    got_seen = got_seen.astype(bool)
    k, e = case.k, case.e
    top = ref.recommend(torch.from_numpy(counts), torch.from_numpy(seen), k).numpy()[:, : k - e]
    new = got_seen & ~seen
    for user in range(case.n_users):
        shown = np.flatnonzero(new[user])
        if (seen[user] & ~got_seen[user]).any():
            expect.fail(answer, f"user {user}: seen items unmarked", "every item seen before still seen")
        if len(shown) != k:
            expect.fail(answer, f"user {user} newly saw {len(shown)} item(s): {as_python.code(shown.tolist())}",
                        f"{k} items they had not seen", misconception="seen_items_shown" if len(shown) < k else None)
        missing = [int(i) for i in top[user] if not new[user, i]]
        if missing:
            rounded = [m for m in (math.ceil(case.explore * k), round(case.explore * k)) if m != e]
            misconception = "e_rounded" if any(set(top[user][: k - m]) <= set(shown) for m in rounded) else None
            expect.fail(answer, f"user {user} was shown {as_python.code(shown.tolist())}",
                        f"items {as_python.code(top[user].tolist())} (the k - e = {k} - {e} most counted unseen ones), "
                        f"and {e} more unseen ones drawn at random", misconception=misconception)
    if not np.array_equal(got_counts, counts + new.sum(0)):
        expect.fail(answer, f"counts {as_python.code(got_counts.tolist())}",
                    f"the counts plus one per user shown each item: {as_python.code((counts + new.sum(0)).tolist())}",
                    misconception="count_per_item" if np.array_equal(got_counts, counts + new.any(0)) else None)


@EXERCISE.check("feedback_round.exploration", points=2, given=explore_cases, max_examples=20,
                # In the second, counts updated user by user would change the last user's top item; in the
                # third, e = floor(0.7 * 4) = 2, where round() and ceil() give 3; in the fourth, a seen item
                # whose count were replaced by 0 would tie with an unseen item of count 0 and come first.
                examples=[Round(5, 3, 8, 4, 0.5, 1), Round(0, 4, 8, 3, 0.4, 1), Round(5, 3, 8, 4, 0.7, 1),
                          Round(164, 4, 8, 3, 0.4, 1)],
                says="feedback_round with explore must show each user the k - e most counted unseen items "
                     "(e = math.floor(explore * k)) and e other unseen items, k new items in all, and count them.")
def round_explored(learner, case):
    answer = learner.call("feedback_round", *case.args(), expect_error=True)
    _expect_explored_round(answer, case)


@EXERCISE.check("feedback_round.deterministic", points=1, given=explore_cases, max_examples=10,
                examples=[Round(5, 3, 8, 4, 0.5, 1)],
                says="feedback_round must draw its exploration from a generator seeded with seed: the same round for "
                     "the same seed, even after other code has drawn random numbers in between.")
def round_deterministic(learner, case):
    call = (f"a = {as_python.call_text('feedback_round', case.args())}; torch.manual_seed(1234); np.random.seed(1234); "
            "b = (the same)")
    answer = learner.probe(probes.round_twice, *case.args(), call=call, expect_error=True)
    expect.no_error(answer)
    first, second = answer.value["first"], answer.value["second"]
    pairs = isinstance(first, (tuple, list)) and isinstance(second, (tuple, list)) and len(first) == len(second) == 2
    same = pairs and all(isinstance(a, TensorValue) and isinstance(b, TensorValue) and np.array_equal(a.array, b.array)
                         for a, b in zip(first, second))
    if not same:
        expect.fail(answer, "a and b differ", "a == b", misconception="global_rng")


# The statistics of exploration: K = 100 rounds from the same state, seeds base, base + 1, ..., with U <= 4
# users, 10 items, k = 4 and explore = 0.5 (e = 2). User u has 4 <= C_u <= 8 candidates (unseen items
# outside its 2 exploited ones), each explored in a round with probability p_u = 2 / C_u, so its count
# over the K rounds is Binomial(K, p_u), whatever the generator. A band per candidate [lo, hi] holds it
# except with probability <= 2 * ALPHA_CELL (exact binomial tails; for p = 1/4 the band is [1, 58], for
# 1/2 [16, 84]); over at most 4 x 8 candidates, a correct round fails one example with probability
# <= 64 * ALPHA_CELL = 6.4e-11, three examples with at most 2e-10. Always exploring the
# next-ranked items, only some of them, or favouring the most counted ones puts counts far outside.
STATS_ROUNDS, STATS_ITEMS, STATS_K, STATS_EXPLORE = 100, 10, 4, 0.5
ALPHA_CELL = 1e-12


@cache
def binomial_band(trials: int, p: float, alpha: float = ALPHA_CELL) -> tuple[int, int]:
    """[lo, hi] such that P(X < lo) <= alpha and P(X > hi) <= alpha for X ~ Binomial(trials, p)."""
    pmf = [math.comb(trials, x) * p ** x * (1 - p) ** (trials - x) for x in range(trials + 1)]
    lo, below = 0, 0.0
    while lo < trials and below + pmf[lo] <= alpha:
        below += pmf[lo]
        lo += 1
    hi, above = trials, 0.0
    while hi > 0 and above + pmf[hi] <= alpha:
        above += pmf[hi]
        hi -= 1
    return lo, hi


@dataclass(frozen=True)
class Stats:
    seed: int
    n_users: int
    base: int

    def round(self) -> Round:
        return Round(self.seed, self.n_users, STATS_ITEMS, STATS_K, STATS_EXPLORE, self.base)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        counts = (rng.permutation(STATS_ITEMS) * 2).astype(np.int64)  # distinct: one clear ranking
        return counts, _seen_matrix(rng, self.n_users, STATS_ITEMS, 0.25, STATS_K + 2)


stats_cases = st.builds(Stats, st.integers(0, 10**6), st.integers(2, 4), st.integers(0, 10**6))


@EXERCISE.check("feedback_round.explores_uniformly", points=1, given=stats_cases, max_examples=3,
                examples=[Stats(0, 3, 0)],
                says="feedback_round must draw the explored items uniformly: over many seeds, each of a user's other "
                     "unseen items explored about equally often.")
def round_uniform(learner, case):
    counts, seen = case.arrays()
    seeds = [case.base + j for j in range(STATS_ROUNDS)]
    call = (f"[feedback_round({as_python.code(tensor(counts))}, {as_python.code(tensor(seen))}, {STATS_K}, {STATS_EXPLORE}, "
            f"seed={case.base} + j)[1] for j in range({STATS_ROUNDS})]")
    answer = learner.probe(probes.rounds_seen, tensor(counts), tensor(seen), STATS_K, STATS_EXPLORE,
                           seeds, call=call, expect_error=True)
    expect.no_error(answer)
    e = ref.explored_count(STATS_EXPLORE, STATS_K)
    top = ref.recommend(torch.from_numpy(counts), torch.from_numpy(seen), STATS_K).numpy()[:, : STATS_K - e]
    tally = np.zeros(seen.shape, dtype=np.int64)
    for value in answer.value:
        new = value.array.astype(bool) & ~seen if isinstance(value, TensorValue) and value.shape == seen.shape else None
        if new is None or (new.sum(1) != STATS_K).any() or not all(new[u, top[u]].all() for u in range(len(seen))):
            expect.fail(answer, "a round that does not show each user its top k - e items plus e other unseen ones",
                        "valid rounds (see feedback_round.exploration)")
        tally += new
    for user in range(len(seen)):
        candidates = [i for i in np.flatnonzero(~seen[user]) if i not in set(top[user])]
        lo, hi = binomial_band(STATS_ROUNDS, e / len(candidates))
        counts_u = tally[user, candidates]
        if counts_u.min() < lo or counts_u.max() > hi:
            shown = ", ".join(f"item {i}: {c}" for i, c in zip(candidates, counts_u))
            misconception = ("explores_next_ranked" if set(counts_u.tolist()) <= {0, STATS_ROUNDS} else
                             "explores_popular" if counts_u.std() > 0 and
                             np.corrcoef(counts[candidates], counts_u)[0, 1] > 0.5 else None)
            expect.fail(answer, f"user {user}'s candidates explored in {STATS_ROUNDS} rounds: {shown}",
                        f"each between {lo} and {hi} times (about {STATS_ROUNDS * e / len(candidates):.0f})",
                        misconception=misconception)


bad_rounds = st.tuples(_rounds(st.just(0.5)), st.sampled_from(["negative", "above_one", "too_few"]))


@EXERCISE.check("feedback_round.rejects_bad_input", points=1, given=bad_rounds, max_examples=10,
                examples=[(Round(5, 3, 6, 2), "above_one"), (Round(5, 3, 6, 2), "too_few")],
                says="feedback_round must raise ValueError when explore is outside [0, 1], or when a user has fewer "
                     "than k unseen items.")
def round_rejects(learner, case):
    base, kind = case
    counts, seen = base.arrays()
    k, explore = base.k, {"negative": -0.5, "above_one": 1.5, "too_few": 0.0}[kind]
    if kind == "too_few":
        k = int((~seen).sum(1).min()) + 1
    answer = learner.call("feedback_round", tensor(counts), tensor(seen), k, explore, base.round_seed,
                          expect_error=True)
    expect.raises(answer, "ValueError", misconceptions=[
        ("torch_error", lambda got: isinstance(got, ErrorInfo) and got.type in ("RuntimeError", "IndexError")),
        ("explore_not_checked", lambda got: kind != "too_few"),
        ("seen_items_shown", lambda got: _returned(got)),
    ])


# -- simulate --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    seed: int
    n_users: int
    n_items: int
    rounds: int
    k: int
    explore: float = 0.0
    run_seed: int = 0

    def seen(self) -> np.ndarray:
        return _seen_matrix(np.random.default_rng(self.seed), self.n_users, self.n_items, 0.3, self.rounds * self.k)

    def args(self) -> list:
        return [tensor(self.seen()), self.rounds, self.k, self.explore, self.run_seed]


def _runs(explore: st.SearchStrategy[float], min_rounds: int = 0) -> st.SearchStrategy[Run]:
    def build(seed, users, items, rounds, k, x, run_seed):
        k = max(1, min(k, items // max(rounds, 1)))
        return Run(seed, users, items, min(rounds, items // k), k, x, run_seed)

    return st.builds(build, st.integers(0, 10**6), st.integers(1, 4), st.integers(4, 10),
                     st.integers(min_rounds, 3), st.integers(1, 3), explore, st.integers(0, 10**6))


def _ginis(answer, rounds: int) -> list[float]:
    expect.no_error(answer)
    got = _floats(answer.value)
    if got is None:
        expect.fail(answer, as_python.code(answer.value), f"a list of {rounds + 1} floats")
    return got


def _simulate_misreadings(run: Run) -> list:
    seen = run.seen()
    expected = ref.simulate(torch.from_numpy(seen), run.rounds, run.k, run.explore, run.run_seed)
    counts, now, stale = torch.from_numpy(seen).sum(0), torch.from_numpy(seen), [ref.gini(seen.sum(0))]
    for r in range(run.rounds):  # the seen flags never passed on: every round starts from the first
        counts, _ = ref.feedback_round(counts, torch.from_numpy(seen), run.k, run.explore, run.run_seed + r)
        stale.append(ref.gini(counts))
    return [
        ("missing_start", lambda got: _same_floats(got, expected[1:])),
        ("seen_not_passed_on", lambda got: _same_floats(got, stale)),
    ]


def _floats(values) -> list[float] | None:
    """Ginis as plain floats (0-dim tensors read as their value); None if they are not all numbers."""
    if not isinstance(values, list):
        return None
    out = [float(v.array) if isinstance(v, TensorValue) and v.shape == () else v for v in values]
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in out)
    return [float(v) for v in out] if numbers else None


def _same_floats(got: list[float] | None, expected: list[float] | None, nan_ok: bool = False) -> bool:
    """The same Ginis; with `nan_ok`, NaN where the other has NaN too (replays of the learner's own gini)."""
    return got is not None and expected is not None and len(got) == len(expected) and \
        bool(np.allclose(got, expected, rtol=1e-6, atol=1e-9, equal_nan=nan_ok))


@EXERCISE.check("simulate.no_exploration", points=2, given=_runs(st.just(0.0)), max_examples=15,
                # The second starts with nothing seen (every count 0); in the third, ties between equal
                # counts decide which items later rounds show; in the fourth, counts updated user by user.
                examples=[Run(2, 3, 8, 2, 2), Run(14, 2, 5, 2, 2), Run(1, 3, 8, 3, 2), Run(11, 3, 5, 2, 1)],
                says="simulate(seen, rounds, k) must list gini(counts) at the start (counts = seen.sum(0)) and after "
                     "each of rounds feedback rounds: rounds + 1 floats.")
def simulate_exact(learner, run):
    answer = learner.call("simulate", *run.args(), expect_error=True)
    got = _ginis(answer, run.rounds)
    expected = ref.simulate(torch.from_numpy(run.seen()), run.rounds, run.k, run.explore, run.run_seed)
    if not _same_floats(got, expected):
        expect.fail(answer, as_python.code(got), as_python.code(expected),
                    misconception=lambda: expect.diagnose(got, _simulate_misreadings(run)))


PLANS = {
    "contract": lambda seed, rounds: [seed + r for r in range(rounds)],
    "again": lambda seed, rounds: [seed + r for r in range(rounds)],  # the same again: is the round reproducible?
    "same_seed": lambda seed, rounds: [seed] * rounds,
    "seed_plus_one": lambda seed, rounds: [seed + r + 1 for r in range(rounds)],
    "round_only": lambda seed, rounds: list(range(rounds)),
}


@EXERCISE.check("simulate.rounds_seeded", points=1, given=_runs(st.sampled_from([0.5, 1.0]), min_rounds=2),
                max_examples=10,
                examples=[Run(2, 3, 10, 3, 2, 0.5, 7), Run(14, 2, 5, 2, 2, 0.5, 0)],  # the second: nothing seen yet
                says="simulate must run round r (from 0) as feedback_round(counts, seen, k, explore, seed + r), on the "
                     "counts and seen the round before returned.")
def simulate_seeded(learner, run):
    plans = {name: plan(run.run_seed, run.rounds) for name, plan in PLANS.items()}
    call = as_python.call_text("simulate", run.args())
    answer = learner.probe(probes.simulate_replayed, *run.args(), plans, call=call, expect_error=True)
    got = _ginis(replace(answer, value=answer.value["out"] if answer.error is None else None), run.rounds)
    replays = {name: _floats(values) for name, values in answer.value["replays"].items()}
    wanted = replays["contract"]
    if wanted is None:
        expect.fail(answer, as_python.code(got), "the Ginis of your feedback_round and gini chained by hand (which "
                                            "failed: see their checks)")
    if not _same_floats(got, wanted, nan_ok=True):
        def named() -> str | None:
            if not _same_floats(replays["again"], wanted, nan_ok=True):
                return "round_not_deterministic"
            return next((name for name in ("same_seed", "seed_plus_one", "round_only")
                         if _same_floats(got, replays[name], nan_ok=True)), None)

        expect.fail(answer, as_python.code(got), f"{as_python.code(wanted)} (your feedback_round and gini, chained with seeds "
                    f"{as_python.code(plans['contract'])})", misconception=named)
