# expect: full-marks
def log_softmax(logits):
    return logits - torch.logsumexp(logits, dim=-1, keepdim=True)
