# expect-fail: sigmoid_range.within_bounds | a sigmoid that overflows
# expect-pass: sigmoid_range.matches_reference
# expect-fail: DotProduct.in_y_range | a sigmoid that overflows
def sigmoid_range(x, low, high):
    e = torch.exp(x)
    return e / (1 + e) * (high - low) + low
