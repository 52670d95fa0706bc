"""Reference for ex09: torch.topk for the extremes, numpy's eigendecomposition of the covariance
for PCA, and F.cosine_similarity with topk for the neighbours, all in float64."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F


def bias_extremes(bias: torch.Tensor, titles: Sequence[str], k: int = 5) -> tuple[list[str], list[str]]:
    flat = bias.detach().double().flatten()
    lowest = torch.topk(flat, k, largest=False).indices
    highest = torch.topk(flat, k, largest=True).indices
    return [titles[i] for i in lowest.tolist()], [titles[i] for i in highest.tolist()]


def principal_components(factors: torch.Tensor, k: int = 3) -> torch.Tensor:
    x = factors.detach().double().numpy()
    centred = x - x.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov(centred, rowvar=False))
    top = vectors[:, np.argsort(values)[::-1][:k]]  # eigh sorts ascending; the largest variance first
    return torch.from_numpy(centred @ top)


def cosine_similarities(factors: torch.Tensor, index: int) -> torch.Tensor:
    f = factors.detach().double()
    return F.cosine_similarity(f, f[index].unsqueeze(0), dim=1)


def nearest_movies(factors: torch.Tensor, index: int, k: int = 5) -> list[int]:
    similarity = cosine_similarities(factors, index)
    similarity[index] = float("-inf")
    return torch.topk(similarity, k).indices.tolist()
