# expect-fail: cross_entropy.matches_reference | the targets' columns from every row, not one pick per row
def cross_entropy(logits, targets):
    return -log_softmax(logits)[:, targets].mean()
