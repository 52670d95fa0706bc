# expect-fail: cross_entropy.matches_reference | the minus sign missing
def cross_entropy(logits, targets):
    return log_softmax(logits)[torch.arange(len(targets)), targets].mean()
