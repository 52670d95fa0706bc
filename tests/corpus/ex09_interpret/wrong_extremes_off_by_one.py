# expect-fail: bias_extremes.highest | an off-by-one slice
# expect-pass: bias_extremes.lowest
def bias_extremes(bias, titles, k=5):
    order = bias.detach().reshape(-1).argsort()
    return [titles[i] for i in order[:k]], [titles[i] for i in order[-k - 1:-1].flip(0)]
