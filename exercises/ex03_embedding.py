# Generated from solutions/ex03_embedding.py by `python -m grader build`. This file is yours to edit.
"""Exercise 3: an embedding is a one-hot matrix product.

fastbook chapter 8, question 9: "What is an embedding matrix?", question 10: "What is the
relationship between an embedding and a matrix of one-hot-encoded vectors?", and question 11: "Why
do we need `Embedding` if we could use one-hot-encoded vectors for the same thing?"

An embedding matrix has one row of latent factors per user (or movie). Multiplying a one-hot row
vector by that matrix picks out one row: so "look up row i" *is* a matrix product, which is why a
model can learn the rows with ordinary gradient descent. `nn.Embedding` computes the same thing by
indexing, without ever building the one-hot matrix: same values, same gradients, far less memory
and time. Here you build the slow, explicit version to see that they agree.
"""
from __future__ import annotations

import torch


def one_hot(indices: torch.Tensor, num_classes: int) -> torch.Tensor:
    """A float tensor of shape `indices.shape + (num_classes,)` with a 1.0 at each index.

    Raises ValueError for an index outside `[0, num_classes)`.
    """
    # TODO: a float tensor of shape indices.shape + (num_classes,), 1.0 at each index; ValueError for an index outside [0, num_classes)
    raise NotImplementedError


def embedding_lookup(weight: torch.Tensor, indices: torch.Tensor) -> torch.Tensor:
    """`weight[indices]`, computed as `one_hot(indices, len(weight)) @ weight` (no indexing)."""
    # TODO: compute weight[indices] as one_hot(indices, weight.shape[0]) @ weight, without indexing weight
    raise NotImplementedError
