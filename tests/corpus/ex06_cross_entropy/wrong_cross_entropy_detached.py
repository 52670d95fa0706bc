# expect-fail: cross_entropy.gradient | gradient cut off
# expect-pass: cross_entropy.matches_reference
def cross_entropy(logits, targets):
    with torch.no_grad():
        return -log_softmax(logits)[torch.arange(len(targets)), targets].mean()
