# expect-fail: binary_cross_entropy.matches_reference | sum instead of mean
import torch.nn.functional as F


def binary_cross_entropy(logits, targets):
    return (F.softplus(logits) - logits * targets).sum()
