# expect-fail: cross_entropy.from_scratch | uses F.nll_loss
# expect-pass: cross_entropy.matches_reference
import torch.nn.functional as F


def cross_entropy(logits, targets):
    return F.nll_loss(log_softmax(logits), targets)
