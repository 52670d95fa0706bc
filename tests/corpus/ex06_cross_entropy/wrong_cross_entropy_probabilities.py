# expect-fail: cross_entropy.matches_reference | probabilities instead of log-probabilities
def cross_entropy(logits, targets):
    probs = softmax(logits)
    return -probs[range(len(targets)), targets].mean()
