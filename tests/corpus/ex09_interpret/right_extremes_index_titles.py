# expect: full-marks
# Each side a pandas Index of titles.
import pandas as pd


def bias_extremes(bias, titles, k=5):
    order = bias.detach().flatten().argsort().numpy()
    names = pd.Index(titles)
    return names[order[:k]], names[order[::-1][:k]]
