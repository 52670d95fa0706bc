# expect: full-marks
def out_of_bag(n, sample):
    left = set(range(n)) - set(sample.tolist())
    return torch.tensor(sorted(left), dtype=torch.long)
