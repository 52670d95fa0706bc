# expect: full-marks
def bias_extremes(bias, titles, k=5):
    pairs = sorted(zip(bias.detach().reshape(-1).tolist(), titles))
    lowest = [title for _, title in pairs[:k]]
    highest = [title for _, title in reversed(pairs[-k:])]
    return lowest, highest
