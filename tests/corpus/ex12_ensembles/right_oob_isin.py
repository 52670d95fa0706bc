# expect: full-marks
def out_of_bag(n, sample):
    everything = torch.arange(n)
    return everything[~torch.isin(everything, sample)]
