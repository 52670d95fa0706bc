"""What the notes of ex12-ex14 state that is cheap to reproduce: how much of the data a bootstrap sample
misses, why an ensemble's MSE cannot exceed its members' average, where the fold-in's penalty pulls,
and where ml-latest-small's exposure starts. (The numbers a training run gives come from
benchmarks/ensemble_movielens.py and benchmarks/cold_start.py, the feedback curves from
`python -m grader plot feedback`: see the README.) Tests that read MovieLens skip without ../shared."""
from __future__ import annotations

import numpy as np
import pytest
import torch

import reference.ex12_ensembles as ensembles
import reference.ex13_cold_start as cold
import reference.ex14_feedback_loop as loop
from grader.course import ROOT
from grader.models import sigmoid_range
from grader.loading import load_module

LATEST = ROOT.parent / "shared" / "data" / "ml-latest-small"


def solution(exercise: str):
    return load_module(ROOT / "solutions" / f"{exercise}.py")


def test_a_bootstrap_sample_misses_about_one_row_in_e():
    n = 20_000
    for draw in (solution("ex12_ensembles").bootstrap_sample, ensembles.bootstrap_sample):
        missed = len(ensembles.out_of_bag(n, draw(n, seed=3))) / n
        assert abs(missed - np.exp(-1)) < 0.01  # 36.8%: (1 - 1/n)^n tends to 1/e


def test_an_ensembles_mse_is_at_most_its_members_average():
    generator = torch.Generator().manual_seed(0)
    truth = torch.rand(500, generator=generator) * 4 + 1
    for correlation in (0.0, 0.5, 0.9, 1.0):
        shared = torch.randn(500, generator=generator)
        members = [truth + correlation * shared + (1 - correlation) * torch.randn(500, generator=generator)
                   for _ in range(3)]
        mses = [float(((m - truth) ** 2).mean()) for m in members]
        together = float(((ensembles.ensemble_predict(members) - truth) ** 2).mean())
        assert together <= np.mean(mses) + 1e-6
        if correlation == 1.0:  # the same mistakes: nothing to cancel
            assert np.isclose(together, np.mean(mses), rtol=1e-5)
        if correlation == 0.0:  # independent mistakes: about a third of one member's
            assert together < 0.4 * min(mses)


def test_the_fold_in_from_the_average_user_tends_to_it_as_the_penalty_grows():
    generator = torch.Generator().manual_seed(1)
    movie_factors, movie_bias = torch.randn(8, 3, generator=generator), torch.randn(8, generator=generator)
    user_factors, user_bias = torch.randn(20, 3, generator=generator), torch.randn(20, 1, generator=generator)
    p_avg, b_avg = cold.average_user(user_factors, user_bias)
    movies, ratings = torch.tensor([0, 3, 5]), torch.tensor([4.5, 1.0, 3.5])
    dp, db = cold.fold_in_user(movie_factors, movie_bias + movie_factors @ p_avg + b_avg, movies, ratings, wd=1e6)
    torch.testing.assert_close(p_avg + dp, p_avg, atol=1e-4, rtol=0)
    torch.testing.assert_close(b_avg + db, b_avg, atol=1e-4, rtol=0)
    p0, b0 = cold.fold_in_user(movie_factors, movie_bias, movies, ratings, wd=1e6)  # from zero: to zero
    assert float(p0.abs().max()) < 1e-4 and abs(float(b0)) < 1e-4
    # With a small penalty and as many ratings as unknowns, both fit the ratings closely.
    dp, db = cold.fold_in_user(movie_factors, movie_bias + movie_factors @ p_avg + b_avg, torch.tensor([0, 1, 2, 3]),
                               torch.tensor([4.5, 1.0, 3.5, 2.0]), wd=1e-6)
    fitted = sigmoid_range(movie_factors[:4] @ (p_avg + dp) + b_avg + db + movie_bias[:4], 0, 5.5)
    torch.testing.assert_close(fitted, torch.tensor([4.5, 1.0, 3.5, 2.0]), atol=1e-3, rtol=0)


def test_the_solutions_gini_agrees_with_the_sorted_formula_and_ignores_order():
    gini = solution("ex14_feedback_loop").gini
    rng = np.random.default_rng(0)
    for _ in range(20):
        counts = torch.from_numpy(rng.integers(0, 50, size=rng.integers(1, 30)))
        assert np.isclose(gini(counts), loop.gini(counts))
        assert np.isclose(gini(counts[torch.randperm(len(counts))]), gini(counts))
    assert loop.gini(torch.tensor([0, 0, 0, 7])) == pytest.approx(3 / 4)  # one item gets all: (n - 1) / n


@pytest.mark.skipif(not (LATEST / "ratings.csv").exists(), reason="../shared/data/ml-latest-small is not here")
def test_ml_latest_small_exposure_starts_at_a_gini_of_0_716():
    from grader.data import load
    from grader.figures.lesson import exposure_matrix

    seen = exposure_matrix(load(LATEST))
    assert seen.shape == (610, 9_724) and seen.sum() == 100_836
    assert round(loop.gini(seen.sum(0)), 3) == 0.716
