# expect: full-marks
def bias_extremes(bias, titles, k=5):
    flat = bias.detach().view(-1)
    low = torch.topk(flat, k, largest=False).indices
    high = torch.topk(flat, k).indices
    return [titles[i] for i in low.tolist()], [titles[i] for i in high.tolist()]
