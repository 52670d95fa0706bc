# expect-fail: out_of_bag.matches_reference | out_of_bag(6, torch.tensor([0, 2, 2, 5, 0, 3]))
def out_of_bag(n, sample):
    # The positions drawn exactly once, mistaken for those never drawn.
    counts = torch.bincount(sample, minlength=n)
    return torch.nonzero(counts == 1).flatten()
