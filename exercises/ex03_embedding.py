# Generated from solutions/ex03_embedding.py by `python -m grader build`. This file is yours to edit.
"""Exercise 3: an embedding is a one-hot matrix product.

fastbook chapter 8, question 9: "What is an embedding matrix?", question 10: "What is the
relationship between an embedding and a matrix of one-hot-encoded vectors?", and question 11: "Why
do we need `Embedding` if we could use one-hot-encoded vectors for the same thing?"

An embedding matrix has one row of latent factors per user (or movie), and a model needs the rows of
the users in a batch. Here you build that lookup the slow, explicit way, as a matrix product with
one-hot vectors, and compare it with indexing.
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
    # TODO: the rows of weight that indices pick, computed as a matrix product with one-hot vectors: no indexing of weight
    raise NotImplementedError
