"""Reference for ex11: torch.searchsorted for the classes, the model as functional calls on named
weights, F.nll_loss of log_softmax for the loss, and a weighted sum for the expected rating."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

WEIGHT_NAMES = ["user_factors", "movie_factors", "user_bias", "movie_bias", "head_weight", "head_bias"]


def rating_to_class(ratings: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    levels = levels.to(ratings.device, torch.float64)
    found = torch.searchsorted(levels, ratings.double()).clamp(max=len(levels) - 1)
    if not torch.equal(levels[found], ratings.double()):
        raise ValueError("a rating is not among the levels")
    return found


def forward_from_weights(weights: dict[str, torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    users, movies = x[:, 0], x[:, 1]
    interaction = F.embedding(users, weights["user_factors"]) * F.embedding(movies, weights["movie_factors"])
    return (F.linear(interaction, weights["head_weight"], weights["head_bias"])
            + F.embedding(users, weights["user_bias"]) + F.embedding(movies, weights["movie_bias"]))


class DotProductClasses(nn.Module):
    """The benchmark's classes model: embeddings start small, as fastai's do."""

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5, n_classes: int = 5) -> None:
        super().__init__()
        sizes = {"user_factors": (n_users, n_factors), "movie_factors": (n_movies, n_factors),
                 "user_bias": (n_users, n_classes), "movie_bias": (n_movies, n_classes),
                 "head_weight": (n_classes, n_factors), "head_bias": (n_classes,)}
        self.weights = nn.ParameterDict({k: nn.Parameter(torch.randn(size) * 0.01) for k, size in sizes.items()})

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return forward_from_weights(dict(self.weights.items()), x)


def classes_loss(logits: torch.Tensor, ratings: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    return F.nll_loss(F.log_softmax(logits.double(), dim=-1), rating_to_class(ratings, levels))


def expected_rating(logits: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    probs = F.softmax(logits.double(), dim=-1)
    return (probs * levels.to(probs)).sum(-1)
