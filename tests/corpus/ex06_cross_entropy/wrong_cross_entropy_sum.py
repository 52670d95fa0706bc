# expect-fail: cross_entropy.matches_reference | sum instead of mean
def cross_entropy(logits, targets):
    return -log_softmax(logits).gather(1, targets[:, None]).sum()
