# expect-fail: out_of_bag.matches_reference | the drawn positions instead of those left out
def out_of_bag(n, sample):
    return torch.unique(sample)
