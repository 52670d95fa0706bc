# expect-fail: sigmoid_range.matches_reference | stretching by high instead of high - low
def sigmoid_range(x, low, high):
    return torch.sigmoid(x) * high + low
