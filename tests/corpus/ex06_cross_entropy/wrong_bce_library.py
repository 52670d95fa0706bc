# expect-fail: binary_cross_entropy.from_scratch | uses F.binary_cross_entropy
import torch.nn.functional as F


def binary_cross_entropy(logits, targets):
    return F.binary_cross_entropy(torch.sigmoid(logits), targets)
