# expect-fail: binary_cross_entropy.stable_for_large_logits | exp of a large logit overflows
# expect-pass: binary_cross_entropy.matches_reference
def binary_cross_entropy(logits, targets):
    return (torch.log1p(torch.exp(logits)) - logits * targets).mean()
