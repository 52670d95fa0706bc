# expect: full-marks
def out_of_bag(n, sample):
    return torch.where(torch.bincount(sample, minlength=n) == 0)[0]
