# expect-fail: log_softmax.matches_reference | softmax along the wrong dimension
def log_softmax(logits):
    return logits - torch.logsumexp(logits, dim=0, keepdim=True)
