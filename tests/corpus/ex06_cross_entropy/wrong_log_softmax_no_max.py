# expect-fail: log_softmax.stable_for_large_logits | softmax without max-subtraction
# expect-pass: log_softmax.matches_reference
def log_softmax(logits):
    return logits - logits.exp().sum(dim=-1, keepdim=True).log()
