# expect: full-marks
def log_softmax(logits):
    shifted = logits.sub(logits.amax(-1, keepdim=True))
    return shifted.sub(shifted.exp().sum(-1, keepdim=True).log())
