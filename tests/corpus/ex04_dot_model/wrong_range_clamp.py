# expect-fail: sigmoid_range.matches_reference | first difference at index
# expect-fail: sigmoid_range.within_bounds | every value in
def sigmoid_range(x, low, high):
    return x.clamp(low, high)
