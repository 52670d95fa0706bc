# expect-fail: softmax.stable_for_large_logits | the largest logit of the whole tensor, not of each row
# expect-pass: softmax.matches_reference
def softmax(logits):
    exps = (logits - logits.max()).exp()
    return exps / exps.sum(dim=-1, keepdim=True)
