# Generated from solutions/ex06_cross_entropy.py by `python -m grader build`. This file is yours to edit.
"""Exercise 6: softmax, cross-entropy, and the loss of a model with two heads.

"Road to the Top", part 4: one model predicts both the disease and the rice variety of a paddy
image. Its last layer has 20 outputs: the first 10 score the diseases, the last 10 the varieties,
and the loss is the cross-entropy of each half against its own target, added up. Cross-entropy
itself comes from fastbook chapter 5 (which chapter 8 builds on): softmax turns scores into
probabilities, and the loss is the mean negative log of the probability given to the right class.
Binary cross-entropy is chapter 6's loss for one yes/no decision per output.

Written by hand, the textbook formulas break on large numbers: `exp(100.)` is already `inf` in
float32, and `log(sigmoid(-200.))` is `log(0.) = -inf`. Your versions must stay finite for logits of
any size, as torch's do.

Use `exp`, `log`, `max` and `torch.logsumexp`; not torch's own softmax or cross-entropy
(`python -m grader check ex06` checks this).
"""
from __future__ import annotations

import torch


def softmax(logits: torch.Tensor) -> torch.Tensor:
    """`exp(logits)` normalised to sum to 1 along the last dimension; finite for any finite logits.

    >>> softmax(torch.tensor([1000., 1000.]))
    tensor([0.5000, 0.5000])
    """
    # TODO: exp of the logits, normalised to sum to 1 along the last dimension, finite however large the logits
    raise NotImplementedError


def log_softmax(logits: torch.Tensor) -> torch.Tensor:
    """`log(softmax(logits))` along the last dimension, computed without ever taking `log(0)`.

    >>> log_softmax(torch.tensor([0., -200.]))
    tensor([   0., -200.])
    """
    # TODO: log of the softmax along the last dimension, finite however far apart the logits are
    raise NotImplementedError


def cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood of `targets` ([N] long) under `logits` ([N, C]): `F.cross_entropy`."""
    # TODO: the mean over rows of minus the log-probability each row gives its target class (a 0-dim tensor)
    raise NotImplementedError


def binary_cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean binary cross-entropy of `targets` ([N] floats in [0, 1]) against `logits` ([N]):
    `F.binary_cross_entropy_with_logits`, finite however large the logits."""
    # TODO: the mean binary cross-entropy of the targets against sigmoid(logits), finite for any logits
    raise NotImplementedError


def multi_target_loss(output: torch.Tensor, disease: torch.Tensor, variety: torch.Tensor) -> torch.Tensor:
    """Loss of a two-headed model, `output` [N, 20]: the cross-entropy of the first 10 columns
    against `disease` plus the cross-entropy of the last 10 against `variety` (both [N] long)."""
    # TODO: the disease head's cross-entropy (the first 10 columns) plus the variety head's (the last 10)
    raise NotImplementedError
