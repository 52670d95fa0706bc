"""The models the grader builds itself (fastbook's DotProductBias): for probes that hand a model to a
learner's training loop, for the PCA figure, and for the benchmarks. Only torch: probes import it."""
from __future__ import annotations

import torch
from torch import nn


def sigmoid_range(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    return torch.sigmoid(x) * (high - low) + low


class DotProductBias(nn.Module):
    """fastbook's DotProductBias: `sigmoid_range(user . movie + user_bias + movie_bias, *y_range)`, `[N]` out.

    Embeddings start as fastai's do, normal with std 0.01: nn.Embedding's default std of 1 makes the
    first dot products of 50 factors so large that the sigmoid saturates and training stalls."""

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5, y_range: tuple[float, float] = (0, 5.5)) -> None:
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.user_bias = nn.Embedding(n_users, 1)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.movie_bias = nn.Embedding(n_movies, 1)
        self.y_range = y_range
        for embedding in (self.user_factors, self.user_bias, self.movie_factors, self.movie_bias):
            nn.init.normal_(embedding.weight, 0, 0.01)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        users, movies = x[:, 0], x[:, 1]
        dot = (self.user_factors(users) * self.movie_factors(movies)).sum(1)
        return sigmoid_range(dot + self.user_bias(users)[:, 0] + self.movie_bias(movies)[:, 0], *self.y_range)
