# expect: full-marks
# The titles picked out of a numpy array of strings: each side is a numpy array, not a list.
import numpy as np


def bias_extremes(bias, titles, k=5):
    order = np.argsort(bias.detach().flatten().numpy(), kind="stable")
    names = np.array(titles)
    return names[order[:k]], names[order[::-1][:k]]
