# expect-fail: binary_cross_entropy.stable_for_large_logits | clamping probabilities caps the loss
# expect-pass: binary_cross_entropy.matches_reference
def binary_cross_entropy(logits, targets):
    p = torch.sigmoid(logits).clamp(1e-7, 1 - 1e-7)
    return -(targets * p.log() + (1 - targets) * (1 - p).log()).mean()
