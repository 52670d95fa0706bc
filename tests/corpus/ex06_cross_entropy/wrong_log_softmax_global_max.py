# expect-fail: log_softmax.stable_for_large_logits | the largest logit of the whole tensor, not of each row
# expect-pass: log_softmax.matches_reference
def log_softmax(logits):
    shifted = logits - logits.max()
    return shifted - shifted.exp().sum(dim=-1, keepdim=True).log()
