# expect-fail: cross_entropy.matches_reference | raw logits picked, without log_softmax
def cross_entropy(logits, targets):
    return -logits.gather(1, targets.unsqueeze(1)).mean()
