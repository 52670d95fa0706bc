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

### BEGIN SOLUTION NOTES
Cross-entropy or binary cross-entropy. Softmax makes the scores of one row compete: the
probabilities are positive and add up to 1, so raising one lowers the others. That is right when
each item has exactly one label among the classes: one disease per image, one variety per image, one
rating per (user, movie). Use cross-entropy (softmax + negative log-likelihood) there. When an item
can have any number of labels (chapter 6's images holding a person *and* a bicycle, or none of the
classes), each class is its own yes/no question: one sigmoid per output, none competing, and binary
cross-entropy averaged over all of them. The two-headed model of Road to the Top is the first case
twice: each half of the output has exactly one right answer, so each half gets its own cross-entropy.
Binary cross-entropy over all 20 outputs would let the model answer "two diseases" or "no variety".

Jeremy's spreadsheet form. With the target written as a one-hot row y, cross-entropy is
-sum over classes of y * log(p). Every term but the target's is 0 * log(p) = 0, so the sum is
-log(p[target]), which is what `cross_entropy` picks out of each row. Both forms give the same number:

>>> logits, targets = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]]), torch.tensor([0, 2])
>>> y = torch.eye(3)[targets]  # one-hot targets
>>> bool(torch.isclose(-(y * log_softmax(logits)).sum(1).mean(), cross_entropy(logits, targets)))
True

`F.` functions and `nn.` classes. torch offers each loss twice. `F.cross_entropy(logits, targets)`
(torch.nn.functional) is a plain function: call it with the tensors. `nn.CrossEntropyLoss()` is a
class: make an object (its options, such as `reduction` or `label_smoothing`, are given once, here),
then call the object with the tensors. They compute the same thing; the object form suits code
that wants a loss *object*, such as a layer list or a training loop that takes `loss_func`. The
lesson's own loss functions (`disease_loss`, `variety_loss`) call `F.cross_entropy`. The same pairs
exist for softmax (`F.softmax(x, dim)`, `nn.Softmax(dim)`) and binary cross-entropy
(`F.binary_cross_entropy_with_logits`, `nn.BCEWithLogitsLoss`).

>>> import torch.nn.functional as F
>>> from torch import nn
>>> bool(torch.isclose(F.cross_entropy(logits, targets), nn.CrossEntropyLoss()(logits, targets)))
True

The mean over the batch, not the sum. A mean gives a loss, and a gradient, on the same scale
whatever the batch size: with a sum, doubling the batch would double every step. It does not make
the batch size irrelevant. A mean over fewer rows is a noisier estimate of the mean over all the
data: its variance grows as the batch shrinks. So a smaller batch wants a smaller learning rate, and
the lesson's rule of thumb is to scale them together: halve the batch size, and about halve the
learning rate. Gradient accumulation (ex07) is the way around it: it keeps the batch, and so the
learning rate, while fitting small micro-batches in memory.
### END SOLUTION NOTES
"""
from __future__ import annotations

import torch


def softmax(logits: torch.Tensor) -> torch.Tensor:
    """`exp(logits)` normalised to sum to 1 along the last dimension; finite for any finite logits.

    >>> softmax(torch.tensor([1000., 1000.]))
    tensor([0.5000, 0.5000])
    """
    ### BEGIN SOLUTION
    # softmax(x) = softmax(x - c) for any c, because exp(x - c) = exp(x) / exp(c) and exp(c) cancels
    # in the ratio. With c the row's largest logit, every exponent is <= 0, so exp() lies in (0, 1]:
    # no overflow, and the largest term is exactly 1, so the sum is at least 1 (no 0 / 0).
    # keepdim=True leaves the reduced axis as size 1, so it broadcasts against its own row.
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    exps = shifted.exp()
    return exps / exps.sum(dim=-1, keepdim=True)
    ### END SOLUTION


def log_softmax(logits: torch.Tensor) -> torch.Tensor:
    """`log(softmax(logits))` along the last dimension, computed without ever taking `log(0)`.

    >>> log_softmax(torch.tensor([0., -200.]))
    tensor([   0., -200.])
    """
    ### BEGIN SOLUTION
    # log(softmax(x)) = x - log(sum(exp(x))): a subtraction, no division, no log of a tiny
    # probability. log(softmax(x)) itself would round exp(-200) to 0 and give log(0) = -inf.
    # The same max shift keeps the sum finite: log(sum(exp(x))) = m + log(sum(exp(x - m))).
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    return shifted - shifted.exp().sum(dim=-1, keepdim=True).log()
    ### END SOLUTION


def cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood of `targets` ([N] long) under `logits` ([N, C]): `F.cross_entropy`."""
    ### BEGIN SOLUTION
    log_probs = log_softmax(logits)
    # Row i's loss is -log_probs[i, targets[i]]: one entry per row. gather picks, in each row, the
    # column named by that row's target. fastbook picks the same entries by indexing with two index
    # tensors (chapter 5's sm_acts[idx, targ]): log_probs[torch.arange(len(targets)), targets].
    # (log_probs[:, targets] would instead take the targets' columns from *every* row: an [N, N]
    # block, the classic slip.)
    picked = log_probs.gather(1, targets.unsqueeze(1)).squeeze(1)
    # The mean, not the sum, so the loss and its gradient keep their scale whatever the batch size
    # (the notes: that is not the same as "any batch size suits one learning rate").
    return -picked.mean()
    ### END SOLUTION


def binary_cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean binary cross-entropy of `targets` ([N] floats in [0, 1]) against `logits` ([N]):
    `F.binary_cross_entropy_with_logits`, finite however large the logits."""
    ### BEGIN SOLUTION
    # With p = sigmoid(x): -[y log p + (1 - y) log(1 - p)]. Since log p = -log(1 + exp(-x)) and
    # log(1 - p) = -x - log(1 + exp(-x)), the loss is x - x*y + log(1 + exp(-x)), and for x < 0 the
    # same thing is -x*y + log(1 + exp(x)). Both cases at once: max(x, 0) - x*y + log1p(exp(-|x|)).
    # exp(-|x|) is at most 1, so nothing overflows; log1p keeps precision when exp(-|x|) is tiny.
    # (F.softplus(x) - x*y is the same formula; log(sigmoid(x)) is not: it gives log(0) = -inf.)
    losses = logits.clamp(min=0) - logits * targets + torch.log1p(torch.exp(-logits.abs()))
    return losses.mean()
    ### END SOLUTION


def multi_target_loss(output: torch.Tensor, disease: torch.Tensor, variety: torch.Tensor) -> torch.Tensor:
    """Loss of a two-headed model, `output` [N, 20]: the cross-entropy of the first 10 columns
    against `disease` plus the cross-entropy of the last 10 against `variety` (both [N] long)."""
    ### BEGIN SOLUTION
    # Each head is an ordinary 10-class classifier, so each gets its own cross-entropy; adding the
    # two losses means one backward pass trains both heads (and the body they share).
    # Slicing keeps the batch axis whole and splits the 20 columns: [:, :10] and [:, 10:].
    return cross_entropy(output[:, :10], disease) + cross_entropy(output[:, 10:], variety)
    ### END SOLUTION
