# expect-fail: binary_cross_entropy.matches_reference | the two terms of binary cross-entropy swapped
def binary_cross_entropy(logits, targets):
    p = torch.sigmoid(logits)
    return -(targets * torch.log(1 - p) + (1 - targets) * torch.log(p)).mean()
