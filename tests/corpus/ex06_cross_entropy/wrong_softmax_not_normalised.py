# expect-fail: softmax.matches_reference | exp() not divided by its sum
def softmax(logits):
    return (logits - logits.amax(dim=-1, keepdim=True)).exp()
