# expect: full-marks
def softmax(logits):
    return torch.exp(logits - torch.logsumexp(logits, dim=-1, keepdim=True))
