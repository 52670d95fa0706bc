# expect-fail: cross_entropy.matches_reference | a Python number instead of a tensor
def cross_entropy(logits, targets):
    return -log_softmax(logits)[torch.arange(len(targets)), targets].mean().item()
