# expect-fail: bias_extremes.embedding_weight | sorting an [n, 1] tensor along its last dimension
# expect-pass: bias_extremes.lowest
# expect-pass: bias_extremes.highest
def bias_extremes(bias, titles, k=5):
    order = bias.detach().argsort()
    return [titles[int(i)] for i in order[:k]], [titles[int(i)] for i in order.flip(0)[:k]]
