# expect: full-marks
def softmax(logits):
    x = logits.double()
    x = x - x.amax(-1, keepdim=True)
    p = torch.exp(x) / torch.exp(x).sum(-1, keepdim=True)
    return p.to(logits.dtype)
