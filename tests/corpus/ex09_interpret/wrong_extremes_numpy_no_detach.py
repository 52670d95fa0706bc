# expect-fail: bias_extremes.embedding_weight | numpy() on a tensor that requires grad
# expect-pass: bias_extremes.lowest
import numpy as np


def bias_extremes(bias, titles, k=5):
    order = np.argsort(bias.numpy().ravel())
    return [titles[i] for i in order[:k]], [titles[i] for i in order[::-1][:k]]
