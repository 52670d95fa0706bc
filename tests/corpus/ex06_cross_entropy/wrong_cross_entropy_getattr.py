# expect-fail: cross_entropy.from_scratch | while running, it reached F.cross_entropy
import torch.nn.functional as F


def cross_entropy(logits, targets):
    return getattr(F, "cross_" + "entropy")(logits, targets)
