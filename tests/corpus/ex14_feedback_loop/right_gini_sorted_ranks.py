# expect: full-marks
def gini(counts):
    c, _ = torch.sort(counts.to(torch.float64))
    n, total = c.numel(), c.sum()
    if n == 0 or total == 0:
        return 0.0
    i = torch.arange(1, n + 1, dtype=torch.float64)
    return ((2 * i - n - 1) * c).sum().item() / (n * total.item())
