# expect-fail: sigmoid_range.matches_reference | sigmoid_range without + low
# expect-fail: sigmoid_range.within_bounds | sigmoid_range without + low
def sigmoid_range(x, low, high):
    return torch.sigmoid(x) * (high - low)
