# expect: full-marks
def binary_cross_entropy(logits, targets):
    x, y = logits, targets
    positive = x - x * y + torch.log1p(torch.exp(-x))
    negative = -x * y + torch.log1p(torch.exp(x))
    return torch.where(x >= 0, positive, negative).mean()
