# expect: full-marks
def sigmoid_range(x, low, high):
    return low + (high - low) * x.sigmoid()
