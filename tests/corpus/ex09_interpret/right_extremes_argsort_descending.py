# expect: full-marks
def bias_extremes(bias, titles, k=5):
    with torch.no_grad():
        flat = bias.squeeze(-1) if bias.dim() == 2 else bias
        lowest = [titles[i] for i in flat.argsort()[:k].tolist()]
        highest = [titles[i] for i in flat.argsort(descending=True)[:k].tolist()]
    return (lowest, highest)
