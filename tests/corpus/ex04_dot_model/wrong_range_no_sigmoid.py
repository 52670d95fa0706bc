# expect-fail: sigmoid_range.matches_reference | no sigmoid
def sigmoid_range(x, low, high):
    return x * (high - low) + low
