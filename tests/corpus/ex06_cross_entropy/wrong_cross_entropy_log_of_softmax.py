# expect-fail: cross_entropy.stable_for_large_logits | log of softmax underflows
# expect-pass: cross_entropy.matches_reference
def cross_entropy(logits, targets):
    probs = softmax(logits)
    return -torch.log(probs[torch.arange(len(targets)), targets]).mean()
