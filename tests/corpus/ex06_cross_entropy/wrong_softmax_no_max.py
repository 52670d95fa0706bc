# expect-fail: softmax.stable_for_large_logits | softmax without max-subtraction
# expect-pass: softmax.matches_reference
def softmax(logits):
    exps = logits.exp()
    return exps / exps.sum(dim=-1, keepdim=True)
