# expect-fail: sigmoid_range.within_bounds | tanh instead of sigmoid
def sigmoid_range(x, low, high):
    return torch.tanh(x) * (high - low) + low
