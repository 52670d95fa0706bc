# expect-fail: binary_cross_entropy.stable_for_large_logits | log of sigmoid overflows or underflows
# expect-pass: binary_cross_entropy.matches_reference
def binary_cross_entropy(logits, targets):
    p = torch.sigmoid(logits)
    return -(targets * torch.log(p) + (1 - targets) * torch.log(1 - p)).mean()
