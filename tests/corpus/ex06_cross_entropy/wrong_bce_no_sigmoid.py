# expect-fail: binary_cross_entropy.matches_reference | logits used as probabilities
def binary_cross_entropy(logits, targets):
    return -(targets * torch.log(logits) + (1 - targets) * torch.log(1 - logits)).mean()
