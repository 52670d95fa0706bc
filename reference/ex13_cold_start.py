"""Reference for ex13: means of detached weights, the fold-in as an augmented least-squares problem
solved by numpy in float64 (where the solution solves the normal equations in torch), and boolean
masks for the new movie."""
from __future__ import annotations

import numpy as np
import torch


def average_user(user_factors: torch.Tensor, user_bias: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return user_factors.detach().mean(dim=0), user_bias.detach().flatten().mean()


def logit_targets(movie_bias: np.ndarray, movies: np.ndarray, ratings: np.ndarray,
                  y_range: tuple[float, float]) -> np.ndarray:
    """t_i = logit((r_i - low) / (high - low)) - movie_bias[movies[i]], in float64."""
    low, high = y_range
    fraction = (ratings - low) / (high - low)
    return np.log(fraction) - np.log1p(-fraction) - movie_bias[movies]


def ridge(q: np.ndarray, t: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """argmin over theta = (p, b) of |t - [q, 1] theta|^2 + sum(penalty * theta^2), by least squares on the
    rows [q, 1] stacked over diag(sqrt(penalty))."""
    design = np.hstack([q, np.ones((len(q), 1))])
    stacked = np.vstack([design, np.diag(np.sqrt(penalty))])
    target = np.concatenate([t, np.zeros(len(penalty))])
    return np.linalg.lstsq(stacked, target, rcond=None)[0]


def fold_in_user(movie_factors: torch.Tensor, movie_bias: torch.Tensor, movies: torch.Tensor, ratings: torch.Tensor,
                 wd: float = 0.1, y_range: tuple[float, float] = (0, 5.5)) -> tuple[torch.Tensor, torch.Tensor]:
    r = np.asarray(torch.as_tensor(ratings).detach().double().reshape(-1))
    low, high = y_range
    if r.size == 0:
        raise ValueError("fold_in_user needs at least one rating")
    if not wd > 0:
        raise ValueError(f"wd must be positive, got {wd}")
    if not ((r > low) & (r < high)).all():
        raise ValueError(f"every rating must lie strictly inside y_range {y_range}")
    m = np.asarray(torch.as_tensor(movies).reshape(-1), dtype=np.int64)
    q = movie_factors.detach().double().numpy()[m]
    t = logit_targets(movie_bias.detach().double().reshape(-1).numpy(), m, r, y_range)
    theta = ridge(q, t, np.full(q.shape[1] + 1, float(wd)))
    dtype = movie_factors.dtype
    return torch.from_numpy(theta[:-1]).to(dtype), torch.tensor(theta[-1], dtype=dtype)


def new_movie_factors(movie_factors: torch.Tensor, genres: torch.Tensor, new_genres: torch.Tensor) -> torch.Tensor:
    factors = movie_factors.detach()
    covers = (genres | ~new_genres).all(dim=1)  # every genre of the new movie is among the movie's own
    return factors[covers].mean(0) if covers.any() else factors.mean(0)
