"""Reference for ex09: torch.topk for the extremes, numpy's float64 SVD for PCA (the coordinates as
U * S, where the solution projects on V), and F.cosine_similarity with topk for the neighbours."""
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
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    return torch.from_numpy(u[:, :k] * s[:k])  # U S: the same coordinates as centred @ V[:, :k]


def cosine_similarities(factors: torch.Tensor, index: int) -> torch.Tensor:
    f = factors.detach().double()
    return F.cosine_similarity(f, f[index].unsqueeze(0), dim=1)


def nearest_movies(factors: torch.Tensor, index: int, k: int = 5) -> list[int]:
    similarity = cosine_similarities(factors, index)
    similarity[index] = float("-inf")
    return torch.topk(similarity, k).indices.tolist()
