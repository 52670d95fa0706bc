"""What the worked solutions' notes state, reproduced: every number they quote (those a training run
gives come from `benchmarks/train_movielens.py`) and every behaviour they describe. Tests that read
MovieLens use ../shared/data and skip without it."""
from __future__ import annotations

import doctest
import math

import pandas as pd
import pytest
import torch
from torch import nn

from grader.course import ROOT
from grader import course
from grader.data import load
from grader.loading import load_module

LATEST = ROOT.parent / "shared" / "data" / "ml-latest-small" / "ratings.csv"
needs_latest = pytest.mark.skipif(not LATEST.exists(), reason="../shared/data/ml-latest-small is not here")


def solution(exercise: str):
    return load_module(ROOT / "solutions" / f"{exercise}.py")


@pytest.fixture(scope="module")
def latest() -> pd.DataFrame:
    return pd.read_csv(LATEST)


@pytest.mark.parametrize("exercise", course.names())
def test_the_examples_in_the_solutions_hold(exercise):
    # The notes' worked examples are doctests: ex01's 1.35, ex03's 622,336, ex05's 0.99, ex10's
    # printed model, ex11's classes 3, 0 and 8, ...
    result = doctest.testmod(solution(exercise), extraglobs={"torch": torch}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


# ex02: how full the sheet is; pandas' one-liners ------------------------------------------------------

def test_ml_100k_fills_6_point_3_percent_of_its_sheet():
    # GroupLens' README for ml-100k: 100,000 ratings by 943 users on 1,682 movies.
    assert 943 * 1682 == 1_586_126 and round(100 * 100_000 / 1_586_126, 1) == 6.3
    ratings = load().ratings  # the synthetic set has ml-100k's shape (a few of its movies go unrated)
    assert round(100 * len(ratings) / (ratings["user"].nunique() * ratings["movie"].nunique()), 1) == 6.3


@needs_latest
def test_ml_latest_small_fills_1_point_7_percent_of_its_sheet(latest):
    users, movies = latest["userId"].nunique(), latest["movieId"].nunique()
    assert (len(latest), users, movies) == (100_836, 610, 9_724)
    assert round(100 * len(latest) / (users * movies), 1) == 1.7


def test_crosstab_and_pivot_table_give_the_same_sheet():
    ratings = load().ratings.head(3000)
    sheet = solution("ex02_crosstab").ratings_crosstab(ratings)
    crosstab = pd.crosstab(ratings.user, ratings.movie, values=ratings.rating, aggfunc="mean")
    pivot = ratings.pivot_table(index="user", columns="movie", values="rating", aggfunc="mean")
    pd.testing.assert_frame_equal(crosstab, sheet)
    pd.testing.assert_frame_equal(pivot, sheet)


# ex04: where an embedding starts, and fastbook's Further Research 1 --------------------------------

def _first_dot_products(model: nn.Module) -> torch.Tensor:
    x = torch.stack([torch.randint(0, 500, (20_000,)), torch.randint(0, 500, (20_000,))], 1)
    with torch.no_grad():
        return (model.user_factors(x[:, 0]) * model.movie_factors(x[:, 1])).sum(1)


def test_unit_normal_factors_saturate_the_sigmoid_and_fastais_start_does_not():
    torch.manual_seed(0)
    model = solution("ex04_dot_model").DotProduct(500, 500, n_factors=50)
    small = _first_dot_products(model)
    for embedding in (model.user_factors, model.movie_factors):
        assert embedding.weight.detach().abs().max() <= 0.02  # cut off at two standard deviations
        assert 0.0085 < float(embedding.weight.detach().std()) < 0.0095  # std 0.01 before the cut
        nn.init.normal_(embedding.weight)  # nn.Embedding's own start, normal(0, 1)
    large = _first_dot_products(model)
    assert 6.5 < float(large.std()) < 7.5  # sqrt(50), about 7
    median = float(large.abs().median())
    assert 4.3 < median < 5.3  # "half are larger than about 4.8"
    slope = float(torch.sigmoid(torch.tensor(4.8)) * (1 - torch.sigmoid(torch.tensor(4.8))))
    assert slope < 0.01 and 28 < 0.25 / slope < 34  # "under 0.01, a thirtieth of its slope at 0"
    assert 4e-4 < float(small.std()) < 1e-3  # about 7e-4: every first prediction near the middle


def test_factors_that_start_at_zero_never_move():
    ex04 = solution("ex04_dot_model")
    model = ex04.DotProduct(3, 3, n_factors=2)
    for embedding in (model.user_factors, model.movie_factors):
        nn.init.zeros_(embedding.weight)
    model(torch.tensor([[0, 1], [2, 2]])).sum().backward()
    assert model.user_factors.weight.grad.abs().max() == 0 and model.movie_factors.weight.grad.abs().max() == 0


def test_nn_module_must_be_set_up_before_a_module_is_assigned():
    class Forgot(nn.Module):
        def __init__(self):
            self.user_factors = nn.Embedding(2, 2)

    with pytest.raises(AttributeError, match=r"cannot assign module before Module.__init__\(\) call"):
        Forgot()


def test_each_change_of_further_research_1_is_needed():
    ex04 = solution("ex04_dot_model")
    x = torch.tensor([[0, 1], [1, 0], [2, 2]])
    with pytest.raises(TypeError, match="'Parameter' object is not callable"):
        ex04.create_params([3, 2])(x[:, 0])
    with pytest.raises(TypeError, match="'Embedding' object is not subscriptable"):
        nn.Embedding(3, 2)[x[:, 0]]

    class PlainTensors(nn.Module):
        def __init__(self):
            super().__init__()
            self.user_factors = torch.zeros(3, 2).normal_(0, 0.01)

    assert list(PlainTensors().parameters()) == []
    with pytest.raises(ValueError, match="optimizer got an empty parameter list"):
        torch.optim.Adam(PlainTensors().parameters())
    model = ex04.DotProductBias(3, 3)
    assert (model.user_factors(x[:, 0]) * model.movie_factors(x[:, 1])).sum(1).shape == (3,)
    assert model.user_bias(x[:, 0]).shape == (3, 1)
    assert ((model.user_factors(x[:, 0]) * model.movie_factors(x[:, 1])).sum(1) + model.user_bias(x[:, 0])).shape == (3, 3)


# ex05: the two wd's ------------------------------------------------------------------------------

def test_torchs_weight_decay_d_steps_as_the_penalty_d_over_2_does():
    ex05 = solution("ex05_weight_decay")
    torch.manual_seed(0)
    start, target = torch.randn(4, 3), torch.randn(4, 3)
    by_penalty = start.clone().requires_grad_()
    loss = ((by_penalty - target) ** 2).sum() + ex05.l2_penalty([by_penalty], 0.05)
    loss.backward()
    with torch.no_grad():
        by_penalty -= 0.1 * by_penalty.grad  # plain SGD on the loss with the penalty in it
    by_step = start.clone().requires_grad_()
    ((by_step - target) ** 2).sum().backward()
    ex05.sgd_step([by_step], lr=0.1, wd=0.1)
    by_torch = start.clone().requires_grad_()
    ((by_torch - target) ** 2).sum().backward()
    torch.optim.SGD([by_torch], lr=0.1, weight_decay=0.1).step()
    torch.testing.assert_close(by_step, by_penalty)
    torch.testing.assert_close(by_step, by_torch)


def test_no_parameters_give_a_zero_dim_zero():
    penalty = solution("ex05_weight_decay").l2_penalty([], 0.1)
    assert isinstance(penalty, torch.Tensor) and penalty.dim() == 0 and float(penalty) == 0.0
    assert solution("ex05_weight_decay").l2_penalty(iter([]), 0.1).dim() == 0


# ex07: BatchNorm ---------------------------------------------------------------------------------

def test_the_batchnorm_demo_prints_what_the_notes_say():
    differences = solution("ex07_grad_accum")._batchnorm_demo()
    assert differences["without BatchNorm"] < 1e-7
    assert round(differences["with BatchNorm"], 2) == 0.32


def test_batchnorm_cannot_train_on_one_value_per_channel():
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        nn.BatchNorm1d(3).train()(torch.randn(1, 3))


def test_batchnorm_running_statistics_move_once_per_micro_batch():
    ex07 = solution("ex07_grad_accum")
    model = nn.Sequential(nn.Linear(2, 4), nn.BatchNorm1d(4), nn.Linear(4, 1))
    ex07.accumulate_gradients(model, nn.functional.mse_loss, torch.randn(16, 2), torch.randn(16, 1), 4)
    assert int(model[1].num_batches_tracked) == 4


def test_a_short_last_group_takes_a_proportionally_smaller_step():
    ex07 = solution("ex07_grad_accum")
    weight = nn.Linear(1, 1, bias=False)
    nn.init.zeros_(weight.weight)
    loss = lambda out, y: (out - y).mean()  # noqa: E731  gradient -x: 1 per micro-batch here
    opt = torch.optim.SGD(weight.parameters(), lr=1.0)
    ones = (torch.ones(1, 1), torch.zeros(1, 1))
    ex07.train_accumulated(weight, loss, opt, [ones] * 4, accum_steps=4)  # one full group
    full = float(weight.weight.detach())
    ex07.train_accumulated(weight, loss, opt, [ones], accum_steps=4)  # a group of 1 of 4
    assert math.isclose(float(weight.weight.detach()) - full, full / 4)


# ex08: the data's order -----------------------------------------------------------------------

@needs_latest
def test_ml_latest_small_is_sorted_by_user_then_movie(latest):
    assert latest.equals(latest.sort_values(["userId", "movieId"], kind="stable"))
    assert not latest["timestamp"].is_monotonic_increasing


@needs_latest
def test_a_split_by_position_validates_on_users_never_trained_on(latest):
    cut = int(0.8 * len(latest))
    train, valid = latest.iloc[:cut], latest.iloc[cut:]
    unseen = set(valid["userId"]) - set(train["userId"])
    assert (valid["userId"].nunique(), len(unseen)) == (102, 101)


@needs_latest
def test_ids_as_embedding_rows_would_leave_95_percent_unused(latest):
    assert (latest["movieId"].max(), latest["movieId"].nunique()) == (193_609, 9_724)
    assert round(1 - 9_724 / 193_609, 2) == 0.95


# ex09: the factors are fixed only up to a change of axes ---------------------------------------------

def test_a_change_of_axes_keeps_every_prediction_and_a_rotation_keeps_the_penalty():
    torch.manual_seed(0)
    users, movies = torch.randn(30, 4, dtype=torch.float64), torch.randn(20, 4, dtype=torch.float64)
    change = torch.randn(4, 4, dtype=torch.float64) + 4 * torch.eye(4, dtype=torch.float64)
    moved_movies, moved_users = movies @ change, users @ torch.linalg.inv(change).T
    torch.testing.assert_close(moved_users @ moved_movies.T, users @ movies.T)
    assert not torch.allclose(moved_movies, movies)
    rotation, _ = torch.linalg.qr(torch.randn(4, 4, dtype=torch.float64))
    turned_users, turned_movies = users @ rotation, movies @ rotation
    torch.testing.assert_close(turned_users @ turned_movies.T, users @ movies.T)
    torch.testing.assert_close((turned_users ** 2).sum() + (turned_movies ** 2).sum(), (users ** 2).sum() + (movies ** 2).sum())
