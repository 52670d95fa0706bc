# expect-fail: gini.from_scratch | imports quantecon
def gini(counts):
    from quantecon import gini_coefficient

    return float(gini_coefficient(counts.numpy()))
