"""Exercise 3: an embedding is a one-hot matrix product.

fastbook chapter 8, question 9: "What is an embedding matrix?", question 10: "What is the
relationship between an embedding and a matrix of one-hot-encoded vectors?", and question 11: "Why
do we need `Embedding` if we could use one-hot-encoded vectors for the same thing?"

An embedding matrix has one row of latent factors per user (or movie), and a model needs the rows of
the users in a batch. Here you build that lookup the slow, explicit way, as a matrix product with
one-hot vectors, and compare it with indexing.

### BEGIN SOLUTION NOTES
Question 9 answered. The embedding matrix is the table of learnt factors: one row per user (or per
movie), `n_factors` columns. It is what a one-hot matrix is multiplied by, or, with the shortcut,
what is indexed; its entries are parameters that training adjusts.

Question 10 answered. Multiplying a one-hot row (all zeros but a 1 at position i) by the embedding
matrix gives row i of the matrix, so a batch of one-hot rows times the matrix gives exactly the rows
that indexing would. (fastbook writes one lookup as `user_factors.t() @ one_hot_3`, the column form
of the same product.) An embedding is that product computed by indexing: the same values, and, as
the checks of `embedding_lookup` show, the same gradient. That is why a model can learn the rows
with ordinary gradient descent although "look up row i" does not look like a differentiable step.

Question 11 answered. Because the one-hot route does a great deal of work on zeros. For one batch
of 64 ratings of ml-latest-small's 9,724 movies the one-hot matrix has 64 x 9,724 = 622,336 entries,
of which 64 are ones, and the product spends 622,336 x n_factors multiply-adds to copy 64 rows:

>>> one_hot(torch.zeros(64, dtype=torch.long), 9724).numel()
622336

`nn.Embedding` copies the rows directly, and its backward adds each row's gradient into the row it
came from, which is the gradient the product would have given.
### END SOLUTION NOTES
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
    # (F.one_hot(indices, num_classes).float() is the library's way; it returns int64 before .float().)
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
