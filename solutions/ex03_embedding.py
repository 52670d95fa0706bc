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
    ### BEGIN SOLUTION
    # Check the range ourselves: a negative index would otherwise count from the end, and an index
    # past the end would fail somewhere deep inside torch with a less helpful error.
    if indices.numel() and (int(indices.min()) < 0 or int(indices.max()) >= num_classes):
        raise ValueError(f"indices must lie in [0, {num_classes}), got {indices.min()}..{indices.max()}")
    # Compare every index with 0, 1, ..., C-1 (broadcasting a new last axis): exactly one position
    # matches. .float() because the result is multiplied with float weights; a long tensor would not be.
    return (indices.unsqueeze(-1) == torch.arange(num_classes, device=indices.device)).float()
    ### END SOLUTION


def embedding_lookup(weight: torch.Tensor, indices: torch.Tensor) -> torch.Tensor:
    """`weight[indices]`, computed as `one_hot(indices, len(weight)) @ weight` (no indexing)."""
    ### BEGIN SOLUTION
    # Each one-hot row has a single 1.0, so the product keeps exactly the matching row of weight.
    # It is an ordinary matmul, so autograd sends each row's gradient back to the row it came from,
    # just as indexing does.
    return one_hot(indices, weight.shape[0]) @ weight
    ### END SOLUTION
