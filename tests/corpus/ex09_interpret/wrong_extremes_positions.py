# expect-fail: bias_extremes.lowest | positions instead of titles
def bias_extremes(bias, titles, k=5):
    order = bias.detach().flatten().argsort()
    return order[:k].tolist(), order.flip(0)[:k].tolist()
