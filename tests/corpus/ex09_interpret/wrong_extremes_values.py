# expect-fail: bias_extremes.highest | bias values instead of titles
def bias_extremes(bias, titles, k=5):
    values = sorted(bias.detach().flatten().tolist())
    return values[:k], values[::-1][:k]
