# expect-fail: bias_extremes.highest | the highest listed from the bottom up
# expect-pass: bias_extremes.lowest
def bias_extremes(bias, titles, k=5):
    order = bias.detach().reshape(-1).argsort()
    return [titles[i] for i in order[:k]], [titles[i] for i in order[-k:]]
