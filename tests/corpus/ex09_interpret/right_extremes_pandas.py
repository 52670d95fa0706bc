# expect: full-marks
import pandas as pd


def bias_extremes(bias, titles, k=5):
    s = pd.Series(bias.detach().flatten().numpy(), index=list(titles))
    return s.nsmallest(k).index.tolist(), s.nlargest(k).index.tolist()
