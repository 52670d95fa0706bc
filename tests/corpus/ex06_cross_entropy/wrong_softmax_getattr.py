# expect-fail: softmax.from_scratch | while running, it reached Tensor.softmax
def softmax(logits):
    return getattr(logits, "soft" + "max")(-1)
